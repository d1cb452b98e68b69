package io.vigil.driver.internal.lag;

import java.time.Duration;

/**
 * What is known of one replica's lag at one moment: its replication offset, how far it trails
 * the master in bytes, and since when it is guaranteed to hold every acknowledged write.
 *
 * @param replica the replica's {@code host:port}
 * @param offset the replica's replication offset when last observed
 * @param lagBytes master offset minus replica offset at the latest samples (0 when ahead)
 * @param coveredUntilNanos every write the master acknowledged before this time is on the
 *     replica; {@link OffsetHistory#NEVER} when nothing is known
 * @param linkUp whether the replica's link to its master is up
 */
public record ReplicaLag(String replica, long offset, long lagBytes, long coveredUntilNanos, boolean linkUp) {

  /** Whether anything proves the replica's freshness. */
  public boolean known() {
    return coveredUntilNanos != OffsetHistory.NEVER;
  }

  /** The most the replica can be behind at {@code nowNanos}; {@code null} when unknown. */
  public Duration lag(long nowNanos) {
    return known() ? Duration.ofNanos(Math.max(0, nowNanos - coveredUntilNanos)) : null;
  }

  /**
   * Whether a read at {@code nowNanos} may go to this replica under the bounds; a bound of 0 or
   * less is "no bound". A replica whose link is down or whose freshness is unknown never
   * qualifies when a time bound is set.
   */
  public boolean within(long maxLagNanos, long maxLagBytes, long nowNanos) {
    if (!linkUp) {
      return false;
    }
    if (maxLagBytes > 0 && lagBytes > maxLagBytes) {
      return false;
    }
    if (maxLagNanos > 0) {
      return known() && nowNanos - coveredUntilNanos <= maxLagNanos;
    }
    return true;
  }

  /** Whether the replica holds everything up to {@code offset} (read-your-writes). */
  public boolean hasReached(long offset) {
    return this.offset >= offset;
  }
}
