package io.vigil.testkit.server.keyspace;

/**
 * What Redis keeps in every object's header besides type and encoding: the 24-bit access field,
 * here the LRU clock (Unix seconds modulo 2^24) of the value's last access. {@link Database}
 * stamps it when a value is stored and when a command looks the key up; lookups that Redis makes
 * without touching ({@link Database#peek}) leave it. {@code OBJECT IDLETIME} and {@code RESTORE
 * ... IDLETIME} read and write it. Server thread only.
 */
public abstract class ValueHeader {

  /** The largest value of the 24-bit clock; it wraps after about 194 days. */
  public static final int LRU_CLOCK_MAX = (1 << 24) - 1;

  private int lru;

  /** Subclasses are the value types. */
  ValueHeader() {}

  /** The LRU clock of {@code nowMillis}. */
  public static int lruClock(long nowMillis) {
    return (int) ((nowMillis / 1000) & LRU_CLOCK_MAX);
  }

  /** The clock of the last access. */
  public final int lru() {
    return lru;
  }

  /** Records an access at {@code clock} (see {@link #lruClock}). */
  public final void lru(int clock) {
    this.lru = clock & LRU_CLOCK_MAX;
  }

  /** Seconds since the last access as of {@code clock}, as Redis's {@code estimateObjectIdleTime}. */
  public final long idleSeconds(int clock) {
    return clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
  }

  /**
   * Sets the last access {@code idleSeconds} before {@code clock} (RESTORE's IDLETIME), wrapping
   * like Redis's {@code objectSetLRUOrLFU}.
   */
  public final void idleFor(long idleSeconds, int clock) {
    long abs = clock - idleSeconds;
    if (abs < 0) {
      abs += LRU_CLOCK_MAX;
    }
    this.lru = (int) (abs & LRU_CLOCK_MAX);
  }
}
