package io.vigil.driver.internal.command;

import io.vigil.driver.codec.RedisCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one command, encoded as they are added: the command definitions' way of
 * writing a wire form. Bad input (a null key, an empty key list) throws {@link
 * IllegalArgumentException} naming the command and the argument, before anything is sent.
 *
 * <p>Not thread-safe: one definition call fills one instance.
 */
public final class Args<K, V> {

  private final RedisCodec<K, V> codec;
  private final String name;
  private final List<byte[]> parts = new ArrayList<>(6);
  /** Where the first key-encoded argument went; -1 before one is added. */
  private int keyIndex = -1;

  Args(RedisCodec<K, V> codec, String name) {
    this.codec = codec;
    this.name = name;
    if (name.indexOf(' ') < 0) {
      parts.add(name.getBytes(StandardCharsets.US_ASCII));
    } else {
      for (String word : name.split(" ")) {
        parts.add(word.getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  /** The command's name as written ({@code "XGROUP CREATE"}), for messages. */
  public String name() {
    return name;
  }

  /** Adds a token or text argument (UTF-8). */
  public Args<K, V> add(String text) {
    if (text == null) {
      throw new IllegalArgumentException(name + ": an argument must not be null");
    }
    parts.add(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Adds {@code token} when {@code condition} holds. */
  public Args<K, V> addIf(boolean condition, String token) {
    return condition ? add(token) : this;
  }

  /** Adds raw bytes. */
  public Args<K, V> add(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException(name + ": an argument must not be null");
    }
    parts.add(bytes);
    return this;
  }

  /** Adds an integer. */
  public Args<K, V> add(long n) {
    parts.add(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /** Adds a number as Redis parses it ({@code +inf}, {@code -inf}, or the shortest exact decimal). */
  public Args<K, V> add(double d) {
    if (Double.isNaN(d)) {
      throw new IllegalArgumentException(name + ": a number argument must not be NaN");
    }
    parts.add(number(d).getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /**
   * Adds a range bound as Redis's score ranges take it ({@code ZRANGE … BYSCORE}, {@code ZCOUNT}):
   * the number, after {@code (} when the bound itself is left out.
   */
  public Args<K, V> bound(double d, boolean exclusive) {
    if (Double.isNaN(d)) {
      throw new IllegalArgumentException(name + ": a range bound must not be NaN");
    }
    parts.add(((exclusive ? "(" : "") + number(d)).getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  /** Adds a key (hash field, channel): encoded with the key codec. */
  public Args<K, V> key(K key) {
    return key(key, "key");
  }

  /** Adds a key-encoded argument called {@code what} in messages ({@code "field"}, {@code "channel"}). */
  public Args<K, V> key(K key, String what) {
    if (key == null) {
      throw new IllegalArgumentException(name + ": the " + what + " must not be null");
    }
    if (keyIndex < 0) {
      keyIndex = parts.size();
    }
    parts.add(codec.encodeKey(key));
    return this;
  }

  /** Adds at least one key. */
  public Args<K, V> keys(K[] keys) {
    return keys(keys, "keys");
  }

  /** Adds at least one key-encoded argument, called {@code what} in messages. */
  public Args<K, V> keys(K[] keys, String what) {
    if (keys == null || keys.length == 0) {
      throw new IllegalArgumentException(name + " needs at least one of " + what);
    }
    for (K k : keys) {
      key(k, what.endsWith("s") ? what.substring(0, what.length() - 1) : what);
    }
    return this;
  }

  /** Adds at least one key. */
  public Args<K, V> keys(Collection<K> keys) {
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one of keys");
    }
    for (K k : keys) {
      key(k);
    }
    return this;
  }

  /** Adds keys, none at all allowed ({@code EVAL}'s key list). */
  public Args<K, V> keysOrNone(Collection<K> keys) {
    if (keys == null) {
      throw new IllegalArgumentException(name + ": the key list must not be null (pass an empty list)");
    }
    for (K k : keys) {
      key(k);
    }
    return this;
  }

  /** Adds a value (member, message): encoded with the value codec. */
  public Args<K, V> value(V value) {
    return value(value, "value");
  }

  /** Adds a value-encoded argument called {@code what} in messages ({@code "member"}). */
  public Args<K, V> value(V value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": the " + what + " must not be null");
    }
    parts.add(codec.encodeValue(value));
    return this;
  }

  /** Adds at least one value. */
  public Args<K, V> values(V[] values) {
    return values(values, "values");
  }

  /** Adds at least one value-encoded argument, called {@code what} in messages. */
  public Args<K, V> values(V[] values, String what) {
    if (values == null || values.length == 0) {
      throw new IllegalArgumentException(name + " needs at least one of " + what);
    }
    for (V v : values) {
      value(v, what.endsWith("s") ? what.substring(0, what.length() - 1) : what);
    }
    return this;
  }

  /** Adds values, none at all allowed ({@code EVAL}'s argument list). */
  public Args<K, V> valuesOrNone(Collection<V> values) {
    if (values == null) {
      throw new IllegalArgumentException(name + ": the argument list must not be null (pass an empty list)");
    }
    for (V v : values) {
      value(v);
    }
    return this;
  }

  /** Adds at least one key and value pair. */
  public Args<K, V> entries(Map<K, V> entries, String what) {
    if (entries == null || entries.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one of " + what);
    }
    entries.forEach((k, v) -> key(k, "key of an entry").value(v, "value of an entry"));
    return this;
  }

  /** The command, replied to within the client's command timeout. */
  public <T> Spec<T> spec(ReplyDecoder<T> decoder) {
    return new Spec<>(array(), decoder, 0, false, null, keyIndex);
  }

  /**
   * A command that may wait up to {@code timeout} on the server on the shared connection (WAIT);
   * zero waits forever.
   */
  public <T> Spec<T> timed(ReplyDecoder<T> decoder, Duration timeout) {
    return new Spec<>(array(), decoder, extra(timeout), false, null, keyIndex);
  }

  /** A blocking command (BLPOP, XREAD BLOCK…): a connection of its own, {@code timeout} added. */
  public <T> Spec<T> blocking(ReplyDecoder<T> decoder, Duration timeout) {
    return new Spec<>(array(), decoder, extra(timeout), true, null, keyIndex);
  }

  private static long extra(Duration timeout) {
    return timeout.isZero() ? -1 : timeout.toNanos();
  }

  byte[][] array() {
    return parts.toArray(new byte[0][]);
  }

  /** Redis's spelling of a double argument. */
  static String number(double d) {
    if (d == Double.POSITIVE_INFINITY) {
      return "+inf";
    }
    if (d == Double.NEGATIVE_INFINITY) {
      return "-inf";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
