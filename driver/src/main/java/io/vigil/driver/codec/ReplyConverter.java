package io.vigil.driver.codec;

import io.vigil.driver.internal.command.Replies;
import io.vigil.resp.RespValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a raw reply into a Java result, decoding keys and values with the view's codec: what
 * {@link io.vigil.driver.RedisCommands#execute(ReplyConverter, String...)} returns for a command
 * the typed API does not cover. Error replies never reach a converter: they throw as for typed
 * commands. The built-in converters accept both RESP2 and RESP3 shapes (a RESP3 map or a flat
 * RESP2 array, a RESP3 double or a bulk string…) and throw {@link
 * io.vigil.driver.UnexpectedReplyException} for a reply of another shape.
 *
 * <pre>{@code
 * long freq = redis.execute(ReplyConverter.integer(), "OBJECT", "FREQ", "page:home");
 * List<String> names = redis.execute(ReplyConverter.values(), "LRANGE", "names", "0", "-1");
 * }</pre>
 *
 * @param <K> the key type of the view's codec
 * @param <V> the value type of the view's codec
 * @param <T> the result type
 */
@FunctionalInterface
public interface ReplyConverter<K, V, T> {

  /** The result of {@code reply} (never an error reply), keys and values decoded with {@code codec}. */
  T convert(RespValue reply, RedisCodec<K, V> codec);

  /** The raw reply. */
  static <K, V> ReplyConverter<K, V, RespValue> raw() {
    return (r, c) -> r;
  }

  /** An integer reply (or a numeric string). */
  static <K, V> ReplyConverter<K, V, Long> integer() {
    return (r, c) -> Replies.INTEGER.decode(r);
  }

  /** A double (RESP3 double, integer or numeric string); null stays null. */
  static <K, V> ReplyConverter<K, V, Double> number() {
    return (r, c) -> Replies.DOUBLE.decode(r);
  }

  /** A boolean (RESP3 boolean or integer 1/0). */
  static <K, V> ReplyConverter<K, V, Boolean> bool() {
    return (r, c) -> Replies.BOOLEAN.decode(r);
  }

  /** Text of a status, bulk or verbatim string; null stays null. */
  static <K, V> ReplyConverter<K, V, String> text() {
    return (r, c) -> Replies.TEXT.decode(r);
  }

  /** A bulk string as a value; null stays null. */
  static <K, V> ReplyConverter<K, V, V> value() {
    return (r, c) -> Replies.<V>value(c).decode(r);
  }

  /** An array or set of values, nulls kept. */
  static <K, V> ReplyConverter<K, V, List<V>> values() {
    return (r, c) -> Replies.values(c).decode(r);
  }

  /** An array or set of keys. */
  static <K, V> ReplyConverter<K, V, List<K>> keys() {
    return (r, c) -> Replies.keys(c).decode(r);
  }

  /** A set (RESP3) or array (RESP2) of values, in reply order. */
  static <K, V> ReplyConverter<K, V, Set<V>> valueSet() {
    return (r, c) -> Replies.valueSet(c).decode(r);
  }

  /** A map (RESP3) or a flat array of keys and values (RESP2), in reply order. */
  static <K, V> ReplyConverter<K, V, Map<K, V>> map() {
    return (r, c) -> Replies.map(c).decode(r);
  }

  /**
   * Plain Java: bulk strings as values, integers as {@code Long}, status as {@code String},
   * doubles, booleans, maps as {@code Map}, arrays as {@code List}, nulls as null, errors nested
   * in arrays as the {@link io.vigil.resp.RespError} itself.
   */
  static <K, V> ReplyConverter<K, V, Object> object() {
    return (r, c) -> Replies.object(c).decode(r);
  }
}
