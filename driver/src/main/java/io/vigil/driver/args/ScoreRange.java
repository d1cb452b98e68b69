package io.vigil.driver.args;

/**
 * A range of sorted-set scores, each bound inclusive or exclusive, infinite bounds allowed: what
 * {@code ZRANGE … BYSCORE}, {@code ZCOUNT} and {@code ZREMRANGEBYSCORE} select.
 *
 * <pre>{@code
 * ScoreRange.closed(1, 5);                        // 1 <= score <= 5
 * ScoreRange.closedOpen(0, 10);                   // 0 <= score < 10
 * ScoreRange.greaterThan(2.5);                    // 2.5 < score
 * ScoreRange.all();                               // every score, -inf to +inf
 * }</pre>
 *
 * <p>Immutable and thread-safe. The factories throw {@link IllegalArgumentException} for a NaN
 * bound or a minimum above the maximum.
 */
public final class ScoreRange {

  private static final ScoreRange ALL =
      new ScoreRange(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);

  private final double min;
  private final boolean minExclusive;
  private final double max;
  private final boolean maxExclusive;

  private ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
    if (Double.isNaN(min) || Double.isNaN(max)) {
      throw new IllegalArgumentException("ScoreRange: a bound must be a number or an infinity, got NaN");
    }
    if (min > max) {
      throw new IllegalArgumentException("ScoreRange: the minimum " + min + " is above the maximum " + max);
    }
    this.min = min;
    this.minExclusive = minExclusive;
    this.max = max;
    this.maxExclusive = maxExclusive;
  }

  /** Scores from {@code min} to {@code max}, both included. */
  public static ScoreRange closed(double min, double max) {
    return new ScoreRange(min, false, max, false);
  }

  /** Scores strictly between {@code min} and {@code max}. */
  public static ScoreRange open(double min, double max) {
    return new ScoreRange(min, true, max, true);
  }

  /** Scores from {@code min} included to {@code max} excluded. */
  public static ScoreRange closedOpen(double min, double max) {
    return new ScoreRange(min, false, max, true);
  }

  /** Scores from {@code min} excluded to {@code max} included. */
  public static ScoreRange openClosed(double min, double max) {
    return new ScoreRange(min, true, max, false);
  }

  /** Scores of at least {@code min}. */
  public static ScoreRange atLeast(double min) {
    return new ScoreRange(min, false, Double.POSITIVE_INFINITY, false);
  }

  /** Scores above {@code min}. */
  public static ScoreRange greaterThan(double min) {
    return new ScoreRange(min, true, Double.POSITIVE_INFINITY, false);
  }

  /** Scores of at most {@code max}. */
  public static ScoreRange atMost(double max) {
    return new ScoreRange(Double.NEGATIVE_INFINITY, false, max, false);
  }

  /** Scores below {@code max}. */
  public static ScoreRange lessThan(double max) {
    return new ScoreRange(Double.NEGATIVE_INFINITY, false, max, true);
  }

  /** Every score. */
  public static ScoreRange all() {
    return ALL;
  }

  /** The lower bound; {@link Double#NEGATIVE_INFINITY} when there is none. */
  public double min() {
    return min;
  }

  /** Whether a score equal to {@link #min()} is left out. */
  public boolean isMinExclusive() {
    return minExclusive;
  }

  /** The upper bound; {@link Double#POSITIVE_INFINITY} when there is none. */
  public double max() {
    return max;
  }

  /** Whether a score equal to {@link #max()} is left out. */
  public boolean isMaxExclusive() {
    return maxExclusive;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreRange r && Double.compare(min, r.min) == 0 && Double.compare(max, r.max) == 0
        && minExclusive == r.minExclusive && maxExclusive == r.maxExclusive;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(min) * 31 + Double.hashCode(max) + (minExclusive ? 2 : 0) + (maxExclusive ? 1 : 0);
  }

  /** The range in interval notation, such as {@code [1.0, 5.0)}. */
  @Override
  public String toString() {
    return (minExclusive ? "(" : "[") + min + ", " + max + (maxExclusive ? ")" : "]");
  }
}
