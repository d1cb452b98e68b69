package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Strings: values, counters, ranges and expiring writes. */
public interface StringDefinitions<K, V> extends Definitions<K, V> {

  /** The value of {@code key}, or null when it does not exist. */
  default Spec<V> get(K key) {
    return command("GET").key(key).spec(value());
  }

  /** Sets {@code key} to {@code value}, replacing any value and expiry; returns {@code OK}. */
  default Spec<String> set(K key, V value) {
    return command("SET").key(key).value(value).spec(Replies.STATUS);
  }

  /**
   * Sets {@code key} to {@code value} expiring after {@code ttl} (millisecond precision);
   * returns {@code OK}.
   */
  default Spec<String> set(K key, V value, Duration ttl) {
    return command("SET").key(key).value(value).add("PX").add(Check.ttlMillis("SET", ttl)).spec(Replies.STATUS);
  }

  /** Sets {@code key} only when it does not exist ({@code SET NX}); whether it was set. */
  default Spec<Boolean> setIfAbsent(K key, V value) {
    return command("SET").key(key).value(value).add("NX").spec(Replies.OK_OR_NULL);
  }

  /** Sets {@code key} with an expiry only when it does not exist; whether it was set. */
  default Spec<Boolean> setIfAbsent(K key, V value, Duration ttl) {
    return command("SET").key(key).value(value).add("NX").add("PX").add(Check.ttlMillis("SET", ttl)).spec(Replies.OK_OR_NULL);
  }

  /** Sets {@code key} and returns its previous value ({@code SET GET}), or null. */
  default Spec<V> setGet(K key, V value) {
    return command("SET").key(key).value(value).add("GET").spec(value());
  }

  /** Returns the value of {@code key} and deletes it, or null. */
  default Spec<V> getdel(K key) {
    return command("GETDEL").key(key).spec(value());
  }

  /** The values of {@code keys}, null for each missing one. */
  default Spec<List<V>> mget(K... keys) {
    return command("MGET").keys(keys).spec(values());
  }

  /** Sets every key of {@code entries} at once; returns {@code OK}. */
  default Spec<String> mset(Map<K, V> entries) {
    return command("MSET").entries(entries, "entries").spec(Replies.STATUS);
  }

  /** Increments the integer at {@code key} by one; the new value. */
  default Spec<Long> incr(K key) {
    return command("INCR").key(key).spec(Replies.INTEGER);
  }

  /** Increments the integer at {@code key} by {@code amount}; the new value. */
  default Spec<Long> incrby(K key, long amount) {
    return command("INCRBY").key(key).add(amount).spec(Replies.INTEGER);
  }

  /** Decrements the integer at {@code key} by one; the new value. */
  default Spec<Long> decr(K key) {
    return command("DECR").key(key).spec(Replies.INTEGER);
  }

  /** Decrements the integer at {@code key} by {@code amount}; the new value. */
  default Spec<Long> decrby(K key, long amount) {
    return command("DECRBY").key(key).add(amount).spec(Replies.INTEGER);
  }

  /** Increments the number at {@code key} by {@code amount}; the new value. */
  default Spec<Double> incrbyfloat(K key, double amount) {
    return command("INCRBYFLOAT").key(key).add(amount).spec(Replies.DOUBLE);
  }

  /** Appends {@code value}; the new length in bytes. */
  default Spec<Long> append(K key, V value) {
    return command("APPEND").key(key).value(value).spec(Replies.INTEGER);
  }

  /** The length in bytes of the value at {@code key}, 0 when missing. */
  default Spec<Long> strlen(K key) {
    return command("STRLEN").key(key).spec(Replies.INTEGER);
  }

  /** The bytes from {@code start} to {@code end} inclusive (negative counts from the end). */
  default Spec<V> getrange(K key, long start, long end) {
    return command("GETRANGE").key(key).add(start).add(end).spec(value());
  }

  /** Overwrites part of the value from {@code offset}; the new length. */
  default Spec<Long> setrange(K key, long offset, V value) {
    return command("SETRANGE").key(key).add(offset).value(value).spec(Replies.INTEGER);
  }
}
