package io.vigil.driver.internal.lag;

/**
 * The master's replication offset over time: a bounded, time-ordered series of samples
 * {@code (time, master_repl_offset)}, taken cheaply with {@code ROLE} or {@code INFO replication}.
 *
 * <p>It answers the question lag routing needs: given that a replica has everything up to
 * offset {@code R}, since when can it be missing writes? Every write the master acknowledged
 * before a sample whose offset is at most {@code R} is on the replica, so {@link
 * #coveredUntil(long)} returns the time of the latest such sample; the replica is stale by at
 * most {@code now - coveredUntil(R)}. Estimates err on the stale side, never the fresh side.
 *
 * <p>Times are nanoseconds from an injected monotonic clock. Not thread-safe; the owner
 * synchronizes.
 */
final class OffsetHistory {

  /** Returned by {@link #coveredUntil} when no sample proves anything. */
  static final long NEVER = Long.MIN_VALUE;

  private final long[] times;
  private final long[] offsets;
  private int start;
  private int size;

  /** A history keeping the latest {@code capacity} samples. */
  OffsetHistory(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("an offset history needs at least 2 samples, got " + capacity);
    }
    this.times = new long[capacity];
    this.offsets = new long[capacity];
  }

  /**
   * Records that the master's offset was {@code offset} at {@code timeNanos}. Samples must come
   * in time order; an offset lower than the previous one means the master changed (or
   * restarted) and the old history no longer applies, so it is dropped.
   */
  void record(long timeNanos, long offset) {
    if (size > 0) {
      int last = index(size - 1);
      if (timeNanos < times[last]) {
        throw new IllegalArgumentException("samples must be in time order: " + timeNanos + " < " + times[last]);
      }
      if (offset < offsets[last]) {
        clear();
      } else if (offset == offsets[last] && size > 1 && offsets[index(size - 2)] == offset) {
        // Three equal offsets in a row: the middle one says nothing the newest does not.
        times[last] = timeNanos;
        return;
      }
    }
    if (size == times.length) {
      start = (start + 1) % times.length;
      size--;
    }
    int i = index(size);
    times[i] = timeNanos;
    offsets[i] = offset;
    size++;
  }

  /** Forgets everything (a new master). */
  void clear() {
    start = 0;
    size = 0;
  }

  /** Whether there is no sample. */
  boolean isEmpty() {
    return size == 0;
  }

  /** The latest master offset sampled, or -1 when empty. */
  long latestOffset() {
    return size == 0 ? -1 : offsets[index(size - 1)];
  }

  /** When the latest sample was taken, or {@link #NEVER}. */
  long latestTime() {
    return size == 0 ? NEVER : times[index(size - 1)];
  }

  /**
   * The time of the latest sample whose offset is at most {@code replicaOffset}: every write
   * the master had acknowledged by then is on a replica at that offset. {@link #NEVER} when the
   * replica is behind every sample kept.
   */
  long coveredUntil(long replicaOffset) {
    // binary search for the last sample with offset <= replicaOffset (offsets are non-decreasing)
    int lo = 0;
    int hi = size - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (offsets[index(mid)] <= replicaOffset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? NEVER : times[index(found)];
  }

  /**
   * The offset of the first sample taken at or after {@code timeNanos}. It covers every write
   * acknowledged before {@code timeNanos}: a session that wrote then needs a replica at least
   * this far along. -1 when no such sample exists yet.
   */
  long offsetSince(long timeNanos) {
    for (int k = 0; k < size; k++) {
      int i = index(k);
      if (times[i] >= timeNanos) {
        return offsets[i];
      }
    }
    return -1;
  }

  private int index(int k) {
    return (start + k) % times.length;
  }
}
