package io.vigil.testkit.sentinel.failover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the replica to promote, exactly as Redis 7.0's {@code sentinelSelectSlave}: skip
 * replicas that are down, disconnected, silent for 5 s, of priority 0, with stale INFO, or whose
 * master link has been down too long; then prefer the lowest priority, then the greatest
 * replication offset (the most data), then the smallest run id.
 *
 * <p>A pure function of its inputs; thread-safe.
 */
public final class ReplicaSelector {

  /** Sentinel's PING period. */
  static final long PING_PERIOD_MS = 1000;
  /** Sentinel's INFO period outside failovers. */
  static final long INFO_PERIOD_MS = 10_000;

  private static final Comparator<ReplicaCandidate> PROMOTION_ORDER =
      Comparator.comparingInt(ReplicaCandidate::priority)
          .thenComparing(Comparator.comparingLong(ReplicaCandidate::replicationOffset).reversed())
          .thenComparing(ReplicaCandidate::runId, Comparator.nullsLast(String::compareToIgnoreCase));

  private ReplicaSelector() {}

  /**
   * The replica to promote, if any qualifies.
   *
   * @param masterDownSinceMillis when the master went subjectively down, or -1 if it is not
   * @param downAfterMillis the master's {@code down-after-milliseconds}
   */
  public static Optional<ReplicaCandidate> select(
      List<ReplicaCandidate> replicas, long now, long masterDownSinceMillis, long downAfterMillis) {
    return eligible(replicas, now, masterDownSinceMillis, downAfterMillis).stream().min(PROMOTION_ORDER);
  }

  /** The replicas that may be promoted, in no particular order. */
  public static List<ReplicaCandidate> eligible(
      List<ReplicaCandidate> replicas, long now, long masterDownSinceMillis, long downAfterMillis) {
    boolean masterDown = masterDownSinceMillis >= 0;
    long maxMasterDownTime = (masterDown ? now - masterDownSinceMillis : 0) + downAfterMillis * 10;
    long infoValidity = masterDown ? PING_PERIOD_MS * 5 : INFO_PERIOD_MS * 3;
    List<ReplicaCandidate> out = new ArrayList<>();
    for (ReplicaCandidate r : replicas) {
      if (r.down() || r.disconnected() || r.priority() == 0) {
        continue;
      }
      if (now - r.lastAvailableMillis() > PING_PERIOD_MS * 5) {
        continue;
      }
      if (now - r.infoRefreshMillis() > infoValidity) {
        continue;
      }
      if (r.masterLinkDownMillis() > maxMasterDownTime) {
        continue;
      }
      out.add(r);
    }
    return out;
  }
}
