package io.vigil.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A RESP3 verbatim string ({@code =15\r\ntxt:Some string}): a three-letter format and the
 * text. A RESP2 peer receives the text alone as a bulk string, as Redis sends it.
 */
public final class RespVerbatimString implements RespValue {

  private final String format;
  private final byte[] bytes;

  private RespVerbatimString(String format, byte[] bytes) {
    this.format = format;
    this.bytes = bytes;
  }

  /**
   * A verbatim string; {@code format} must be exactly three ASCII characters ({@code txt},
   * {@code mkd}).
   */
  public static RespVerbatimString of(String format, byte[] bytes) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(bytes, "bytes");
    if (format.length() != 3 || !StandardCharsets.US_ASCII.newEncoder().canEncode(format)) {
      throw new IllegalArgumentException(
          "a verbatim string format is three ASCII characters, got '" + format + "'");
    }
    return new RespVerbatimString(format, bytes);
  }

  /** A {@code txt} verbatim string of UTF-8 text. */
  public static RespVerbatimString text(String text) {
    return of("txt", text.getBytes(StandardCharsets.UTF_8));
  }

  /** The three-letter format, such as {@code txt}. */
  public String format() {
    return format;
  }

  /** The content bytes (not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  /** The content as UTF-8 text. */
  public String asString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RespVerbatimString other
        && format.equals(other.format)
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * format.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "RespVerbatimString[" + format + ":" + RespText.printable(bytes) + "]";
  }
}
