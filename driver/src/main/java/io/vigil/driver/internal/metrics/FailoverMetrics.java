package io.vigil.driver.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The failover meters of one client, or nothing when the client was given no registry.
 *
 * <p>Meters: {@code vigil.failovers} (writes moved to a new master), {@code vigil.failover.recovery}
 * (time from master loss to a confirmed master), {@code vigil.commands.queued} (commands waiting
 * for a master, a gauge) and {@code vigil.commands.failed} (tagged by {@code cause}). All carry a
 * {@code master} tag. Thread-safe.
 */
public final class FailoverMetrics {

  private final MeterRegistry registry;
  private final String master;
  private final Counter failovers;
  private final Timer recovery;
  private final ConcurrentHashMap<String, Counter> failed = new ConcurrentHashMap<>();

  private FailoverMetrics(MeterRegistry registry, String master) {
    this.registry = registry;
    this.master = master;
    if (registry == null) {
      failovers = null;
      recovery = null;
    } else {
      failovers = Counter.builder("vigil.failovers").description("Times the client moved its writes to a new master")
          .tag("master", master).register(registry);
      recovery = Timer.builder("vigil.failover.recovery")
          .description("Time from losing the master to confirming one").tag("master", master).register(registry);
    }
  }

  /** Meters in {@code registry}, or none when it is null. */
  public static FailoverMetrics of(MeterRegistry registry, String master) {
    return new FailoverMetrics(registry, master);
  }

  /** Registers the gauge of waiting commands. */
  public void queued(IntSupplier waiting) {
    if (registry != null) {
      Gauge.builder("vigil.commands.queued", waiting, s -> s.getAsInt())
          .description("Commands waiting for a confirmed master").tag("master", master).register(registry);
    }
  }

  /** A master was confirmed {@code downtime} after the master was lost. */
  public void recovered(Duration downtime) {
    if (registry != null) {
      recovery.record(downtime);
    }
  }

  /** Writes moved to another node. */
  public void failover() {
    if (registry != null) {
      failovers.increment();
    }
  }

  /** A command failed for {@code cause} (a short word: {@code deadline}, {@code outcome-unknown}…). */
  public void failed(String cause) {
    if (registry != null) {
      failed.computeIfAbsent(cause, c -> Counter.builder("vigil.commands.failed")
          .description("Commands failed at the caller during failover handling")
          .tag("master", master).tag("cause", c).register(registry)).increment();
    }
  }
}
