package io.vigil.driver.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.lag.ReplicaLag;
import io.vigil.driver.internal.lag.ReplicaLagTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read-routing meters: {@code vigil.reads} by the role of the node chosen ({@code master},
 * {@code replica}, {@code none}), {@code vigil.reads.fallback} by the reason a read that could have
 * gone to a replica went to the master, and per replica {@code vigil.replica.lag.bytes} and
 * {@code vigil.replica.lag.seconds} (-1 while unknown).
 *
 * <p>Thread-safe. Without a registry every method does nothing.
 */
public final class ReadMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, List<Gauge>> gauges = new ConcurrentHashMap<>();

  /** Meters in {@code registry}; null for none. */
  public ReadMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A read went to a node of {@code role}, or to none ({@code "none"}). */
  public void read(String role) {
    if (registry != null) {
      counters.computeIfAbsent(role, r -> Counter.builder("vigil.reads").tag("role", r)
          .description("Reads by the role of the node chosen for them").register(registry)).increment();
    }
  }

  /** A read that could have gone to a replica went to the master, because of {@code reason}. */
  public void fallback(String reason) {
    if (registry != null) {
      counters.computeIfAbsent("fallback:" + reason, k -> Counter.builder("vigil.reads.fallback").tag("reason", reason)
          .description("Reads that could have gone to a replica but went to the master, by reason")
          .register(registry)).increment();
      read("master");
    }
  }

  /** Registers the lag gauges of {@code replica} (its name in {@code lag}). */
  public void replicaAdded(String replica, ReplicaLagTracker lag, Ticker ticker) {
    if (registry == null) {
      return;
    }
    List<Gauge> g = new ArrayList<>(2);
    g.add(Gauge.builder("vigil.replica.lag.bytes", lag, t -> t.lag(replica).map(ReplicaLag::lagBytes)
            .orElse(-1L).doubleValue())
        .tag("replica", replica).description("How far the replica trails the master, in replication bytes")
        .register(registry));
    g.add(Gauge.builder("vigil.replica.lag.seconds", lag, t -> t.lag(replica)
            .map(l -> l.lag(ticker.nanoTime())).map(d -> d.toNanos() / 1e9).orElse(-1.0))
        .tag("replica", replica).description("The most the replica can be behind the master (-1: unknown)")
        .register(registry));
    gauges.put(replica, g);
  }

  /** Removes the gauges of a replica that left. */
  public void replicaRemoved(String replica) {
    List<Gauge> g = gauges.remove(replica);
    if (g != null && registry != null) {
      g.forEach(registry::remove);
    }
  }
}
