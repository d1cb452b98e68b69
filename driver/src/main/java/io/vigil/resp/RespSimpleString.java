package io.vigil.resp;

import java.util.Objects;

/** A RESP simple string ({@code +OK}); its text never contains CR or LF. */
public record RespSimpleString(String value) implements RespValue {

  /** The ubiquitous {@code +OK}. */
  public static final RespSimpleString OK = new RespSimpleString("OK");
  /** The reply to PING. */
  public static final RespSimpleString PONG = new RespSimpleString("PONG");
  /** The reply to a command queued inside MULTI. */
  public static final RespSimpleString QUEUED = new RespSimpleString("QUEUED");

  public RespSimpleString {
    Objects.requireNonNull(value, "value");
  }

  /** Returns a simple string, reusing the shared instances for common replies. */
  public static RespSimpleString of(String value) {
    switch (value) {
      case "OK":
        return OK;
      case "PONG":
        return PONG;
      case "QUEUED":
        return QUEUED;
      default:
        return new RespSimpleString(value);
    }
  }
}
