package io.vigil.driver.internal.topology;

import io.vigil.driver.Endpoint;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.internal.client.CommandRunner;
import io.vigil.driver.internal.client.PoolRunner;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.lag.ReplicaSource;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One node at a fixed address: it is the master, commands go to its pool and are not retried,
 * and its replicas are whatever its {@code INFO replication} lists.
 *
 * <p>Thread-safe.
 */
public final class StandaloneMaster implements MasterSource {

  private final NodePool pool;
  private final PoolRunner runner;

  /** The source for {@code pool} (not started yet). */
  public StandaloneMaster(NodePool pool, Ticker ticker) {
    this.pool = pool;
    this.runner = new PoolRunner(pool, ticker);
  }

  @Override
  public void start() {
    pool.start(); // connects in the background; commands wait for it within their timeout
  }

  @Override
  public CompletableFuture<NodePool> masterPool(long timeoutNanos) {
    return CompletableFuture.completedFuture(pool);
  }

  @Override
  public CommandRunner runner(RetryPolicy policy) {
    return runner; // a fixed node has nowhere else to go: nothing to retry against
  }

  @Override
  public Endpoint confirmedMaster() {
    return pool.endpoint();
  }

  @Override
  public String describe() {
    return pool.endpoint().toString();
  }

  @Override
  public ReplicaSource replicas() {
    return new ReplicaSource() {
      @Override
      public Endpoint master() {
        return pool.endpoint();
      }

      @Override
      public NodePool masterPool() {
        return pool;
      }

      @Override
      public boolean announcesReplicas() {
        return false;
      }

      @Override
      public Collection<Endpoint> announcedReplicas() {
        return List.of();
      }

      @Override
      public String downReason(Endpoint replica) {
        return null;
      }
    };
  }

  @Override
  public void close() {
    try {
      pool.close().get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing is best effort: the I/O threads stop right after
    }
  }
}
