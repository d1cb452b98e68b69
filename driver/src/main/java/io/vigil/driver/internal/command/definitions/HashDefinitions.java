package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.HashReplies;
import io.vigil.driver.values.HashScanPage;
import io.vigil.driver.values.KeyValue;
import java.util.List;
import java.util.Map;

/** Hashes: field-value maps stored at one key. */
public interface HashDefinitions<K, V> extends Definitions<K, V> {

  /** Sets one field of the hash at {@code key}; 1 when the field is new, 0 when it was updated. */
  default Spec<Long> hset(K key, K field, V value) {
    return command("HSET").key(key).key(field, "field").value(value).spec(Replies.INTEGER);
  }

  /** Sets several fields of the hash at {@code key}; how many were new. */
  default Spec<Long> hset(K key, Map<K, V> fields) {
    return command("HSET").key(key).entries(fields, "fields").spec(Replies.INTEGER);
  }

  /** Sets a field only when it does not exist; whether it did. */
  default Spec<Boolean> hsetnx(K key, K field, V value) {
    return command("HSETNX").key(key).key(field, "field").value(value).spec(Replies.BOOLEAN);
  }

  /** The value of {@code field}, or null. */
  default Spec<V> hget(K key, K field) {
    return command("HGET").key(key).key(field, "field").spec(value());
  }

  /** The values of {@code fields}, null for each missing one. */
  default Spec<List<V>> hmget(K key, K... fields) {
    return command("HMGET").key(key).keys(fields, "fields").spec(values());
  }

  /** Every field and value of the hash, in server order; empty when the key does not exist. */
  default Spec<Map<K, V>> hgetall(K key) {
    return command("HGETALL").key(key).spec(map());
  }

  /** Deletes {@code fields}; how many existed. */
  default Spec<Long> hdel(K key, K... fields) {
    return command("HDEL").key(key).keys(fields, "fields").spec(Replies.INTEGER);
  }

  /** Whether {@code field} exists. */
  default Spec<Boolean> hexists(K key, K field) {
    return command("HEXISTS").key(key).key(field, "field").spec(Replies.BOOLEAN);
  }

  /** Increments the integer in {@code field} by {@code amount}; the new value. */
  default Spec<Long> hincrby(K key, K field, long amount) {
    return command("HINCRBY").key(key).key(field, "field").add(amount).spec(Replies.INTEGER);
  }

  /** Increments the number in {@code field} by {@code amount}; the new value. */
  default Spec<Double> hincrbyfloat(K key, K field, double amount) {
    return command("HINCRBYFLOAT").key(key).key(field, "field").add(amount).spec(Replies.DOUBLE);
  }

  /** The field names of the hash. */
  default Spec<List<K>> hkeys(K key) {
    return command("HKEYS").key(key).spec(keyList());
  }

  /** The values of the hash. */
  default Spec<List<V>> hvals(K key) {
    return command("HVALS").key(key).spec(values());
  }

  /** The number of fields in the hash. */
  default Spec<Long> hlen(K key) {
    return command("HLEN").key(key).spec(Replies.INTEGER);
  }

  /**
   * Sets several fields of the hash at {@code key}; returns {@code OK}. Deprecated in Redis 4.0:
   * {@link #hset(Object, Map)} does the same and says how many fields were new.
   */
  default Spec<String> hmset(K key, Map<K, V> fields) {
    return command("HMSET").key(key).entries(fields, "fields").spec(Replies.STATUS);
  }

  /** The length in bytes of the value of {@code field}; 0 when the field or the hash does not exist. */
  default Spec<Long> hstrlen(K key, K field) {
    return command("HSTRLEN").key(key).key(field, "field").spec(Replies.INTEGER);
  }

  /** A random field of the hash, or null when the key does not exist. */
  default Spec<K> hrandfield(K key) {
    return command("HRANDFIELD").key(key).spec(HashReplies.field(codec()));
  }

  /**
   * Random fields of the hash: with a positive {@code count}, that many distinct fields (all of
   * them when the hash is smaller); with a negative one, exactly {@code -count} fields that may
   * repeat; empty when the key does not exist or {@code count} is 0.
   */
  default Spec<List<K>> hrandfield(K key, long count) {
    return command("HRANDFIELD").key(key).add(count).spec(keyList());
  }

  /**
   * {@link #hrandfield(Object, long)} with each field's value ({@code WITHVALUES}); a list, not a
   * map, because a negative {@code count} may pick a field twice.
   */
  default Spec<List<KeyValue<K, V>>> hrandfieldWithValues(K key, long count) {
    return command("HRANDFIELD").key(key).add(count).add("WITHVALUES").spec(HashReplies.fieldValues(codec()));
  }

  /**
   * One page of the fields and values of the hash at {@code key}, from {@code cursor} ({@code
   * "0"} to start; the page's cursor to continue, until it is {@code "0"} again). A missing key is
   * one empty, last page. A small hash comes back whole in one page.
   */
  default Spec<HashScanPage<K, V>> hscan(K key, String cursor) {
    return command("HSCAN").key(key).add(Check.notNull("HSCAN", "the cursor", cursor))
        .spec(HashReplies.scanPage(codec()));
  }

  /**
   * {@link #hscan(Object, String)} with fields matching {@code args}' pattern and its {@code
   * COUNT} hint. The pattern applies to fields; pages may be empty while the iteration goes on.
   */
  default Spec<HashScanPage<K, V>> hscan(K key, String cursor, ElementScanArgs args) {
    return CollectionWire.scan(command("HSCAN").key(key).add(Check.notNull("HSCAN", "the cursor", cursor)), args)
        .spec(HashReplies.scanPage(codec()));
  }
}
