package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.args.LexRange;
import io.vigil.driver.args.ScoreEnd;
import io.vigil.driver.args.ScoreRange;
import io.vigil.driver.args.ZAddArgs;
import io.vigil.driver.args.ZAggregateArgs;
import io.vigil.driver.args.ZRangeArgs;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.NullableReply;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.SortedSetReplies;
import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.ScoredValue;
import io.vigil.driver.values.SortedSetScanPage;
import java.time.Duration;
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
    return scoredMembers(command("ZADD").key(key), members).spec(Replies.INTEGER);
  }

  /**
   * Adds or updates one member as {@code args} allow ({@code NX}, {@code XX}, {@code GT}, {@code
   * LT}); how many members were added, or with {@code CH} added or changed (0 or 1).
   */
  default Spec<Long> zadd(K key, ZAddArgs args, double score, V member) {
    return zaddArgs(command("ZADD").key(key), args).add(score).value(member, "member").spec(Replies.INTEGER);
  }

  /**
   * Adds or updates {@code members} as {@code args} allow; how many were added, or with {@code
   * CH} added or changed.
   */
  default Spec<Long> zadd(K key, ZAddArgs args, Collection<ScoredValue<V>> members) {
    return scoredMembers(zaddArgs(command("ZADD").key(key), args), members).spec(Replies.INTEGER);
  }

  /**
   * Adds {@code increment} to the score of {@code member} as {@code args} allow ({@code ZADD …
   * INCR}); the new score, or null when a condition ({@code NX}, {@code XX}, {@code GT}, {@code
   * LT}) stopped the update. Without a condition, use {@link #zincrby}.
   */
  @NullableReply
  default Spec<Double> zaddIncr(K key, ZAddArgs args, double increment, V member) {
    return zaddArgs(command("ZADD").key(key), args).add("INCR").add(increment).value(member, "member")
        .spec(Replies.DOUBLE);
  }

  /** The score of {@code member}, or null when it is not in the set. */
  @NullableReply
  default Spec<Double> zscore(K key, V member) {
    return command("ZSCORE").key(key).value(member, "member").spec(Replies.DOUBLE);
  }

  /**
   * Adds {@code amount} to the score of {@code member} (adding it at 0 first if needed); the
   * new score.
   */
  default Spec<Double> zincrby(K key, double amount, V member) {
    return command("ZINCRBY").key(key).add(amount).value(member, "member").spec(Replies.DOUBLE);
  }

  /** Removes {@code members}; how many were there. */
  default Spec<Long> zrem(K key, V... members) {
    return command("ZREM").key(key).values(members, "members").spec(Replies.INTEGER);
  }

  /** The number of members. */
  default Spec<Long> zcard(K key) {
    return command("ZCARD").key(key).spec(Replies.INTEGER);
  }

  /** The 0-based rank of {@code member} by ascending score, or null when it is not in the set. */
  @NullableReply
  default Spec<Long> zrank(K key, V member) {
    return command("ZRANK").key(key).value(member, "member").spec(Replies.NULLABLE_INTEGER);
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

  /**
   * The members with a score between {@code max} and {@code min} inclusive, descending.
   * {@code ZREVRANGEBYSCORE} is deprecated in Redis 6.2: this sends {@code ZRANGE … BYSCORE REV},
   * and {@link #zrange(Object, ZRangeArgs)} takes exclusive bounds and a {@code LIMIT}.
   */
  default Spec<List<V>> zrevrangebyscore(K key, double max, double min) {
    return command("ZRANGE").key(key).add(max).add(min).add("BYSCORE").add("REV").spec(values());
  }

  /**
   * The members in {@code range}, in byte order. {@code ZRANGEBYLEX} is deprecated in Redis 6.2:
   * this sends {@code ZRANGE … BYLEX}, as {@link #zrange(Object, ZRangeArgs)} does.
   */
  default Spec<List<V>> zrangebylex(K key, LexRange<V> range) {
    return CollectionWire.lex(command("ZRANGE").key(key), codec(), range, false).add("BYLEX").spec(values());
  }

  /**
   * The members in {@code range}, in reverse byte order. {@code ZREVRANGEBYLEX} is deprecated in
   * Redis 6.2: this sends {@code ZRANGE … BYLEX REV}.
   */
  default Spec<List<V>> zrevrangebylex(K key, LexRange<V> range) {
    return CollectionWire.lex(command("ZRANGE").key(key), codec(), range, true).add("BYLEX").add("REV")
        .spec(values());
  }

  /**
   * The members {@code args} selects: by rank, score or byte order, optionally reversed and
   * paged. Empty when the key does not exist. (A rank or score selection does not involve the
   * member type, so {@code ZRangeArgs.byRank(0, 9).rev()} fits any view.)
   *
   * <pre>{@code
   * redis.zrange("scores", ZRangeArgs.byScore(ScoreRange.greaterThan(90)).rev().limit(0, 10));
   * }</pre>
   */
  default Spec<List<V>> zrange(K key, ZRangeArgs<? super V> args) {
    return CollectionWire.range(command("ZRANGE").key(key), codec(), args).spec(values());
  }

  /**
   * The members {@code args} selects, with their scores ({@code WITHSCORES}).
   *
   * @throws IllegalArgumentException for a byte-order range, which Redis does not combine with
   *     scores
   */
  default Spec<List<ScoredValue<V>>> zrangeWithScores(K key, ZRangeArgs<? super V> args) {
    if (args != null && args.by() == ZRangeArgs.By.LEX) {
      throw new IllegalArgumentException("ZRANGE: WITHSCORES does not combine with a byte-order range (BYLEX);"
          + " use zrange for the members");
    }
    return CollectionWire.range(command("ZRANGE").key(key), codec(), args).add("WITHSCORES").spec(scored());
  }

  /**
   * Stores the members of {@code source} that {@code args} selects, with their scores, at {@code
   * destination}, replacing it (deleting it when nothing is selected); how many were stored.
   */
  default Spec<Long> zrangestore(K destination, K source, ZRangeArgs<? super V> args) {
    Args<K, V> a = CollectionWire.destination(command("ZRANGESTORE"), codec(), destination).key(source, "source");
    return CollectionWire.range(a, codec(), args).spec(Replies.INTEGER);
  }

  /** How many members have a score in {@code range}. */
  default Spec<Long> zcount(K key, ScoreRange range) {
    return CollectionWire.scores(command("ZCOUNT").key(key), range, false).spec(Replies.INTEGER);
  }

  /** How many members are in {@code range} in byte order. */
  default Spec<Long> zlexcount(K key, LexRange<V> range) {
    return CollectionWire.lex(command("ZLEXCOUNT").key(key), codec(), range, false).spec(Replies.INTEGER);
  }

  /** The 0-based rank of {@code member} by descending score, or null when it is not in the set. */
  @NullableReply
  default Spec<Long> zrevrank(K key, V member) {
    return command("ZREVRANK").key(key).value(member, "member").spec(Replies.NULLABLE_INTEGER);
  }

  /** The scores of {@code members}, in order, null for each one not in the set. */
  default Spec<List<Double>> zmscore(K key, V... members) {
    return command("ZMSCORE").key(key).values(members, "members").spec(SortedSetReplies.SCORES);
  }

  /** Removes the members ranked {@code start} to {@code stop} inclusive (negative counts from the end); how many. */
  default Spec<Long> zremrangebyrank(K key, long start, long stop) {
    return command("ZREMRANGEBYRANK").key(key).add(start).add(stop).spec(Replies.INTEGER);
  }

  /** Removes the members with a score in {@code range}; how many. */
  default Spec<Long> zremrangebyscore(K key, ScoreRange range) {
    return CollectionWire.scores(command("ZREMRANGEBYSCORE").key(key), range, false).spec(Replies.INTEGER);
  }

  /** Removes the members in {@code range} in byte order; how many. */
  default Spec<Long> zremrangebylex(K key, LexRange<V> range) {
    return CollectionWire.lex(command("ZREMRANGEBYLEX").key(key), codec(), range, false).spec(Replies.INTEGER);
  }

  /** Removes and returns the member with the lowest score, or null when the set is empty. */
  default Spec<ScoredValue<V>> zpopmin(K key) {
    return command("ZPOPMIN").key(key).spec(SortedSetReplies.scoredValue(codec()));
  }

  /** Removes and returns up to {@code count} members with the lowest scores, lowest first. */
  default Spec<List<ScoredValue<V>>> zpopmin(K key, long count) {
    return command("ZPOPMIN").key(key).add(Check.notNegative("ZPOPMIN", "count", count)).spec(scored());
  }

  /** Removes and returns the member with the highest score, or null when the set is empty. */
  default Spec<ScoredValue<V>> zpopmax(K key) {
    return command("ZPOPMAX").key(key).spec(SortedSetReplies.scoredValue(codec()));
  }

  /** Removes and returns up to {@code count} members with the highest scores, highest first. */
  default Spec<List<ScoredValue<V>>> zpopmax(K key, long count) {
    return command("ZPOPMAX").key(key).add(Check.notNegative("ZPOPMAX", "count", count)).spec(scored());
  }

  /**
   * Removes and returns the member with the lowest score of the first non-empty sorted set among
   * {@code keys}, with that key, waiting up to {@code timeout} ({@link Duration#ZERO}: forever);
   * null on timeout. Runs on a connection of its own.
   */
  default Spec<KeyValue<K, ScoredValue<V>>> bzpopmin(Duration timeout, K... keys) {
    return command("BZPOPMIN").keys(keys).add(Check.blockSeconds("BZPOPMIN", timeout))
        .blocking(SortedSetReplies.keyScoredValue(codec()), timeout);
  }

  /**
   * Removes and returns the member with the highest score of the first non-empty sorted set
   * among {@code keys}, with that key, waiting up to {@code timeout} ({@link Duration#ZERO}:
   * forever); null on timeout. Runs on a connection of its own.
   */
  default Spec<KeyValue<K, ScoredValue<V>>> bzpopmax(Duration timeout, K... keys) {
    return command("BZPOPMAX").keys(keys).add(Check.blockSeconds("BZPOPMAX", timeout))
        .blocking(SortedSetReplies.keyScoredValue(codec()), timeout);
  }

  /**
   * Pops the member with the lowest ({@link ScoreEnd#MIN}) or highest ({@link ScoreEnd#MAX}) score
   * of the first non-empty sorted set among {@code keys}; that key and the member with its score,
   * or null when all are empty.
   */
  default Spec<KeyValue<K, List<ScoredValue<V>>>> zmpop(ScoreEnd end, K... keys) {
    return mpop(command("ZMPOP"), end, keys).spec(SortedSetReplies.keyScoredValues(codec()));
  }

  /**
   * Pops up to {@code count} members with the lowest ({@link ScoreEnd#MIN}) or highest ({@link
   * ScoreEnd#MAX}) scores of the first non-empty sorted set among {@code keys}; that key and the
   * members with their scores in pop order, or null when all are empty.
   */
  default Spec<KeyValue<K, List<ScoredValue<V>>>> zmpop(ScoreEnd end, long count, K... keys) {
    return mpop(command("ZMPOP"), end, keys).add("COUNT").add(Check.positive("ZMPOP", "count", count))
        .spec(SortedSetReplies.keyScoredValues(codec()));
  }

  /**
   * {@link #zmpop(ScoreEnd, Object[])} that waits up to {@code timeout} ({@link Duration#ZERO}:
   * forever) for a member; null on timeout. Runs on a connection of its own.
   */
  default Spec<KeyValue<K, List<ScoredValue<V>>>> bzmpop(Duration timeout, ScoreEnd end, K... keys) {
    return mpop(command("BZMPOP").add(Check.blockSeconds("BZMPOP", timeout)), end, keys)
        .blocking(SortedSetReplies.keyScoredValues(codec()), timeout);
  }

  /**
   * {@link #zmpop(ScoreEnd, long, Object[])} that waits up to {@code timeout} ({@link
   * Duration#ZERO}: forever) for a member; null on timeout. Runs on a connection of its own.
   */
  default Spec<KeyValue<K, List<ScoredValue<V>>>> bzmpop(Duration timeout, ScoreEnd end, long count, K... keys) {
    return mpop(command("BZMPOP").add(Check.blockSeconds("BZMPOP", timeout)), end, keys).add("COUNT")
        .add(Check.positive("BZMPOP", "count", count)).blocking(SortedSetReplies.keyScoredValues(codec()), timeout);
  }

  /** A random member, or null when the key does not exist. */
  default Spec<V> zrandmember(K key) {
    return command("ZRANDMEMBER").key(key).spec(value());
  }

  /**
   * Random members: with a positive {@code count}, that many distinct members (all of them when
   * the set is smaller); with a negative one, exactly {@code -count} members that may repeat;
   * empty when the key does not exist or {@code count} is 0.
   */
  default Spec<List<V>> zrandmember(K key, long count) {
    return command("ZRANDMEMBER").key(key).add(count).spec(values());
  }

  /** {@link #zrandmember(Object, long)} with each member's score ({@code WITHSCORES}). */
  default Spec<List<ScoredValue<V>>> zrandmemberWithScores(K key, long count) {
    return command("ZRANDMEMBER").key(key).add(count).add("WITHSCORES").spec(scored());
  }

  /** The members of any of {@code keys}, by ascending summed score. */
  default Spec<List<V>> zunion(K... keys) {
    return numkeys(command("ZUNION"), keys).spec(values());
  }

  /** The members of any of {@code keys}, scores weighted and merged as {@code args} says. */
  default Spec<List<V>> zunion(ZAggregateArgs args, K... keys) {
    return CollectionWire.aggregate(numkeys(command("ZUNION"), keys), args, keys.length).spec(values());
  }

  /** {@link #zunion(Object[])} with the summed scores. */
  default Spec<List<ScoredValue<V>>> zunionWithScores(K... keys) {
    return numkeys(command("ZUNION"), keys).add("WITHSCORES").spec(scored());
  }

  /** {@link #zunion(ZAggregateArgs, Object[])} with the merged scores. */
  default Spec<List<ScoredValue<V>>> zunionWithScores(ZAggregateArgs args, K... keys) {
    return CollectionWire.aggregate(numkeys(command("ZUNION"), keys), args, keys.length).add("WITHSCORES")
        .spec(scored());
  }

  /** The members common to all {@code keys}, by ascending summed score. */
  default Spec<List<V>> zinter(K... keys) {
    return numkeys(command("ZINTER"), keys).spec(values());
  }

  /** The members common to all {@code keys}, scores weighted and merged as {@code args} says. */
  default Spec<List<V>> zinter(ZAggregateArgs args, K... keys) {
    return CollectionWire.aggregate(numkeys(command("ZINTER"), keys), args, keys.length).spec(values());
  }

  /** {@link #zinter(Object[])} with the summed scores. */
  default Spec<List<ScoredValue<V>>> zinterWithScores(K... keys) {
    return numkeys(command("ZINTER"), keys).add("WITHSCORES").spec(scored());
  }

  /** {@link #zinter(ZAggregateArgs, Object[])} with the merged scores. */
  default Spec<List<ScoredValue<V>>> zinterWithScores(ZAggregateArgs args, K... keys) {
    return CollectionWire.aggregate(numkeys(command("ZINTER"), keys), args, keys.length).add("WITHSCORES")
        .spec(scored());
  }

  /** The members of the first of {@code keys} that are in none of the others, by ascending score. */
  default Spec<List<V>> zdiff(K... keys) {
    return numkeys(command("ZDIFF"), keys).spec(values());
  }

  /** {@link #zdiff(Object[])} with the scores they have in the first key. */
  default Spec<List<ScoredValue<V>>> zdiffWithScores(K... keys) {
    return numkeys(command("ZDIFF"), keys).add("WITHSCORES").spec(scored());
  }

  /**
   * Stores the union of {@code keys} at {@code destination}, replacing it (deleting it when the
   * result is empty); the resulting size.
   */
  default Spec<Long> zunionstore(K destination, K... keys) {
    return numkeys(CollectionWire.destination(command("ZUNIONSTORE"), codec(), destination), keys)
        .spec(Replies.INTEGER);
  }

  /** {@link #zunionstore(Object, Object[])} with scores weighted and merged as {@code args} says. */
  default Spec<Long> zunionstore(K destination, ZAggregateArgs args, K... keys) {
    Args<K, V> a = numkeys(CollectionWire.destination(command("ZUNIONSTORE"), codec(), destination), keys);
    return CollectionWire.aggregate(a, args, keys.length).spec(Replies.INTEGER);
  }

  /**
   * Stores the intersection of {@code keys} at {@code destination}, replacing it (deleting it
   * when the result is empty); the resulting size.
   */
  default Spec<Long> zinterstore(K destination, K... keys) {
    return numkeys(CollectionWire.destination(command("ZINTERSTORE"), codec(), destination), keys)
        .spec(Replies.INTEGER);
  }

  /** {@link #zinterstore(Object, Object[])} with scores weighted and merged as {@code args} says. */
  default Spec<Long> zinterstore(K destination, ZAggregateArgs args, K... keys) {
    Args<K, V> a = numkeys(CollectionWire.destination(command("ZINTERSTORE"), codec(), destination), keys);
    return CollectionWire.aggregate(a, args, keys.length).spec(Replies.INTEGER);
  }

  /**
   * Stores the members of the first of {@code keys} that are in none of the others at {@code
   * destination}, replacing it (deleting it when the result is empty); the resulting size.
   */
  default Spec<Long> zdiffstore(K destination, K... keys) {
    return numkeys(CollectionWire.destination(command("ZDIFFSTORE"), codec(), destination), keys)
        .spec(Replies.INTEGER);
  }

  /** The number of members common to all {@code keys}, without building the intersection. */
  default Spec<Long> zintercard(K... keys) {
    return numkeys(command("ZINTERCARD"), keys).spec(Replies.INTEGER);
  }

  /**
   * The number of members common to all {@code keys}, counting stops at {@code limit} (0: no
   * limit).
   */
  default Spec<Long> zintercard(long limit, K... keys) {
    return numkeys(command("ZINTERCARD"), keys).add("LIMIT").add(Check.notNegative("ZINTERCARD", "limit", limit))
        .spec(Replies.INTEGER);
  }

  /**
   * One page of the members and scores of the sorted set at {@code key}, from {@code cursor}
   * ({@code "0"} to start; the page's cursor to continue, until it is {@code "0"} again). A missing
   * key is one empty, last page. A small sorted set comes back whole in one page.
   */
  default Spec<SortedSetScanPage<V>> zscan(K key, String cursor) {
    return command("ZSCAN").key(key).add(Check.notNull("ZSCAN", "the cursor", cursor))
        .spec(SortedSetReplies.scanPage(codec()));
  }

  /**
   * {@link #zscan(Object, String)} with members matching {@code args}' pattern and its {@code
   * COUNT} hint; pages may be empty while the iteration goes on.
   */
  default Spec<SortedSetScanPage<V>> zscan(K key, String cursor, ElementScanArgs args) {
    return CollectionWire.scan(command("ZSCAN").key(key).add(Check.notNull("ZSCAN", "the cursor", cursor)), args)
        .spec(SortedSetReplies.scanPage(codec()));
  }

  private static <K, V> Args<K, V> zaddArgs(Args<K, V> args, ZAddArgs options) {
    Check.notNull("ZADD", "the options", options);
    return args.addIf(options.isNx(), "NX").addIf(options.isXx(), "XX").addIf(options.isGt(), "GT")
        .addIf(options.isLt(), "LT").addIf(options.isCh(), "CH");
  }

  private static <K, V> Args<K, V> scoredMembers(Args<K, V> args, Collection<ScoredValue<V>> members) {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("ZADD needs at least one member");
    }
    for (ScoredValue<V> m : members) {
      Check.notNull("ZADD", "a member with its score", m);
      args.add(m.score()).value(m.value(), "member");
    }
    return args;
  }

  private static <K, V> Args<K, V> numkeys(Args<K, V> args, K[] keys) {
    return args.add(CollectionWire.count(args.name(), keys)).keys(keys);
  }

  private static <K, V> Args<K, V> mpop(Args<K, V> args, ScoreEnd end, K[] keys) {
    Check.notNull(args.name(), "the end to pop from", end);
    return numkeys(args, keys).add(end.name());
  }
}
