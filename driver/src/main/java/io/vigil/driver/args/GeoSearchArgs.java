package io.vigil.driver.args;

/**
 * The options of {@code GEOSEARCH} and {@code GEOSEARCHSTORE} besides origin and shape: the order
 * by distance ({@code ASC}, {@code DESC}; unsorted when neither), and at most {@code COUNT}
 * members, with {@code ANY} returning the first found instead of the nearest.
 *
 * <p>Immutable: each method returns a copy with one more option.
 */
public final class GeoSearchArgs {

  private static final GeoSearchArgs NONE = new GeoSearchArgs(null, 0, false);

  /** The order of the results by distance from the origin. */
  public enum Order {
    /** Nearest first. */
    ASC,
    /** Farthest first. */
    DESC
  }

  private final Order order;
  private final long count;
  private final boolean any;

  private GeoSearchArgs(Order order, long count, boolean any) {
    this.order = order;
    this.count = count;
    this.any = any;
  }

  /** No option: every member in the shape, unsorted. */
  public static GeoSearchArgs none() {
    return NONE;
  }

  /** Nearest first. */
  public GeoSearchArgs ascending() {
    return withOrder(Order.ASC);
  }

  /** Farthest first. */
  public GeoSearchArgs descending() {
    return withOrder(Order.DESC);
  }

  /** At most {@code count} (positive) members, the nearest unless {@link #any()}. */
  public GeoSearchArgs count(long count) {
    if (count <= 0) {
      throw new IllegalArgumentException("GEOSEARCH: COUNT must be positive, got " + count);
    }
    return new GeoSearchArgs(order, count, any);
  }

  /**
   * Stop as soon as {@link #count(long) count} members are found, which may not be the nearest;
   * needs a count.
   */
  public GeoSearchArgs any() {
    if (count == 0) {
      throw new IllegalArgumentException("GEOSEARCH: ANY needs a COUNT; call count(n) first");
    }
    return new GeoSearchArgs(order, count, true);
  }

  /** The order, or null for unsorted. */
  public Order order() {
    return order;
  }

  /** The maximum number of members; 0 for no limit. */
  public long count() {
    return count;
  }

  /** Whether the search stops at the first {@link #count()} members found. */
  public boolean isAny() {
    return any;
  }

  private GeoSearchArgs withOrder(Order o) {
    if (order != null && order != o) {
      throw new IllegalArgumentException("GEOSEARCH: " + order + " and " + o + " exclude each other");
    }
    return new GeoSearchArgs(o, count, any);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeoSearchArgs other && order == other.order && count == other.count && any == other.any;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(order, count, any);
  }

  @Override
  public String toString() {
    return "GeoSearchArgs[order=" + order + ", count=" + count + ", any=" + any + "]";
  }
}
