package io.vigil.driver.internal.failover;

import io.vigil.driver.Endpoint;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.internal.client.CommandRunner;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.lag.ReplicaSource;
import io.vigil.driver.internal.topology.MasterSource;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The master the sentinels name: a {@link MasterTracker} finds and confirms it and follows
 * failovers; commands go through a {@link FailoverRunner} that waits at the tracker's gate while
 * no master is confirmed and retries what is safe to retry.
 *
 * <p>Thread-safe.
 */
public final class SentinelMaster implements MasterSource {

  private final MasterTracker tracker;
  private final FailoverRunner runner;
  private final Ticker ticker;
  private final Duration startWait;

  /**
   * @param tracker the tracker (not started)
   * @param runner the runner with the client's retry policy
   * @param startWait how long {@link #start} waits for the first confirmed master
   */
  public SentinelMaster(MasterTracker tracker, FailoverRunner runner, Ticker ticker, Duration startWait) {
    this.tracker = tracker;
    this.runner = runner;
    this.ticker = ticker;
    this.startWait = startWait;
  }

  /** The tracker, for what only Sentinel mode has. */
  public MasterTracker tracker() {
    return tracker;
  }

  @Override
  public void start() {
    tracker.start(startWait);
  }

  @Override
  public CompletableFuture<NodePool> masterPool(long timeoutNanos) {
    long deadline = timeoutNanos <= 0 ? Command.NO_DEADLINE : ticker.nanoTime() + timeoutNanos;
    return tracker.gate().await(deadline, "a connection lease");
  }

  @Override
  public CommandRunner runner(RetryPolicy policy) {
    return runner.withPolicy(policy);
  }

  @Override
  public Endpoint confirmedMaster() {
    return tracker.confirmedMaster();
  }

  @Override
  public String describe() {
    return tracker.describeMaster();
  }

  @Override
  public ReplicaSource replicas() {
    return new ReplicaSource() {
      @Override
      public Endpoint master() {
        return tracker.confirmedMaster();
      }

      @Override
      public NodePool masterPool() {
        return tracker.pool();
      }

      @Override
      public boolean announcesReplicas() {
        return true;
      }

      @Override
      public Collection<Endpoint> announcedReplicas() {
        return tracker.replicas();
      }

      @Override
      public String downReason(Endpoint replica) {
        return tracker.replicaDownReason(replica);
      }
    };
  }

  @Override
  public void close() {
    NodePool p = tracker.pool();
    tracker.close();
    if (p != null) {
      try {
        p.close().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // best effort: the I/O threads stop right after
      }
    }
  }
}
