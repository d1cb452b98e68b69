package io.vigil.driver.internal.topology;

import io.vigil.driver.Endpoint;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.internal.client.CommandRunner;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.lag.ReplicaSource;
import java.util.concurrent.CompletableFuture;

/**
 * Where the master comes from: one fixed node ({@link StandaloneMaster}), or the node the
 * sentinels name, followed across failovers ({@code failover.SentinelMaster}). The client runtime
 * talks to this seam only, so it never asks which mode it is in.
 *
 * <p>Thread-safe.
 */
public interface MasterSource extends AutoCloseable {

  /** Asks for the master and, where that can wait, waits up to the connect timeout for it. */
  void start();

  /**
   * The master's pool, to lease connections from: at once for a fixed node, once a master is
   * confirmed otherwise (failing after {@code timeoutNanos}; zero or negative waits forever).
   */
  CompletableFuture<NodePool> masterPool(long timeoutNanos);

  /** Where commands go, retried across failovers with {@code policy} where the mode can fail over. */
  CommandRunner runner(RetryPolicy policy);

  /** The master commands go to now; null while none is confirmed. */
  Endpoint confirmedMaster();

  /** The master for messages ({@code "127.0.0.1:6379"}, {@code "master mymaster"}). */
  String describe();

  /** The master and its replicas as this source knows them, for read routing. */
  ReplicaSource replicas();

  /** Closes the master's pool and whatever watches the topology. */
  @Override
  void close();
}
