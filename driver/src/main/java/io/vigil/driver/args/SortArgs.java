package io.vigil.driver.args;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code SORT} and {@code SORT_RO}: weights from other keys ({@code BY pattern},
 * or {@code BY nosort} to skip sorting), a page ({@code LIMIT offset count}), values fetched from
 * other keys ({@code GET pattern}, {@code #} for the element itself), the order ({@code DESC})
 * and lexicographic comparison ({@code ALPHA}). In a pattern the first {@code *} stands for the
 * element and {@code ->field} reads a hash field.
 *
 * <pre>{@code
 * List<String> names = redis.sort("user:ids", SortArgs.none().by("user:*->age").get("user:*->name").limit(0, 10));
 * }</pre>
 *
 * <p>Immutable: each method returns a copy with one more option.
 */
public final class SortArgs {

  private static final SortArgs NONE = new SortArgs(null, -1, -1, List.of(), false, false);

  private final String by;
  private final long offset;
  private final long count;
  private final List<String> get;
  private final boolean descending;
  private final boolean alpha;

  private SortArgs(String by, long offset, long count, List<String> get, boolean descending, boolean alpha) {
    this.by = by;
    this.offset = offset;
    this.count = count;
    this.get = get;
    this.descending = descending;
    this.alpha = alpha;
  }

  /** No option: the elements as numbers, ascending. */
  public static SortArgs none() {
    return NONE;
  }

  /** Sort by the values of the keys {@code pattern} names ({@code "weight_*"}), or not at all ({@code "nosort"}). */
  public SortArgs by(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("SORT: the BY pattern must not be null or empty");
    }
    if (by != null) {
      throw new IllegalArgumentException("SORT: BY is already " + by + "; a sort has one");
    }
    return new SortArgs(pattern, offset, count, get, descending, alpha);
  }

  /** Only {@code count} elements from {@code offset} (not negative) of the sorted result. */
  public SortArgs limit(long offset, long count) {
    if (offset < 0) {
      throw new IllegalArgumentException("SORT: the LIMIT offset must not be negative, got " + offset);
    }
    if (count < 0) {
      throw new IllegalArgumentException("SORT: the LIMIT count must not be negative, got " + count);
    }
    return new SortArgs(by, offset, count, get, descending, alpha);
  }

  /** Also return the value of the key {@code pattern} names for each element ({@code #}: the element). */
  public SortArgs get(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("SORT: a GET pattern must not be null or empty");
    }
    List<String> next = new ArrayList<>(get);
    next.add(pattern);
    return new SortArgs(by, offset, count, List.copyOf(next), descending, alpha);
  }

  /** Largest first. */
  public SortArgs descending() {
    return new SortArgs(by, offset, count, get, true, alpha);
  }

  /** Compare as strings instead of numbers. */
  public SortArgs alpha() {
    return new SortArgs(by, offset, count, get, descending, true);
  }

  /** The {@code BY} pattern, or null. */
  public String by() {
    return by;
  }

  /** The {@code LIMIT} offset, or -1 for no limit. */
  public long offset() {
    return offset;
  }

  /** The {@code LIMIT} count, or -1 for no limit. */
  public long count() {
    return count;
  }

  /** The {@code GET} patterns, in order. */
  public List<String> getPatterns() {
    return get;
  }

  /** Whether the order is descending. */
  public boolean isDescending() {
    return descending;
  }

  /** Whether elements compare as strings. */
  public boolean isAlpha() {
    return alpha;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SortArgs other && Objects.equals(by, other.by) && offset == other.offset
        && count == other.count && get.equals(other.get) && descending == other.descending && alpha == other.alpha;
  }

  @Override
  public int hashCode() {
    return Objects.hash(by, offset, count, get, descending, alpha);
  }

  @Override
  public String toString() {
    return "SortArgs[by=" + by + ", offset=" + offset + ", count=" + count + ", get=" + get
        + ", descending=" + descending + ", alpha=" + alpha + "]";
  }
}
