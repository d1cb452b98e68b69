package io.vigil.testkit.server.keyspace;

/**
 * The access word Redis keeps per key in 24 bits: here the LRU clock, Unix seconds modulo 2^24,
 * of the key's last access, from which OBJECT IDLETIME reads the idle time. Pure functions;
 * thread-safe.
 */
public final class KeyAccess {

  /** The LRU clock wraps at 24 bits (about 194 days). */
  static final int LRU_CLOCK_MAX = (1 << 24) - 1;

  private KeyAccess() {}

  /** The LRU clock at {@code nowMillis}. */
  public static int lruClock(long nowMillis) {
    return (int) ((nowMillis / 1000) & LRU_CLOCK_MAX);
  }

  /**
   * How long, in milliseconds, the key has not been accessed at {@code nowMillis}, from its LRU
   * word, allowing for one wrap of the clock (Redis's {@code estimateObjectIdleTime}).
   */
  public static long idleMillis(int word, long nowMillis) {
    int clock = lruClock(nowMillis);
    int lru = word & LRU_CLOCK_MAX;
    long seconds = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
    return seconds * 1000;
  }
}
