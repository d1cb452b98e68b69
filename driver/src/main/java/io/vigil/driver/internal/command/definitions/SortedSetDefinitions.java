package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.NullableReply;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.values.ScoredValue;
import java.util.Collection;
import java.util.List;

/** Sorted sets: members ordered by score, ranges by rank, score and lexicographic order. */
public interface SortedSetDefinitions<K, V> extends Definitions<K, V> {

  /** Adds or updates one member with its score; 1 when it is new. */
  default Spec<Long> zadd(K key, double score, V member) {
    return command("ZADD").key(key).add(score).value(member).spec(Replies.INTEGER);
  }

  /** Adds or updates {@code members}; how many were new. */
  default Spec<Long> zadd(K key, Collection<ScoredValue<V>> members) {
    Args<K, V> args = command("ZADD").key(key);
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("ZADD needs at least one member");
    }
    for (ScoredValue<V> m : members) {
      args.add(m.score()).value(m.value(), "member");
    }
    return args.spec(Replies.INTEGER);
  }

  /** The score of {@code member}, or null when it is not in the set. */
  @NullableReply
  default Spec<Double> zscore(K key, V member) {
    return command("ZSCORE").key(key).value(member).spec(Replies.DOUBLE);
  }

  /**
   * Adds {@code amount} to the score of {@code member} (adding it at 0 first if needed); the
   * new score.
   */
  default Spec<Double> zincrby(K key, double amount, V member) {
    return command("ZINCRBY").key(key).add(amount).value(member).spec(Replies.DOUBLE);
  }

  /** Removes {@code members}; how many were there. */
  default Spec<Long> zrem(K key, V... members) {
    return command("ZREM").key(key).values(members).spec(Replies.INTEGER);
  }

  /** The number of members. */
  default Spec<Long> zcard(K key) {
    return command("ZCARD").key(key).spec(Replies.INTEGER);
  }

  /** The 0-based rank of {@code member} by ascending score, or null when it is not in the set. */
  @NullableReply
  default Spec<Long> zrank(K key, V member) {
    return command("ZRANK").key(key).value(member).spec(Replies.NULLABLE_INTEGER);
  }

  /** How many members have a score between {@code min} and {@code max} inclusive. */
  default Spec<Long> zcount(K key, double min, double max) {
    return command("ZCOUNT").key(key).add(min).add(max).spec(Replies.INTEGER);
  }

  /** The members ranked {@code start} to {@code stop} inclusive, by ascending score. */
  default Spec<List<V>> zrange(K key, long start, long stop) {
    return command("ZRANGE").key(key).add(start).add(stop).spec(values());
  }

  /** The members ranked {@code start} to {@code stop} inclusive with their scores. */
  default Spec<List<ScoredValue<V>>> zrangeWithScores(K key, long start, long stop) {
    return command("ZRANGE").key(key).add(start).add(stop).add("WITHSCORES").spec(scored());
  }

  /** The members ranked {@code start} to {@code stop} inclusive, by descending score. */
  default Spec<List<V>> zrevrange(K key, long start, long stop) {
    return command("ZRANGE").key(key).add(start).add(stop).add("REV").spec(values());
  }

  /** The members with a score between {@code min} and {@code max} inclusive, ascending. */
  default Spec<List<V>> zrangebyscore(K key, double min, double max) {
    return command("ZRANGE").key(key).add(min).add(max).add("BYSCORE").spec(values());
  }
}
