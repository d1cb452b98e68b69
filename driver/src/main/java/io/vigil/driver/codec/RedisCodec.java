package io.vigil.driver.codec;

/**
 * Turns keys and values into the bytes Redis stores, and replies back into keys and values.
 *
 * <p>Every client view has one ({@link io.vigil.driver.ClientView#withCodec}): keys, hash fields
 * and channels go through the key half, values, members and messages through the value half.
 * Implementations must be thread-safe and must not keep the arrays they are given or return.
 * Built in: {@link StringCodec#UTF8} (the client's default) and {@link ByteArrayCodec#INSTANCE};
 * write your own for JSON, protobuf or compressed values:
 *
 * <pre>{@code
 * RedisCodec<String, Order> orders =
 *     RedisCodec.of(StringCodec.UTF8, json::toBytes, bytes -> json.fromBytes(bytes, Order.class));
 * ClientView<String, Order> view = redis.withCodec(orders);
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface RedisCodec<K, V> {

  /** The bytes of {@code key}; never null. */
  byte[] encodeKey(K key);

  /** The bytes of {@code value}; never null. */
  byte[] encodeValue(V value);

  /** The key the server sent as {@code bytes}. */
  K decodeKey(byte[] bytes);

  /** The value the server sent as {@code bytes}. */
  V decodeValue(byte[] bytes);

  /**
   * A codec whose keys come from {@code keys} and whose values are turned into bytes by {@code
   * encode} and back by {@code decode}.
   */
  static <K, V> RedisCodec<K, V> of(RedisCodec<K, ?> keys, ValueEncoder<V> encode, ValueDecoder<V> decode) {
    java.util.Objects.requireNonNull(keys, "keys");
    java.util.Objects.requireNonNull(encode, "encode");
    java.util.Objects.requireNonNull(decode, "decode");
    return new RedisCodec<>() {
      @Override
      public byte[] encodeKey(K key) {
        return keys.encodeKey(key);
      }

      @Override
      public byte[] encodeValue(V value) {
        return encode.encode(value);
      }

      @Override
      public K decodeKey(byte[] bytes) {
        return keys.decodeKey(bytes);
      }

      @Override
      public V decodeValue(byte[] bytes) {
        return decode.decode(bytes);
      }

      @Override
      public String toString() {
        return "RedisCodec{keys " + keys + ", values " + encode + "}";
      }
    };
  }

  /** Turns a value into bytes, for {@link #of}. */
  @FunctionalInterface
  interface ValueEncoder<V> {
    byte[] encode(V value);
  }

  /** Turns bytes into a value, for {@link #of}. */
  @FunctionalInterface
  interface ValueDecoder<V> {
    V decode(byte[] bytes);
  }
}
