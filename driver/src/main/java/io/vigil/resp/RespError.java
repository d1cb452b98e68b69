package io.vigil.resp;

import java.util.Objects;

/**
 * A RESP error reply: a simple error ({@code -ERR ...}) or, in RESP3, a blob error
 * ({@code !21\r\nSYNTAX invalid syntax}).
 *
 * <p>The message keeps Redis's text exactly, prefix included ({@code WRONGTYPE Operation
 * against a key holding the wrong kind of value}).
 */
public record RespError(String message, boolean blob) implements RespValue {

  public RespError {
    Objects.requireNonNull(message, "message");
  }

  /** A simple error with the given text, for example {@code "ERR unknown command"}. */
  public static RespError of(String message) {
    return new RespError(message, false);
  }

  /**
   * The error code: the first word when it is all upper-case ({@code WRONGTYPE}, {@code
   * READONLY}, {@code ERR}), otherwise the empty string.
   */
  public String prefix() {
    int end = message.indexOf(' ');
    String first = end < 0 ? message : message.substring(0, end);
    for (int i = 0; i < first.length(); i++) {
      char c = first.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && c != '_' && c != '-' && !(c >= '0' && c <= '9')) {
        return "";
      }
    }
    return first;
  }

  @Override
  public boolean isError() {
    return true;
  }
}
