package io.vigil.testkit.sentinel.election;

/**
 * The sentinel-wide current epoch ({@code sentinel current-epoch}), an unsigned 64-bit counter
 * that only moves forward. Not thread-safe: owned by the sentinel's single state thread.
 */
public final class EpochCounter {

  private long current;

  public EpochCounter(long initial) {
    this.current = initial;
  }

  /** The current epoch. */
  public long current() {
    return current;
  }

  /** Adopts a newer epoch seen elsewhere; an older one is ignored. */
  public void advanceTo(long epoch) {
    if (Long.compareUnsigned(epoch, current) > 0) {
      current = epoch;
    }
  }

  /** Starts a new epoch for this sentinel's own failover attempt and returns it. */
  public long increment() {
    return ++current;
  }
}
