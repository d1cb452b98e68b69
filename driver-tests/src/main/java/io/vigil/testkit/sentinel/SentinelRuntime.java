package io.vigil.testkit.sentinel;

import io.netty.channel.EventLoop;
import io.vigil.testkit.sentinel.config.MonitoredMaster;
import io.vigil.testkit.sentinel.config.SentinelConfig;
import io.vigil.testkit.sentinel.config.SentinelConfigWriter;
import io.vigil.testkit.sentinel.election.EpochCounter;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import io.vigil.testkit.sentinel.link.MasterLinks;
import io.vigil.testkit.sentinel.monitor.Address;
import io.vigil.testkit.sentinel.monitor.MasterMonitor;
import io.vigil.testkit.sentinel.monitor.SentinelTimings;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.network.ServerLog;
import io.vigil.testkit.server.pubsub.PubSubHub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The running state of one sentinel: its configuration, the sentinel-wide epoch, a {@link
 * MasterMonitor} and its {@link MasterLinks} per monitored master, TILT mode, and the timer that
 * drives them.
 *
 * <p>Event loop only, except {@link #addListener}.
 */
final class SentinelRuntime implements MasterLinks.Owner {

  /** Redis enters TILT when the timer is late by more than this ({@code SENTINEL_TILT_TRIGGER}). */
  private static final long TILT_TRIGGER_MS = 2000;
  /** ... and leaves it after this long without another jump ({@code SENTINEL_TILT_PERIOD}). */
  private static final long TILT_PERIOD_MS = 30_000;

  final SentinelConfig config;
  final EpochCounter epochs;
  final SentinelTimings timings;
  private final EventLoop loop;
  private final ServerLog log;
  private final PubSubHub pubsub;
  private final Random random = new Random();
  private final Address announced;
  final Map<String, Monitored> masters = new LinkedHashMap<>();
  private final List<Consumer<SentinelEvent>> listeners = new CopyOnWriteArrayList<>();
  private final long startNanos = System.nanoTime();
  private long lastTick;
  boolean tilt;
  long tiltSince;
  private boolean stopped;
  int simulateFailureFlags;

  /** A master with its monitor and links. */
  static final class Monitored {
    final MasterMonitor monitor;
    final MasterLinks links;

    Monitored(MasterMonitor monitor, MasterLinks links) {
      this.monitor = monitor;
      this.links = links;
    }
  }

  SentinelRuntime(SentinelConfig config, SentinelTimings timings, EventLoop loop, ServerLog log, PubSubHub pubsub,
      Address announced) {
    this.config = config;
    this.timings = timings;
    this.loop = loop;
    this.log = log;
    this.pubsub = pubsub;
    this.announced = announced;
    this.epochs = new EpochCounter(config.currentEpoch());
    for (MonitoredMaster m : config.masters().values()) {
      add(m);
    }
  }

  /** Monotonic milliseconds, the monitors' clock. */
  long now() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + 1;
  }

  /** Starts monitoring {@code m}. */
  Monitored add(MonitoredMaster m) {
    MasterLinks links = new MasterLinks(loop, config.myId(), m, config.sentinelUser(), config.sentinelPass(),
        this::now, this);
    MasterMonitor monitor = new MasterMonitor(config.myId(), m, epochs, links, timings, announced, random, now());
    links.monitor(monitor);
    Monitored entry = new Monitored(monitor, links);
    masters.put(m.name(), entry);
    return entry;
  }

  /** Stops monitoring {@code name}. */
  void remove(String name) {
    Monitored m = masters.remove(name);
    if (m != null) {
      m.links.close();
    }
  }

  /** Starts the timer. */
  void start() {
    lastTick = now();
    schedule();
  }

  /** Stops the timer and closes every link. */
  void stop() {
    stopped = true;
    for (Monitored m : masters.values()) {
      m.links.close();
    }
  }

  void addListener(Consumer<SentinelEvent> listener) {
    listeners.add(listener);
  }

  private void schedule() {
    if (stopped) {
      return;
    }
    long period = timings.tickPeriod();
    long delay = period / 2 + (long) (random.nextDouble() * (period / 2 + 1));
    loop.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    if (stopped) {
      return;
    }
    try {
      long now = now();
      checkTilt(now);
      for (Monitored m : new ArrayList<>(masters.values())) {
        m.links.maintain();
        m.monitor.tick(now);
      }
    } catch (RuntimeException e) {
      log.warning("Sentinel timer failed: " + e);
    } finally {
      schedule();
    }
  }

  private void checkTilt(long now) {
    long delta = now - lastTick;
    lastTick = now;
    if (delta < 0 || delta > TILT_TRIGGER_MS) {
      if (!tilt) {
        tilt = true;
        tiltSince = now;
        masters.values().forEach(m -> m.monitor.tilt(true));
        event(new SentinelEvent("+tilt", "#tilt mode entered"));
      } else {
        tiltSince = now;
      }
    } else if (tilt && now - tiltSince > TILT_PERIOD_MS) {
      tilt = false;
      masters.values().forEach(m -> m.monitor.tilt(false));
      event(new SentinelEvent("-tilt", "#tilt mode exited"));
    }
  }

  @Override
  public void event(SentinelEvent event) {
    log.warning(event.logLine());
    pubsub.publish(Bytes.of(event.type()), event.message().getBytes(StandardCharsets.UTF_8));
    for (Consumer<SentinelEvent> l : listeners) {
      l.accept(event);
    }
  }

  @Override
  public void flushConfig() {
    config.currentEpoch(epochs.current());
    if (config.file().isEmpty()) {
      return;
    }
    try {
      SentinelConfigWriter.flush(config);
    } catch (RuntimeException e) {
      log.warning("WARNING: Sentinel was not able to save the new configuration on disk!!!: " + e.getMessage());
    }
  }
}
