package io.vigil.driver.internal.routing;

import io.vigil.driver.ReadPolicy;
import io.vigil.driver.internal.lag.ReplicaLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses where one read goes from a policy, what is known of the replicas, an optional
 * read-your-writes offset and the time. Pure: no I/O, no clock of its own, so its tests set the
 * time by hand.
 *
 * <p>A replica qualifies when it is healthy, its lag is within the policy's bounds (a time bound
 * needs proof of freshness: a replica whose lag is unknown never qualifies), and it has reached
 * the session's offset. Thread-safe (stateless).
 */
final class ReadRouter {

  private ReadRouter() {}

  /**
   * The route for a read.
   *
   * @param masterKnown whether a master is confirmed now (for {@code masterPreferred})
   * @param masterRttNanos the master's round trip, or -1 when unknown (for {@code nearest})
   * @param sessionOffset the offset a replica must have reached, -1 for none, or
   *     {@link Long#MAX_VALUE} when the session's writes cannot be located (read the master)
   * @param spin any number, used to spread reads over equally good replicas
   */
  static Route route(ReadPolicy policy, List<ReplicaView> replicas, boolean masterKnown, long masterRttNanos,
      long sessionOffset, long nowNanos, int spin) {
    ReadPolicy.Target target = policy.target();
    if (target == ReadPolicy.Target.MASTER || (target == ReadPolicy.Target.MASTER_PREFERRED && masterKnown)) {
      return Route.MASTER;
    }
    List<ReplicaView> fresh = new ArrayList<>(replicas.size());
    boolean anyHealthy = false;
    boolean anyFresh = false;
    for (ReplicaView r : replicas) {
      if (!r.healthy() || r.lag() == null) {
        continue;
      }
      anyHealthy = true;
      if (!withinBound(policy, r.lag(), nowNanos)) {
        continue;
      }
      anyFresh = true;
      if (sessionOffset >= 0 && !r.lag().hasReached(sessionOffset)) {
        continue;
      }
      fresh.add(r);
    }
    if (fresh.isEmpty()) {
      Route.Fallback why = !anyHealthy ? Route.Fallback.NO_REPLICA : !anyFresh ? Route.Fallback.LAG
          : Route.Fallback.SESSION;
      if (target == ReadPolicy.Target.REPLICA) {
        return Route.none(describe(policy, replicas, sessionOffset, nowNanos));
      }
      return Route.master(why);
    }
    if (target == ReadPolicy.Target.NEAREST) {
      ReplicaView best = null;
      for (ReplicaView r : fresh) {
        if (r.rttNanos() >= 0 && (best == null || r.rttNanos() < best.rttNanos())) {
          best = r;
        }
      }
      if (best == null || (masterKnown && masterRttNanos >= 0 && masterRttNanos <= best.rttNanos())) {
        return Route.master(Route.Fallback.NEAREST);
      }
      return Route.replica(best.endpoint());
    }
    return Route.replica(fresh.get(Math.floorMod(spin, fresh.size())).endpoint());
  }

  /** Whether the replica's lag is within the policy's bounds (the replica's health aside). */
  static boolean withinBound(ReadPolicy policy, ReplicaLag lag, long nowNanos) {
    if (!lag.linkUp()) {
      return false;
    }
    long maxBytes = policy.maxLagBytes();
    if (maxBytes >= 0 && lag.lagBytes() > maxBytes) {
      return false;
    }
    Duration maxLag = policy.maxLag();
    if (maxLag != null) {
      return lag.known() && nowNanos - lag.coveredUntilNanos() <= maxLag.toNanos();
    }
    return true;
  }

  /** Every replica and why it was skipped, for a replica-only read that found none. */
  static String describe(ReadPolicy policy, List<ReplicaView> replicas, long sessionOffset, long nowNanos) {
    if (replicas.isEmpty()) {
      return "no replica is known";
    }
    StringBuilder s = new StringBuilder();
    for (ReplicaView r : replicas) {
      if (s.length() > 0) {
        s.append("; ");
      }
      s.append(r.endpoint()).append(' ');
      ReplicaLag lag = r.lag();
      if (!r.healthy()) {
        s.append(r.why());
      } else if (lag == null) {
        s.append("not sampled yet");
      } else {
        Duration d = lag.lag(nowNanos);
        s.append("lag ").append(d == null ? "unknown" : d.toMillis() + " ms").append(", ")
            .append(lag.lagBytes()).append(" bytes");
        if (!lag.linkUp()) {
          s.append(", master link down");
        } else if (withinBound(policy, lag, nowNanos) && sessionOffset >= 0 && !lag.hasReached(sessionOffset)) {
          s.append(", behind the session's writes (offset ").append(lag.offset()).append(" < ")
              .append(sessionOffset == Long.MAX_VALUE ? "unknown" : String.valueOf(sessionOffset)).append(')');
        }
      }
    }
    return s.toString();
  }
}
