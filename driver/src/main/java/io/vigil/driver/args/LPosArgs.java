package io.vigil.driver.args;

/**
 * The options of {@code LPOS}: which match to start from ({@code RANK}: 1 the first, 2 the
 * second, -1 the last…) and how many elements to compare at most ({@code MAXLEN}). How many
 * positions to return is the command's {@code count} argument.
 *
 * <pre>{@code
 * redis.lpos("jobs", "retry", LPosArgs.defaults().rank(-1));              // the last "retry"
 * redis.lpos("jobs", "retry", 0, LPosArgs.defaults().maxlen(1000));       // every "retry" in the first 1000
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a copy.
 */
public final class LPosArgs {

  private static final LPosArgs DEFAULTS = new LPosArgs(0, 0);

  private final long rank;
  private final long maxlen;

  private LPosArgs(long rank, long maxlen) {
    this.rank = rank;
    this.maxlen = maxlen;
  }

  /** From the first match, comparing the whole list. */
  public static LPosArgs defaults() {
    return DEFAULTS;
  }

  /**
   * Skips to the {@code rank}-th match: 1 is the first from the head, -1 the first from the tail
   * (the search then runs backwards) ({@code RANK}).
   *
   * @throws IllegalArgumentException when {@code rank} is 0 or {@link Long#MIN_VALUE}
   */
  public LPosArgs rank(long rank) {
    if (rank == 0 || rank == Long.MIN_VALUE) {
      throw new IllegalArgumentException("LPOS: RANK must not be " + rank
          + ": use 1 for the first match, 2 for the second, or negative counting from the tail");
    }
    return new LPosArgs(rank, maxlen);
  }

  /**
   * Compares at most {@code maxlen} elements; 0 compares them all ({@code MAXLEN}).
   *
   * @throws IllegalArgumentException when {@code maxlen} is negative
   */
  public LPosArgs maxlen(long maxlen) {
    if (maxlen < 0) {
      throw new IllegalArgumentException("LPOS: MAXLEN must not be negative, got " + maxlen);
    }
    return new LPosArgs(rank, maxlen);
  }

  /** The {@code RANK}; 0 when not set (the first match). */
  public long rank() {
    return rank;
  }

  /** The {@code MAXLEN}; 0 when not set (the whole list). */
  public long maxlen() {
    return maxlen;
  }

  @Override
  public String toString() {
    return "LPosArgs[RANK " + (rank == 0 ? 1 : rank) + " MAXLEN " + maxlen + "]";
  }
}
