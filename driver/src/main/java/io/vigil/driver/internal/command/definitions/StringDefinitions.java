package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.GetExArgs;
import io.vigil.driver.args.SetArgs;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.StringReplies;
import io.vigil.driver.values.LcsResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Strings: values, counters, ranges, expiring and conditional writes, and common subsequences. */
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

  /**
   * Sets {@code key} to {@code value} with {@code args}' condition ({@code NX}, {@code XX}) and
   * expiry ({@code EX}, {@code PX}, {@code EXAT}, {@code PXAT}, {@code KEEPTTL}); whether it was
   * set (false when the condition did not hold).
   *
   * <pre>{@code
   * boolean locked = redis.set("lock", token, SetArgs.none().nx().px(Duration.ofSeconds(30)));
   * }</pre>
   */
  default Spec<Boolean> set(K key, V value, SetArgs args) {
    return setArgs(command("SET").key(key).value(value), args).spec(Replies.OK_OR_NULL);
  }

  /** Sets {@code key} only when it does not exist ({@code SETNX}); whether it was set. */
  default Spec<Boolean> setnx(K key, V value) {
    return command("SETNX").key(key).value(value).spec(Replies.BOOLEAN);
  }

  /**
   * Sets {@code key} to {@code value} expiring after {@code ttl}, a whole number of seconds
   * ({@code SETEX}); returns {@code OK}.
   */
  default Spec<String> setex(K key, Duration ttl, V value) {
    return command("SETEX").key(key).add(Check.ttlSeconds("SETEX", ttl)).value(value).spec(Replies.STATUS);
  }

  /**
   * Sets {@code key} to {@code value} expiring after {@code ttl} (millisecond precision, {@code
   * PSETEX}); returns {@code OK}.
   */
  default Spec<String> psetex(K key, Duration ttl, V value) {
    return command("PSETEX").key(key).add(Check.ttlMillis("PSETEX", ttl)).value(value).spec(Replies.STATUS);
  }

  /** Sets {@code key} and returns its previous value ({@code SET GET}), or null. */
  default Spec<V> setGet(K key, V value) {
    return command("SET").key(key).value(value).add("GET").spec(value());
  }

  /**
   * Sets {@code key} with {@code args}' condition and expiry and returns its previous value
   * ({@code SET … GET}), or null when it had none. With a condition that does not hold nothing is
   * set, and the previous value is still returned.
   */
  default Spec<V> setGet(K key, V value, SetArgs args) {
    return setArgs(command("SET").key(key).value(value), args).add("GET").spec(value());
  }

  /** Sets {@code key} and returns its previous value, or null ({@code GETSET}, which Redis deprecates for {@link #setGet}). */
  default Spec<V> getset(K key, V value) {
    return command("GETSET").key(key).value(value).spec(value());
  }

  /** Returns the value of {@code key} and deletes it, or null. */
  default Spec<V> getdel(K key) {
    return command("GETDEL").key(key).spec(value());
  }

  /**
   * Returns the value of {@code key}, or null, and sets or removes its expiry as {@code args}
   * says ({@code GETEX}).
   */
  default Spec<V> getex(K key, GetExArgs args) {
    return Wire.expiry(command("GETEX").key(key), Check.notNull("GETEX", "the options", args).expiry()).spec(value());
  }

  /** The values of {@code keys}, null for each missing one. */
  default Spec<List<V>> mget(K... keys) {
    return command("MGET").keys(keys).spec(values());
  }

  /** Sets every key of {@code entries} at once; returns {@code OK}. */
  default Spec<String> mset(Map<K, V> entries) {
    return command("MSET").entries(entries, "entries").spec(Replies.STATUS);
  }

  /**
   * Sets every key of {@code entries} at once, only when none of them exists ({@code MSETNX});
   * whether they were set (all or none are).
   */
  default Spec<Boolean> msetnx(Map<K, V> entries) {
    return command("MSETNX").entries(entries, "entries").spec(Replies.BOOLEAN);
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

  /** {@link #getrange} under its old name ({@code SUBSTR}, which Redis deprecates). */
  default Spec<V> substr(K key, long start, long end) {
    return command("SUBSTR").key(key).add(start).add(end).spec(value());
  }

  /** Overwrites part of the value from {@code offset}; the new length. */
  default Spec<Long> setrange(K key, long offset, V value) {
    return command("SETRANGE").key(key).add(Check.notNegative("SETRANGE", "the offset", offset)).value(value)
        .spec(Replies.INTEGER);
  }

  /**
   * The longest common subsequence of the values at {@code key1} and {@code key2} ({@code LCS});
   * empty when they share nothing or are missing.
   */
  default Spec<V> lcs(K key1, K key2) {
    return command("LCS").key(key1).key(key2).spec(value());
  }

  /** The length of the longest common subsequence of the values at {@code key1} and {@code key2} ({@code LCS LEN}). */
  default Spec<Long> lcsLen(K key1, K key2) {
    return command("LCS").key(key1).key(key2).add("LEN").spec(Replies.INTEGER);
  }

  /**
   * Where the longest common subsequence of the values at {@code key1} and {@code key2} lies in
   * each ({@code LCS IDX WITHMATCHLEN}): its runs, last first, and its length.
   */
  default Spec<LcsResult> lcsIdx(K key1, K key2) {
    return command("LCS").key(key1).key(key2).add("IDX").add("WITHMATCHLEN").spec(StringReplies.LCS_IDX);
  }

  /**
   * {@link #lcsIdx(Object, Object)} listing only the runs of at least {@code minMatchLength}
   * bytes ({@code MINMATCHLEN}); the length still counts every run.
   */
  default Spec<LcsResult> lcsIdx(K key1, K key2, long minMatchLength) {
    return command("LCS").key(key1).key(key2).add("IDX")
        .add("MINMATCHLEN").add(Check.notNegative("LCS", "MINMATCHLEN", minMatchLength)).add("WITHMATCHLEN")
        .spec(StringReplies.LCS_IDX);
  }

  private Args<K, V> setArgs(Args<K, V> args, SetArgs options) {
    Check.notNull("SET", "the options", options);
    if (options.condition() != null) {
      args.add(options.condition().name());
    }
    return Wire.expiry(args, options.expiry());
  }
}
