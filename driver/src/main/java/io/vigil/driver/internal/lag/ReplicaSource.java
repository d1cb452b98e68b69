package io.vigil.driver.internal.lag;

import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.pool.NodePool;
import java.util.Collection;

/**
 * What the replica tracker needs from the topology: the master now, its pool, the replicas the
 * topology announces, and why one is reported down.
 *
 * <p>Implementations are thread-safe and answer without blocking.
 */
public interface ReplicaSource {

  /** The confirmed master now, or null during a failover. */
  Endpoint master();

  /** The master's pool now, or null. */
  NodePool masterPool();

  /**
   * Whether replicas are announced by the topology (the sentinels); when false, the tracker
   * learns them from the master's {@code INFO replication}.
   */
  boolean announcesReplicas();

  /** The announced replicas (the master excluded); empty when {@link #announcesReplicas()} is false. */
  Collection<Endpoint> announcedReplicas();

  /** Why {@code replica} is reported down or disconnected, or null when it is not. */
  String downReason(Endpoint replica);
}
