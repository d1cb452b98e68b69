package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import java.util.List;
import java.util.Map;

/** Hashes: field-value maps stored at one key. */
public interface HashDefinitions<K, V> extends Definitions<K, V> {

  /** Sets one field of the hash at {@code key}; 1 when the field is new, 0 when it was updated. */
  default Spec<Long> hset(K key, K field, V value) {
    return command("HSET").key(key).key(field).value(value).spec(Replies.INTEGER);
  }

  /** Sets several fields of the hash at {@code key}; how many were new. */
  default Spec<Long> hset(K key, Map<K, V> fields) {
    return command("HSET").key(key).entries(fields, "fields").spec(Replies.INTEGER);
  }

  /** Sets a field only when it does not exist; whether it did. */
  default Spec<Boolean> hsetnx(K key, K field, V value) {
    return command("HSETNX").key(key).key(field).value(value).spec(Replies.BOOLEAN);
  }

  /** The value of {@code field}, or null. */
  default Spec<V> hget(K key, K field) {
    return command("HGET").key(key).key(field).spec(value());
  }

  /** The values of {@code fields}, null for each missing one. */
  default Spec<List<V>> hmget(K key, K... fields) {
    return command("HMGET").key(key).keys(fields).spec(values());
  }

  /** Every field and value of the hash, in server order; empty when the key does not exist. */
  default Spec<Map<K, V>> hgetall(K key) {
    return command("HGETALL").key(key).spec(map());
  }

  /** Deletes {@code fields}; how many existed. */
  default Spec<Long> hdel(K key, K... fields) {
    return command("HDEL").key(key).keys(fields).spec(Replies.INTEGER);
  }

  /** Whether {@code field} exists. */
  default Spec<Boolean> hexists(K key, K field) {
    return command("HEXISTS").key(key).key(field).spec(Replies.BOOLEAN);
  }

  /** Increments the integer in {@code field} by {@code amount}; the new value. */
  default Spec<Long> hincrby(K key, K field, long amount) {
    return command("HINCRBY").key(key).key(field).add(amount).spec(Replies.INTEGER);
  }

  /** Increments the number in {@code field} by {@code amount}; the new value. */
  default Spec<Double> hincrbyfloat(K key, K field, double amount) {
    return command("HINCRBYFLOAT").key(key).key(field).add(amount).spec(Replies.DOUBLE);
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
}
