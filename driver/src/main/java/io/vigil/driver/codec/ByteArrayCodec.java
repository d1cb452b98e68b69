package io.vigil.driver.codec;

/**
 * Keys and values as the raw bytes Redis stores: the arrays are passed through, not copied, so do
 * not change an array after handing it to a command or after receiving it.
 *
 * <p>Stateless and thread-safe.
 */
public final class ByteArrayCodec implements RedisCodec<byte[], byte[]> {

  /** The one instance. */
  public static final ByteArrayCodec INSTANCE = new ByteArrayCodec();

  private ByteArrayCodec() {}

  @Override
  public byte[] encodeKey(byte[] key) {
    return key;
  }

  @Override
  public byte[] encodeValue(byte[] value) {
    return value;
  }

  @Override
  public byte[] decodeKey(byte[] bytes) {
    return bytes;
  }

  @Override
  public byte[] decodeValue(byte[] bytes) {
    return bytes;
  }

  @Override
  public String toString() {
    return "ByteArrayCodec";
  }
}
