package io.vigil.driver.internal.routing;

import io.vigil.driver.Endpoint;

/**
 * Where one read goes: a replica, or the master (with the reason when a replica was wanted), or
 * nowhere yet (a replica-only read that found none; {@code why} names the replicas).
 *
 * @param replica the replica to read from, or null
 * @param fallback why a read that could have gone to a replica goes to the master; null when the
 *     policy chose the master itself or a replica was chosen
 * @param why for a failed route, the replicas considered and why each was skipped
 */
record Route(Endpoint replica, Fallback fallback, String why) {

  static final Route MASTER = new Route(null, null, null);

  /** Why a read went to the master instead of a replica (a metric tag). */
  enum Fallback {
    /** No replica is known or healthy. */
    NO_REPLICA,
    /** Healthy replicas exist, but all are beyond the lag bound or their lag is unknown. */
    LAG,
    /** Replicas are fresh enough for the bound, but none has reached the session's writes. */
    SESSION,
    /** The master answers faster than every eligible replica ({@code nearest}). */
    NEAREST;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static Route replica(Endpoint e) {
    return new Route(e, null, null);
  }

  static Route master(Fallback why) {
    return new Route(null, why, null);
  }

  static Route none(String why) {
    return new Route(null, null, why);
  }

  boolean failed() {
    return replica == null && why != null;
  }
}
