package io.vigil.driver.args;

import java.util.Arrays;

/**
 * How {@code ZUNION}, {@code ZINTER} and their {@code STORE} forms combine the inputs' scores:
 * a weight per input key ({@code WEIGHTS}, each score multiplied by its key's weight) and how the
 * weighted scores of one member are merged ({@code AGGREGATE SUM}, the default, {@code MIN} or
 * {@code MAX}).
 *
 * <pre>{@code
 * redis.zunionstore("week", ZAggregateArgs.defaults().max(), "mon", "tue", "wed"); // best score of the week
 * redis.zinter(ZAggregateArgs.defaults().weights(1, 0), "ranked", "eligible");      // keep the ranked scores
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a copy. The command checks that there are as
 * many weights as keys.
 */
public final class ZAggregateArgs {

  /** How the weighted scores of a member found in several inputs are merged. */
  public enum Aggregate {
    /** Their sum (Redis's default). */
    SUM,
    /** The lowest. */
    MIN,
    /** The highest. */
    MAX
  }

  private static final ZAggregateArgs DEFAULTS = new ZAggregateArgs(null, Aggregate.SUM);

  /** One weight per key, or null for Redis's default of 1 each. */
  private final double[] weights;
  private final Aggregate aggregate;

  private ZAggregateArgs(double[] weights, Aggregate aggregate) {
    this.weights = weights;
    this.aggregate = aggregate;
  }

  /** Weights of 1 and the sum of scores. */
  public static ZAggregateArgs defaults() {
    return DEFAULTS;
  }

  /**
   * Multiplies each input's scores by its weight, in the order of the keys ({@code WEIGHTS});
   * give one weight per key.
   *
   * @throws IllegalArgumentException when there are none or one is NaN
   */
  public ZAggregateArgs weights(double... weights) {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("ZAggregateArgs: WEIGHTS needs one weight per key, got none");
    }
    for (int i = 0; i < weights.length; i++) {
      if (Double.isNaN(weights[i])) {
        throw new IllegalArgumentException("ZAggregateArgs: weight " + i + " is NaN");
      }
    }
    return new ZAggregateArgs(weights.clone(), aggregate);
  }

  /** Merges a member's weighted scores by adding them ({@code AGGREGATE SUM}, the default). */
  public ZAggregateArgs sum() {
    return new ZAggregateArgs(weights, Aggregate.SUM);
  }

  /** Keeps the lowest of a member's weighted scores ({@code AGGREGATE MIN}). */
  public ZAggregateArgs min() {
    return new ZAggregateArgs(weights, Aggregate.MIN);
  }

  /** Keeps the highest of a member's weighted scores ({@code AGGREGATE MAX}). */
  public ZAggregateArgs max() {
    return new ZAggregateArgs(weights, Aggregate.MAX);
  }

  /** A copy of the weights, in key order; null when none were given (each weighs 1). */
  public double[] weights() {
    return weights == null ? null : weights.clone();
  }

  /** How scores are merged. */
  public Aggregate aggregate() {
    return aggregate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZAggregateArgs a && Arrays.equals(weights, a.weights) && aggregate == a.aggregate;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights) * 31 + aggregate.hashCode();
  }

  @Override
  public String toString() {
    return "ZAggregateArgs[" + (weights == null ? "" : "WEIGHTS " + Arrays.toString(weights) + " ")
        + "AGGREGATE " + aggregate + "]";
  }
}
