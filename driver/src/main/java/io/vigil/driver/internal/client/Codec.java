package io.vigil.driver.internal.client;

import java.nio.charset.StandardCharsets;

/**
 * Turns keys and values into bytes and back. Two exist: UTF-8 strings and raw byte arrays.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Codec<K, V> {

  /** UTF-8 strings for keys and values. */
  Codec<String, String> UTF8 = new Codec<>() {
    @Override
    public byte[] encodeKey(String key) {
      return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] encodeValue(String value) {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decodeKey(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String decodeValue(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  };

  /** Byte arrays as they are; the arrays are not copied. */
  Codec<byte[], byte[]> BYTES = new Codec<>() {
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
  };

  byte[] encodeKey(K key);

  byte[] encodeValue(V value);

  K decodeKey(byte[] bytes);

  V decodeValue(byte[] bytes);
}
