package io.vigil.driver.internal.failover;

import io.vigil.driver.Endpoint;

/**
 * What the command path tells the topology: the master it sent to looks gone. One method, so the
 * retry logic knows nothing of sentinels.
 */
@FunctionalInterface
public interface MasterSuspicion {

  /** {@code master} lost a connection or answered like a non-master; {@code reason} says how. */
  void suspect(Endpoint master, String reason);
}
