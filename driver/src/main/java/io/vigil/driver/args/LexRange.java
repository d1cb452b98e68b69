package io.vigil.driver.args;

/**
 * A range of sorted-set members in byte order, each bound inclusive, exclusive or absent: what
 * {@code ZRANGE … BYLEX}, {@code ZLEXCOUNT} and {@code ZREMRANGEBYLEX} select. Redis orders
 * members this way only when they all have the same score.
 *
 * <pre>{@code
 * LexRange.closed("a", "c");        // [a … [c
 * LexRange.closedOpen("user:", "user;"); // every member starting with "user:"
 * LexRange.all();                   // - … +
 * }</pre>
 *
 * <p>Immutable (the bounds are kept as given: do not change a mutable one) and thread-safe. The
 * factories throw {@link IllegalArgumentException} for a null bound; use {@link #atLeast}, {@link
 * #atMost} and their exclusive twins for a range open on one side.
 *
 * @param <V> the member type
 */
public final class LexRange<V> {

  private static final LexRange<?> ALL = new LexRange<>(null, false, null, false);

  private final V min;
  private final boolean minExclusive;
  private final V max;
  private final boolean maxExclusive;

  private LexRange(V min, boolean minExclusive, V max, boolean maxExclusive) {
    this.min = min;
    this.minExclusive = minExclusive;
    this.max = max;
    this.maxExclusive = maxExclusive;
  }

  private static <V> V bound(String what, V v) {
    if (v == null) {
      throw new IllegalArgumentException("LexRange: the " + what + " must not be null"
          + " (use atLeast, atMost or all for a range without it)");
    }
    return v;
  }

  /** Members from {@code min} to {@code max}, both included. */
  public static <V> LexRange<V> closed(V min, V max) {
    return new LexRange<>(bound("minimum", min), false, bound("maximum", max), false);
  }

  /** Members strictly between {@code min} and {@code max}. */
  public static <V> LexRange<V> open(V min, V max) {
    return new LexRange<>(bound("minimum", min), true, bound("maximum", max), true);
  }

  /** Members from {@code min} included to {@code max} excluded. */
  public static <V> LexRange<V> closedOpen(V min, V max) {
    return new LexRange<>(bound("minimum", min), false, bound("maximum", max), true);
  }

  /** Members from {@code min} excluded to {@code max} included. */
  public static <V> LexRange<V> openClosed(V min, V max) {
    return new LexRange<>(bound("minimum", min), true, bound("maximum", max), false);
  }

  /** Members from {@code min} on, included. */
  public static <V> LexRange<V> atLeast(V min) {
    return new LexRange<>(bound("minimum", min), false, null, false);
  }

  /** Members after {@code min}. */
  public static <V> LexRange<V> greaterThan(V min) {
    return new LexRange<>(bound("minimum", min), true, null, false);
  }

  /** Members up to {@code max}, included. */
  public static <V> LexRange<V> atMost(V max) {
    return new LexRange<>(null, false, bound("maximum", max), false);
  }

  /** Members before {@code max}. */
  public static <V> LexRange<V> lessThan(V max) {
    return new LexRange<>(null, false, bound("maximum", max), true);
  }

  /** Every member. */
  @SuppressWarnings("unchecked")
  public static <V> LexRange<V> all() {
    return (LexRange<V>) ALL;
  }

  /** The lower bound; null when the range starts at the first member ({@code -}). */
  public V min() {
    return min;
  }

  /** Whether {@link #min()} itself is left out. */
  public boolean isMinExclusive() {
    return minExclusive;
  }

  /** The upper bound; null when the range runs to the last member ({@code +}). */
  public V max() {
    return max;
  }

  /** Whether {@link #max()} itself is left out. */
  public boolean isMaxExclusive() {
    return maxExclusive;
  }

  /** The range as Redis writes it for strings, such as {@code [a … (c} or {@code - … +}. */
  @Override
  public String toString() {
    String from = min == null ? "-" : (minExclusive ? "(" : "[") + min;
    String to = max == null ? "+" : (maxExclusive ? "(" : "[") + max;
    return from + " … " + to;
  }
}
