package io.vigil.driver.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Keys and values as text in one character set; {@link #UTF8} is the client's default codec.
 *
 * <p>Immutable and thread-safe.
 */
public final class StringCodec implements RedisCodec<String, String> {

  /** UTF-8 keys and values. */
  public static final StringCodec UTF8 = new StringCodec(StandardCharsets.UTF_8);

  private final Charset charset;

  private StringCodec(Charset charset) {
    this.charset = charset;
  }

  /** Keys and values encoded in {@code charset}. */
  public static StringCodec of(Charset charset) {
    Objects.requireNonNull(charset, "charset");
    return charset.equals(StandardCharsets.UTF_8) ? UTF8 : new StringCodec(charset);
  }

  @Override
  public byte[] encodeKey(String key) {
    return key.getBytes(charset);
  }

  @Override
  public byte[] encodeValue(String value) {
    return value.getBytes(charset);
  }

  @Override
  public String decodeKey(byte[] bytes) {
    return new String(bytes, charset);
  }

  @Override
  public String decodeValue(byte[] bytes) {
    return new String(bytes, charset);
  }

  @Override
  public String toString() {
    return "StringCodec{" + charset + "}";
  }
}
