package io.vigil.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A RESP bulk string ({@code $5\r\nhello}): binary-safe bytes.
 *
 * <p>The array is owned by this value: callers must not modify what they pass in or read out.
 */
public final class RespBulkString implements RespValue {

  /** The empty bulk string. */
  public static final RespBulkString EMPTY = new RespBulkString(new byte[0]);

  private final byte[] bytes;

  private RespBulkString(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps bytes without copying; the caller gives up ownership of the array. */
  public static RespBulkString of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new RespBulkString(bytes);
  }

  /** Encodes text as UTF-8. */
  public static RespBulkString of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The raw bytes (not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  /** The bytes decoded as UTF-8. */
  public String asString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RespBulkString other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RespBulkString[" + RespText.printable(bytes) + "]";
  }
}
