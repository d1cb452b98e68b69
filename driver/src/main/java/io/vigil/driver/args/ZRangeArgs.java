package io.vigil.driver.args;

/**
 * What {@code ZRANGE} and {@code ZRANGESTORE} select: members by rank, by score or in byte order,
 * optionally in reverse and, for score and byte-order ranges, a page of them ({@code LIMIT}).
 *
 * <pre>{@code
 * ZRangeArgs.byRank(0, 9);                                           // the ten lowest
 * ZRangeArgs.byRank(0, 9).rev();                                     // the ten highest
 * ZRangeArgs.byScore(ScoreRange.closedOpen(10, 20)).limit(0, 100);  // first page of 10 <= score < 20
 * ZRangeArgs.byScore(ScoreRange.all()).rev().limit(0, 1);            // the member with the highest score
 * ZRangeArgs.byLex(LexRange.closedOpen("b", "c"));                   // members starting with "b"
 * }</pre>
 *
 * <p>Ranges keep their natural order (minimum first) also in reverse: the command writes the
 * bounds in the order Redis expects ({@code ZRANGE key max min BYSCORE REV}).
 *
 * <p>Immutable and thread-safe; {@link #rev()} and {@link #limit} return copies. Bad values throw
 * {@link IllegalArgumentException} naming them.
 *
 * @param <V> the member type (the bounds of a byte-order range)
 */
public final class ZRangeArgs<V> {

  /** How members are selected. */
  public enum By {
    /** By 0-based rank; negative ranks count from the end. */
    RANK,
    /** By score ({@code BYSCORE}). */
    SCORE,
    /** In byte order, for members of equal scores ({@code BYLEX}). */
    LEX
  }

  private final By by;
  private final long start;
  private final long stop;
  private final ScoreRange scores;
  private final LexRange<V> lex;
  private final boolean rev;
  private final long offset;
  /** The page size of LIMIT; -1 when there is no LIMIT. */
  private final long count;

  private ZRangeArgs(By by, long start, long stop, ScoreRange scores, LexRange<V> lex, boolean rev, long offset,
      long count) {
    this.by = by;
    this.start = start;
    this.stop = stop;
    this.scores = scores;
    this.lex = lex;
    this.rev = rev;
    this.offset = offset;
    this.count = count;
  }

  /**
   * Members ranked {@code start} to {@code stop} inclusive (0 is the lowest score; -1 the
   * highest).
   */
  public static <V> ZRangeArgs<V> byRank(long start, long stop) {
    return new ZRangeArgs<>(By.RANK, start, stop, null, null, false, 0, -1);
  }

  /** Members whose score is in {@code range}, by ascending score. */
  public static <V> ZRangeArgs<V> byScore(ScoreRange range) {
    if (range == null) {
      throw new IllegalArgumentException("ZRangeArgs.byScore: the range must not be null");
    }
    return new ZRangeArgs<>(By.SCORE, 0, 0, range, null, false, 0, -1);
  }

  /** Members in {@code range}, in byte order; meaningful when all members have the same score. */
  public static <V> ZRangeArgs<V> byLex(LexRange<V> range) {
    if (range == null) {
      throw new IllegalArgumentException("ZRangeArgs.byLex: the range must not be null");
    }
    return new ZRangeArgs<>(By.LEX, 0, 0, null, range, false, 0, -1);
  }

  /** The same selection from the highest score (or the last member in byte order) down. */
  public ZRangeArgs<V> rev() {
    return new ZRangeArgs<>(by, start, stop, scores, lex, true, offset, count);
  }

  /**
   * Only {@code count} members after skipping {@code offset} ({@code LIMIT}); pass {@link
   * Long#MAX_VALUE} as {@code count} to only skip. Redis allows it with score and byte-order
   * ranges only.
   *
   * @throws IllegalArgumentException for a rank range, or a negative {@code offset} or {@code count}
   */
  public ZRangeArgs<V> limit(long offset, long count) {
    if (by == By.RANK) {
      throw new IllegalArgumentException("ZRangeArgs: LIMIT needs a score or byte-order range (byScore or byLex),"
          + " not a rank range; narrow the ranks instead");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("ZRangeArgs: the LIMIT offset must not be negative, got " + offset);
    }
    if (count < 0) {
      throw new IllegalArgumentException("ZRangeArgs: the LIMIT count must not be negative, got " + count);
    }
    return new ZRangeArgs<>(by, start, stop, scores, lex, rev, offset, count);
  }

  /** How members are selected. */
  public By by() {
    return by;
  }

  /** The first rank of a rank range; 0 otherwise. */
  public long start() {
    return start;
  }

  /** The last rank of a rank range; 0 otherwise. */
  public long stop() {
    return stop;
  }

  /** The scores of a score range; null otherwise. */
  public ScoreRange scoreRange() {
    return scores;
  }

  /** The bounds of a byte-order range; null otherwise. */
  public LexRange<V> lexRange() {
    return lex;
  }

  /** Whether the order is reversed ({@code REV}). */
  public boolean isRev() {
    return rev;
  }

  /** Whether a page is selected ({@code LIMIT}). */
  public boolean hasLimit() {
    return count >= 0;
  }

  /** The members skipped by {@code LIMIT}; 0 without it. */
  public long offset() {
    return offset;
  }

  /** The page size of {@code LIMIT}; -1 without it. */
  public long count() {
    return count;
  }

  @Override
  public String toString() {
    String range = switch (by) {
      case RANK -> start + " " + stop;
      case SCORE -> scores + " BYSCORE";
      case LEX -> lex + " BYLEX";
    };
    return "ZRangeArgs[" + range + (rev ? " REV" : "") + (hasLimit() ? " LIMIT " + offset + " " + count : "") + "]";
  }
}
