package io.vigil.driver.internal.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.driver.Endpoint;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.lag.ReplicaLag;
import io.vigil.driver.internal.lag.ReplicaLagTracker;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the replicas of the current master well enough to route reads: each replica's
 * replication offset, link state and round trip (its {@code ROLE}), the master's offset history
 * and replication ids ({@code INFO replication}), and which replicas the sentinels report down.
 *
 * <p>Sampling runs on the I/O timers every {@code interval} while reads go to replicas and stops
 * after {@code idleAfter} without such reads; the first replica-eligible read after a pause
 * starts it again (and goes to the master, or waits under {@code replica()}, until a sample
 * proves a replica fresh). When the master changes, all lag evidence is dropped, since offsets of
 * the old master prove nothing about the new one's replicas until sampled again.
 *
 * <p>Thread-safe: samplers write, every routed read reads an immutable snapshot.
 */
public final class ReplicaTracker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaTracker.class);
  private static final byte[][] ROLE = {bytes("ROLE")};
  private static final byte[][] INFO_REPLICATION = {bytes("INFO"), bytes("replication")};

  /** The master, its pool and the announced replicas (or none: then the master's INFO lists them). */
  private final ReplicaSource source;
  private final Function<Endpoint, NodePool> pools;
  private final ScheduledExecutorService timers;
  private final Ticker ticker;
  private final long intervalNanos;
  private final long idleAfterNanos;
  private final long sampleTimeoutNanos;
  /** Past this age, the latest master sample proves nothing about byte lag. */
  private final long staleSampleNanos;
  private final ReplicaLagTracker lag;
  private final MeterRegistry registry;
  private final Map<Endpoint, Node> nodes = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean masterInFlight = new AtomicBoolean();
  private volatile long lastReplicaRead = Long.MIN_VALUE;
  private volatile boolean closed;
  /** The master the lag evidence belongs to; written by the sampler only. */
  private volatile Endpoint sampledMaster;
  private volatile MasterIds ids;
  private volatile long masterRttNanos = -1;
  private volatile List<Endpoint> masterReportedReplicas = List.of();

  /**
   * @param source the master and the replicas the topology announces
   * @param pools opens (and starts) a pool to a replica
   */
  public ReplicaTracker(ReplicaSource source, Function<Endpoint, NodePool> pools, ScheduledExecutorService timers, Ticker ticker, Duration interval,
      MeterRegistry registry) {
    this.source = source;
    this.pools = pools;
    this.timers = timers;
    this.ticker = ticker;
    this.intervalNanos = interval.toNanos();
    this.idleAfterNanos = Math.max(TimeUnit.SECONDS.toNanos(10), 50 * intervalNanos);
    this.sampleTimeoutNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(500), 5 * intervalNanos);
    this.staleSampleNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(250), 10 * intervalNanos);
    this.lag = new ReplicaLagTracker(ticker::nanoTime, 1200);
    this.registry = registry;
  }

  /** Where a read under {@code policy} goes now; {@code sessionOffset} as in {@link ReadRouter#route}. */
  Route route(ReadPolicy policy, long sessionOffset) {
    if (!policy.mayReadReplicas()) {
      return Route.MASTER;
    }
    long now = ticker.nanoTime();
    touch(now);
    Endpoint m = source.master();
    Route r = ReadRouter.route(policy, views(m, policy.maxLagBytes() >= 0), m != null, masterRttNanos, sessionOffset, now,
        ThreadLocalRandom.current().nextInt());
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
    List<ReplicaView> out = new ArrayList<>(nodes.size());
    Endpoint m = confirmed != null ? confirmed : sampledMaster;
    if (m == null || !m.equals(sampledMaster)) {
      for (Endpoint e : nodes.keySet()) {
        out.add(new ReplicaView(e, null, false, "no lag evidence for the current master yet", -1));
      }
      return out;
    }
    long sampled = lag.latestMasterSampleNanos();
    long age = sampled == Long.MIN_VALUE ? Long.MAX_VALUE : ticker.nanoTime() - sampled;
    // Byte lag is measured against the latest master sample: after a pause in sampling it would
    // understate the lag, so under a byte bound no replica is read until the master is sampled again.
    String outdated = byteBound && age > staleSampleNanos ? (sampled == Long.MIN_VALUE ? "the master's offset is not sampled yet"
        : "the master's offset was last sampled " + TimeUnit.NANOSECONDS.toMillis(age) + " ms ago") : null;
    for (Map.Entry<Endpoint, Node> e : nodes.entrySet()) {
      Node n = e.getValue();
      if (!n.known) {
        continue;
      }
      ReplicaLag l = lag.lag(n.name).orElse(null);
      String down = source.downReason(e.getKey());
      String why = down != null ? down : n.why != null ? n.why : outdated;
      out.add(new ReplicaView(e.getKey(), l, why == null, why == null ? "" : why, n.rttNanos));
    }
    return out;
  }

  /** The pool of a replica chosen by {@link #route}. */
  NodePool pool(Endpoint replica) {
    Node n = nodes.get(replica);
    return n != null ? n.pool : null;
  }

  /** The lag evidence, for sessions. */
  ReplicaLagTracker lag() {
    return lag;
  }

  /** The current master's replication ids, or null before the first sample. */
  MasterIds ids() {
    return ids;
  }

  /** Asks for a sample soon (a session waiting for its write to show up in the history). */
  void nudge() {
    touch(ticker.nanoTime());
  }

  private void touch(long now) {
    lastReplicaRead = now;
    if (!closed && running.compareAndSet(false, true)) {
      schedule(0);
    }
  }

  private void schedule(long delayNanos) {
    try {
      timers.schedule(this::sample, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      running.set(false); // shutting down
    }
  }

  private void sample() {
    if (closed) {
      running.set(false);
      return;
    }
    long start = ticker.nanoTime();
    if (start - lastReplicaRead > idleAfterNanos) {
      running.set(false); // nobody reads replicas: stop until someone does
      if (ticker.nanoTime() - lastReplicaRead <= idleAfterNanos && running.compareAndSet(false, true)) {
        schedule(0);
      }
      return;
    }
    try {
      sampleOnce();
    } catch (RuntimeException e) {
      log.debug("Replica sampling failed: {}", e.toString());
    }
    // Fixed rate, not after the replies: a frozen replica must not slow down the master's samples.
    schedule(Math.max(0, intervalNanos - (ticker.nanoTime() - start)));
  }

  /**
   * One round: the master's INFO and every replica's ROLE, in parallel, skipping a node whose
   * previous sample is still unanswered.
   */
  CompletableFuture<Void> sampleOnce() {
    Endpoint m = source.master();
    NodePool mp = source.masterPool();
    if (m == null || mp == null) {
      return CompletableFuture.completedFuture(null);
    }
    if (!m.equals(sampledMaster)) {
      lag.masterChanged();
      ids = null;
      sampledMaster = m;
      log.debug("Replica tracking follows master {}", m);
    }
    long sent = ticker.nanoTime();
    Collection<Endpoint> known = source.announcesReplicas() ? source.announcedReplicas() : masterReportedReplicas;
    if (!masterInFlight.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    // Replicas are asked once the master answered, so that a replica keeping up shows an offset
    // at or past this master sample: its lag is then bounded by the sample's age alone.
    CompletableFuture<Void> round = mp.submit(Command.of(INFO_REPLICATION, sent, sampleTimeoutNanos))
        .handle((reply, error) -> {
          masterInFlight.set(false);
          if (error == null && m.equals(sampledMaster) && !(reply instanceof RespError)) {
            masterRttNanos = ticker.nanoTime() - sent;
            onMasterInfo(m, sent, Replies.text(reply));
          }
          List<CompletableFuture<?>> all = new ArrayList<>();
          for (Endpoint e : known) {
            if (!e.equals(m) && !closed) {
              Node n = nodes.computeIfAbsent(e, this::open);
              n.known = true;
              all.add(sampleReplica(m, n));
            }
          }
          return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }).thenCompose(f -> f);
    for (Map.Entry<Endpoint, Node> e : nodes.entrySet()) {
      if (!known.contains(e.getKey()) || e.getKey().equals(m)) {
        forget(e.getKey());
      }
    }
    return round.exceptionally(e -> null);
  }

  private CompletableFuture<Void> sampleReplica(Endpoint m, Node n) {
    long sent = ticker.nanoTime();
    long since = n.inFlightSince;
    if (since != 0) {
      if (sent - since > Math.max(intervalNanos, TimeUnit.MILLISECONDS.toNanos(50))) {
        // a replica that stopped answering cannot serve reads in time either
        n.why = "has not answered ROLE for " + TimeUnit.NANOSECONDS.toMillis(sent - since) + " ms";
      }
      return CompletableFuture.completedFuture(null);
    }
    n.inFlightSince = sent == 0 ? 1 : sent;
    return n.pool.submit(Command.of(ROLE, sent, sampleTimeoutNanos)).handle((reply, error) -> {
      n.inFlightSince = 0;
      if (!m.equals(sampledMaster)) {
        return null;
      }
      if (error != null) {
        n.why = "did not answer ROLE (" + error.getMessage() + ")";
        return null;
      }
      n.rttNanos = ticker.nanoTime() - sent;
      onReplicaRole(m, n, reply);
      return null;
    });
  }

  /** {@code ROLE} of a replica: {@code slave host port state offset}. */
  private void onReplicaRole(Endpoint m, Node n, RespValue reply) {
    if (reply instanceof RespError err) {
      n.why = "answered ROLE with " + err.message();
      return;
    }
    List<RespValue> r = Replies.elements(reply);
    if (r.isEmpty() || !Replies.text(r.get(0)).equals("slave") || r.size() < 5) {
      n.why = "is not a replica (ROLE " + (r.isEmpty() ? "?" : Replies.text(r.get(0))) + ")";
      lag.replicaGone(n.name);
      return;
    }
    // The master's address as the replica sees it may differ from ours (proxies, NAT): that the
    // sentinels list it as a replica of this master is the evidence it follows this master.
    String state = Replies.text(r.get(3));
    long offset = Long.parseLong(Replies.text(r.get(4)));
    boolean connected = "connected".equals(state);
    n.why = connected ? null : "master link is " + state + " (not connected, or still loading)";
    lag.replicaOffset(n.name, offset, connected);
  }

  void onMasterInfo(Endpoint m, long sent, String info) {
    long offset = -1;
    long second = -1;
    String replid = null;
    String replid2 = null;
    List<Endpoint> reported = new ArrayList<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "master_repl_offset" -> offset = Long.parseLong(value);
        case "master_replid" -> replid = value;
        case "master_replid2" -> replid2 = value;
        case "second_repl_offset" -> second = Long.parseLong(value);
        case "role" -> {
          if (!value.equals("master")) {
            return; // a demoted master: its offsets are not the master's any more
          }
        }
        default -> {
          if (key.startsWith("slave") && !source.announcesReplicas()) {
            String ip = null;
            int port = -1;
            for (String kv : value.split(",")) {
              if (kv.startsWith("ip=")) {
                ip = kv.substring(3);
              } else if (kv.startsWith("port=")) {
                port = Integer.parseInt(kv.substring(5));
              }
            }
            if (ip != null && port > 0) {
              reported.add(Endpoint.of(ip, port));
            }
          }
        }
      }
    }
    if (!source.announcesReplicas()) {
      masterReportedReplicas = List.copyOf(reported);
    }
    if (offset >= 0) {
      ids = new MasterIds(replid, replid2, second);
      lag.masterOffset(sent, offset);
    }
  }

  private Node open(Endpoint e) {
    Node n = new Node(e.toString(), pools.apply(e));
    if (registry != null) {
      n.gauges.add(Gauge.builder("vigil.replica.lag.bytes", lag, t -> t.lag(n.name).map(ReplicaLag::lagBytes)
              .orElse(-1L).doubleValue())
          .tag("replica", n.name).description("How far the replica trails the master, in replication bytes")
          .register(registry));
      n.gauges.add(Gauge.builder("vigil.replica.lag.seconds", lag, t -> t.lag(n.name)
              .map(l -> l.lag(ticker.nanoTime())).map(d -> d.toNanos() / 1e9).orElse(-1.0))
          .tag("replica", n.name).description("The most the replica can be behind the master (-1: unknown)")
          .register(registry));
    }
    return n;
  }

  private void forget(Endpoint e) {
    Node n = nodes.remove(e);
    if (n != null) {
      lag.replicaGone(n.name);
      n.pool.close();
      if (registry != null) {
        n.gauges.forEach(registry::remove);
      }
    }
  }

  private void count(Route r) {
    if (registry == null) {
      return;
    }
    String key = r.replica() != null ? "replica" : r.failed() ? "none" : r.fallback() == null ? "master"
        : "fallback:" + r.fallback().tag();
    counters.computeIfAbsent(key, k -> {
      if (k.startsWith("fallback:")) {
        return Counter.builder("vigil.reads.fallback").tag("reason", k.substring(9))
            .description("Reads that could have gone to a replica but went to the master, by reason")
            .register(registry);
      }
      return Counter.builder("vigil.reads").tag("role", k)
          .description("Reads by the role of the node chosen for them").register(registry);
    }).increment();
    if (r.fallback() != null) {
      counters.computeIfAbsent("master", k -> Counter.builder("vigil.reads").tag("role", k)
          .description("Reads by the role of the node chosen for them").register(registry)).increment();
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Endpoint e : List.copyOf(nodes.keySet())) {
      forget(e);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The master's replication ids: a session's offset taken under {@code replid} keeps its meaning
   * on a promoted replica whose {@code replid2} it is, up to {@code secondOffset}.
   */
  record MasterIds(String replid, String replid2, long secondOffset) {}

  /** One replica: its pool, and what the latest sample said. */
  private static final class Node {
    final String name;
    final NodePool pool;
    final List<Gauge> gauges = new ArrayList<>();
    volatile boolean known;
    volatile long rttNanos = -1;
    /** When the unanswered ROLE was sent, or 0. */
    volatile long inFlightSince;
    /** Why it may not be read from, or null. */
    volatile String why = "not sampled yet";

    Node(String name, NodePool pool) {
      this.name = name;
      this.pool = pool;
    }
  }
}
