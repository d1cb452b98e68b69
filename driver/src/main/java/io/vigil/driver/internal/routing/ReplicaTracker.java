package io.vigil.driver.internal.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.driver.Endpoint;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.lag.ReplicaLag;
import io.vigil.driver.internal.lag.ReplicaLagTracker;
import io.vigil.driver.internal.lag.ReplicaSampler;
import io.vigil.driver.internal.lag.ReplicaSource;
import io.vigil.driver.internal.metrics.ReadMetrics;
import io.vigil.driver.internal.pool.NodePool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Routes reads over the replicas of the current master from what a {@link ReplicaSampler} knows of
 * them — each replica's replication offset, link state and round trip, the master's offset
 * history and replication ids — and which replicas the topology reports down; counts each
 * decision in {@link ReadMetrics}.
 *
 * <p>The first replica-eligible read after a pause starts the sampler (and goes to the master, or
 * waits under {@code replica()}, until a sample proves a replica fresh).
 *
 * <p>Thread-safe: every routed read reads an immutable snapshot of the sampler's state.
 */
public final class ReplicaTracker implements AutoCloseable {

  private final ReplicaSource source;
  private final Ticker ticker;
  /** Past this age, the latest master sample proves nothing about byte lag. */
  private final long staleSampleNanos;
  private final ReadMetrics metrics;
  private final ReplicaSampler sampler;

  /**
   * @param source the master and the replicas the topology announces
   * @param pools opens (and starts) a pool to a replica
   * @param registry where the read meters go; null for none
   */
  public ReplicaTracker(ReplicaSource source, Function<Endpoint, NodePool> pools, ScheduledExecutorService timers,
      Ticker ticker, Duration interval, MeterRegistry registry) {
    this.source = source;
    this.ticker = ticker;
    this.staleSampleNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(250), 10 * interval.toNanos());
    this.metrics = new ReadMetrics(registry);
    ReplicaLagTracker[] lag = new ReplicaLagTracker[1];
    this.sampler = new ReplicaSampler(source, pools, timers, ticker, interval,
        r -> metrics.replicaAdded(r.name(), lag[0], ticker), r -> metrics.replicaRemoved(r.name()));
    lag[0] = sampler.lag();
  }

  /** Where a read under {@code policy} goes now; {@code sessionOffset} as in {@link ReadRouter#route}. */
  Route route(ReadPolicy policy, long sessionOffset) {
    if (!policy.mayReadReplicas()) {
      return Route.MASTER;
    }
    long now = ticker.nanoTime();
    sampler.touch(now);
    Endpoint m = source.master();
    Route r = ReadRouter.route(policy, views(m, policy.maxLagBytes() >= 0), m != null, sampler.masterRttNanos(),
        sessionOffset, now, ThreadLocalRandom.current().nextInt());
    count(r);
    return r;
  }

  /**
   * The replicas as routing sees them now. While no master is confirmed (a failover) the
   * evidence about the last sampled master's replicas still holds, and ages: time bounds fail by
   * themselves as it does.
   *
   * @param byteBound whether a byte bound applies: it needs a recent master sample
   */
  List<ReplicaView> views(Endpoint confirmed, boolean byteBound) {
    Map<Endpoint, ReplicaSampler.Replica> nodes = sampler.replicas();
    List<ReplicaView> out = new ArrayList<>(nodes.size());
    Endpoint sampledMaster = sampler.sampledMaster();
    Endpoint m = confirmed != null ? confirmed : sampledMaster;
    if (m == null || !m.equals(sampledMaster)) {
      for (Endpoint e : nodes.keySet()) {
        out.add(new ReplicaView(e, null, false, "no lag evidence for the current master yet", -1));
      }
      return out;
    }
    ReplicaLagTracker lag = sampler.lag();
    long sampled = lag.latestMasterSampleNanos();
    long age = sampled == Long.MIN_VALUE ? Long.MAX_VALUE : ticker.nanoTime() - sampled;
    // Byte lag is measured against the latest master sample: after a pause in sampling it would
    // understate the lag, so under a byte bound no replica is read until the master is sampled again.
    String outdated = byteBound && age > staleSampleNanos ? (sampled == Long.MIN_VALUE ? "the master's offset is not sampled yet"
        : "the master's offset was last sampled " + TimeUnit.NANOSECONDS.toMillis(age) + " ms ago") : null;
    for (Map.Entry<Endpoint, ReplicaSampler.Replica> e : nodes.entrySet()) {
      ReplicaSampler.Replica n = e.getValue();
      if (!n.known()) {
        continue;
      }
      ReplicaLag l = lag.lag(n.name()).orElse(null);
      String down = source.downReason(e.getKey());
      String why = down != null ? down : n.why() != null ? n.why() : outdated;
      out.add(new ReplicaView(e.getKey(), l, why == null, why == null ? "" : why, n.rttNanos()));
    }
    return out;
  }

  /** The pool of a replica chosen by {@link #route}. */
  NodePool pool(Endpoint replica) {
    ReplicaSampler.Replica n = sampler.replicas().get(replica);
    return n != null ? n.pool() : null;
  }

  /** The lag evidence, for sessions. */
  ReplicaLagTracker lag() {
    return sampler.lag();
  }

  /** The current master's replication ids, or null before the first sample. */
  ReplicaSampler.MasterIds ids() {
    return sampler.ids();
  }

  /** Asks for a sample soon (a session waiting for its write to show up in the history). */
  void nudge() {
    sampler.touch(ticker.nanoTime());
  }

  /** Feeds one master sample, as the sampler would. */
  void onMasterInfo(long sent, String info) {
    sampler.onMasterInfo(sent, info);
  }

  /** One sampling round now, for tests. */
  CompletableFuture<Void> sampleOnce() {
    return sampler.sampleOnce();
  }

  private void count(Route r) {
    if (r.replica() != null) {
      metrics.read("replica");
    } else if (r.failed()) {
      metrics.read("none");
    } else if (r.fallback() == null) {
      metrics.read("master");
    } else {
      metrics.fallback(r.fallback().tag());
    }
  }

  @Override
  public void close() {
    sampler.close();
  }
}
