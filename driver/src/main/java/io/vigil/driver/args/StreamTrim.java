package io.vigil.driver.args;

/**
 * How a stream is trimmed by {@code XADD} or {@code XTRIM}: to at most {@code MAXLEN} entries or
 * to the entries from {@code MINID} on, exactly ({@code =}, the default) or approximately ({@code
 * ~}: whole nodes only, much cheaper), and with approximate trimming at most {@code LIMIT} entries
 * evicted per call.
 *
 * <p>Immutable; {@link #approximate()} and {@link #limit(long)} return copies.
 *
 * <pre>{@code
 * StreamTrim.maxlen(10_000).approximate()
 * StreamTrim.minid("1700000000000-0").approximate().limit(100)
 * }</pre>
 */
public final class StreamTrim {

  private final boolean byLength;
  private final long maxlen;
  private final String minid;
  private final boolean approximate;
  private final long limit;

  private StreamTrim(boolean byLength, long maxlen, String minid, boolean approximate, long limit) {
    this.byLength = byLength;
    this.maxlen = maxlen;
    this.minid = minid;
    this.approximate = approximate;
    this.limit = limit;
  }

  /** Keeps the newest {@code entries} entries. */
  public static StreamTrim maxlen(long entries) {
    if (entries < 0) {
      throw new IllegalArgumentException("MAXLEN must not be negative, got " + entries);
    }
    return new StreamTrim(true, entries, null, false, -1);
  }

  /** Keeps the entries whose ID is {@code id} or later. */
  public static StreamTrim minid(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("MINID needs an entry ID, got " + (id == null ? "null" : "''"));
    }
    return new StreamTrim(false, -1, id, false, -1);
  }

  /** The same trim, approximate ({@code ~}). */
  public StreamTrim approximate() {
    return new StreamTrim(byLength, maxlen, minid, true, limit);
  }

  /**
   * The same approximate trim evicting at most {@code entries} per call ({@code LIMIT}; 0 for no
   * limit).
   *
   * @throws IllegalArgumentException when the trim is exact ({@code LIMIT} needs {@code ~}) or the
   *     limit is negative
   */
  public StreamTrim limit(long entries) {
    if (!approximate) {
      throw new IllegalArgumentException("LIMIT needs approximate trimming: call approximate() first");
    }
    if (entries < 0) {
      throw new IllegalArgumentException("LIMIT must not be negative, got " + entries);
    }
    return new StreamTrim(byLength, maxlen, minid, true, entries);
  }

  /** Whether it trims by length ({@code MAXLEN}); otherwise by ID ({@code MINID}). */
  public boolean byLength() {
    return byLength;
  }

  /** The length bound; -1 when trimming by ID. */
  public long maxlen() {
    return maxlen;
  }

  /** The ID bound; null when trimming by length. */
  public String minid() {
    return minid;
  }

  /** Whether trimming is approximate. */
  public boolean isApproximate() {
    return approximate;
  }

  /** The eviction limit; -1 when none was set. */
  public long limit() {
    return limit;
  }

  @Override
  public String toString() {
    return (byLength ? "MAXLEN " : "MINID ") + (approximate ? "~ " : "= ") + (byLength ? maxlen : minid)
        + (limit >= 0 ? " LIMIT " + limit : "");
  }
}
