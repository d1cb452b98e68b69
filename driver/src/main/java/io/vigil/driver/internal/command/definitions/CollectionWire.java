package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.args.LexRange;
import io.vigil.driver.args.ScoreRange;
import io.vigil.driver.args.ZAggregateArgs;
import io.vigil.driver.args.ZRangeArgs;
import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;

/**
 * The wire form of the option objects several hash, set and sorted-set commands share: ranges,
 * score aggregation and scan options. One place per option, so each is written the same way by
 * every command that takes it.
 */
final class CollectionWire {

  private static final byte[] LEX_MIN = {'-'};
  private static final byte[] LEX_MAX = {'+'};

  private CollectionWire() {}

  /** {@code MATCH pattern COUNT count}, each only when set. */
  static <K, V> Args<K, V> scan(Args<K, V> args, ElementScanArgs options) {
    Check.notNull(args.name(), "the scan options", options);
    byte[] pattern = options.pattern();
    if (pattern != null) {
      args.add("MATCH").add(pattern);
    }
    if (options.count() > 0) {
      args.add("COUNT").add(options.count());
    }
    return args;
  }

  /** A score range, bounds in the order Redis wants: {@code max min} when {@code rev}. */
  static <K, V> Args<K, V> scores(Args<K, V> args, ScoreRange range, boolean rev) {
    Check.notNull(args.name(), "the score range", range);
    if (rev) {
      return args.bound(range.max(), range.isMaxExclusive()).bound(range.min(), range.isMinExclusive());
    }
    return args.bound(range.min(), range.isMinExclusive()).bound(range.max(), range.isMaxExclusive());
  }

  /** A byte-order range ({@code [a}, {@code (a}, {@code -}, {@code +}), {@code max min} when {@code rev}. */
  static <K, V> Args<K, V> lex(Args<K, V> args, RedisCodec<K, V> codec, LexRange<V> range, boolean rev) {
    Check.notNull(args.name(), "the range", range);
    byte[] min;
    byte[] max;
    try {
      min = range.min() == null ? LEX_MIN : prefixed(range.isMinExclusive(), codec.encodeValue(range.min()));
      max = range.max() == null ? LEX_MAX : prefixed(range.isMaxExclusive(), codec.encodeValue(range.max()));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(args.name() + ": the bounds of " + range
          + " are not values of this view's codec", e);
    }
    return rev ? args.add(max).add(min) : args.add(min).add(max);
  }

  /**
   * The selection of {@code ZRANGE} and {@code ZRANGESTORE}: the range, {@code BYSCORE} or {@code
   * BYLEX}, {@code REV}, {@code LIMIT}.
   */
  static <K, V> Args<K, V> range(Args<K, V> args, RedisCodec<K, V> codec, ZRangeArgs<? super V> range) {
    Check.notNull(args.name(), "the range", range);
    switch (range.by()) {
      case RANK -> args.add(range.start()).add(range.stop());
      case SCORE -> scores(args, range.scoreRange(), range.isRev()).add("BYSCORE");
      case LEX -> lex(args, codec, narrowed(range.lexRange()), range.isRev()).add("BYLEX");
    }
    args.addIf(range.isRev(), "REV");
    if (range.hasLimit()) {
      args.add("LIMIT").add(range.offset()).add(range.count());
    }
    return args;
  }

  /** {@code WEIGHTS w...} (one per key) and {@code AGGREGATE} when not the default sum. */
  static <K, V> Args<K, V> aggregate(Args<K, V> args, ZAggregateArgs options, int keys) {
    Check.notNull(args.name(), "the aggregation options", options);
    double[] weights = options.weights();
    if (weights != null) {
      if (weights.length != keys) {
        throw new IllegalArgumentException(args.name() + ": " + weights.length + " weights for " + keys
            + " keys; give one weight per key");
      }
      args.add("WEIGHTS");
      for (double w : weights) {
        args.add(w);
      }
    }
    if (options.aggregate() != ZAggregateArgs.Aggregate.SUM) {
      args.add("AGGREGATE").add(options.aggregate().name());
    }
    return args;
  }

  /**
   * A destination key written without marking it as the command's first key: the {@code *STORE}
   * commands overwrite it whatever its type, so a {@code WRONGTYPE} reply is about a source key,
   * and the error should name that one.
   */
  static <K, V> Args<K, V> destination(Args<K, V> args, RedisCodec<K, V> codec, K destination) {
    return args.add(codec.encodeKey(Check.notNull(args.name(), "the destination", destination)));
  }

  /** The number of keys, checked first so the message names the keys rather than a count. */
  static <K> int count(String command, K[] keys) {
    if (keys == null || keys.length == 0) {
      throw new IllegalArgumentException(command + " needs at least one of keys");
    }
    return keys.length;
  }

  /**
   * A byte-order range of a supertype of the view's values as one of its values: {@code
   * ZRangeArgs<? super V>} lets rank and score selections, whose type parameter is free, fit any
   * view. Bounds of another type fail here, before anything is sent.
   */
  @SuppressWarnings("unchecked")
  private static <V> LexRange<V> narrowed(LexRange<? super V> range) {
    return (LexRange<V>) range;
  }

  private static byte[] prefixed(boolean exclusive, byte[] member) {
    byte[] out = new byte[member.length + 1];
    out[0] = (byte) (exclusive ? '(' : '[');
    System.arraycopy(member, 0, out, 1, member.length);
    return out;
  }
}
