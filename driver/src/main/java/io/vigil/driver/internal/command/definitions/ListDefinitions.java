package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.values.KeyValue;
import java.time.Duration;
import java.util.List;

/** Lists: pushes, pops (blocking ones included), ranges and moves. */
public interface ListDefinitions<K, V> extends Definitions<K, V> {

  /** Prepends {@code values} (the last one ends up first); the new length. */
  default Spec<Long> lpush(K key, V... values) {
    return command("LPUSH").key(key).values(values).spec(Replies.INTEGER);
  }

  /** Appends {@code values}; the new length. */
  default Spec<Long> rpush(K key, V... values) {
    return command("RPUSH").key(key).values(values).spec(Replies.INTEGER);
  }

  /** Removes and returns the first element, or null when the list is empty. */
  default Spec<V> lpop(K key) {
    return command("LPOP").key(key).spec(value());
  }

  /** Removes and returns the last element, or null when the list is empty. */
  default Spec<V> rpop(K key) {
    return command("RPOP").key(key).spec(value());
  }

  /** The elements from {@code start} to {@code stop} inclusive (negative counts from the end). */
  default Spec<List<V>> lrange(K key, long start, long stop) {
    return command("LRANGE").key(key).add(start).add(stop).spec(values());
  }

  /** The length of the list. */
  default Spec<Long> llen(K key) {
    return command("LLEN").key(key).spec(Replies.INTEGER);
  }

  /** The element at {@code index}, or null. */
  default Spec<V> lindex(K key, long index) {
    return command("LINDEX").key(key).add(index).spec(value());
  }

  /** Replaces the element at {@code index}; returns {@code OK}. */
  default Spec<String> lset(K key, long index, V value) {
    return command("LSET").key(key).add(index).value(value).spec(Replies.STATUS);
  }

  /**
   * Removes up to {@code count} elements equal to {@code value} (0: all; negative: from the
   * tail); how many.
   */
  default Spec<Long> lrem(K key, long count, V value) {
    return command("LREM").key(key).add(count).value(value).spec(Replies.INTEGER);
  }

  /** Trims the list to {@code start}..{@code stop}; returns {@code OK}. */
  default Spec<String> ltrim(K key, long start, long stop) {
    return command("LTRIM").key(key).add(start).add(stop).spec(Replies.STATUS);
  }

  /**
   * Moves the last element of {@code source} to the head of {@code destination} and returns
   * it, or null.
   */
  default Spec<V> rpoplpush(K source, K destination) {
    return command("LMOVE").key(source).key(destination).add("RIGHT").add("LEFT").spec(value());
  }

  /**
   * Removes and returns the first element of the first non-empty list among {@code keys},
   * waiting up to {@code timeout} ({@link Duration#ZERO}: forever); null on timeout. Runs on a
   * connection of its own.
   */
  default Spec<KeyValue<K, V>> blpop(Duration timeout, K... keys) {
    return command("BLPOP").keys(keys).add(Check.blockSeconds("BLPOP", timeout)).blocking(keyValue(), timeout);
  }

  /**
   * Removes and returns the last element of the first non-empty list among {@code keys},
   * waiting up to {@code timeout} ({@link Duration#ZERO}: forever); null on timeout. Runs on a
   * connection of its own.
   */
  default Spec<KeyValue<K, V>> brpop(Duration timeout, K... keys) {
    return command("BRPOP").keys(keys).add(Check.blockSeconds("BRPOP", timeout)).blocking(keyValue(), timeout);
  }

  /**
   * {@link #rpoplpush} that waits up to {@code timeout} for an element; null on timeout. Runs
   * on a connection of its own.
   */
  default Spec<V> brpoplpush(Duration timeout, K source, K destination) {
    return command("BLMOVE").key(source).key(destination).add("RIGHT").add("LEFT").add(Check.blockSeconds("BLMOVE", timeout)).blocking(value(), timeout);
  }
}
