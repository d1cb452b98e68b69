package io.vigil.driver.internal.lag;

import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Ticker;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples replication offsets for read routing: the master's {@code INFO replication} (offset,
 * replication ids, and in standalone mode its replicas) and every replica's {@code ROLE} (offset,
 * link state, round trip), feeding a {@link ReplicaLagTracker}.
 *
 * <p>Sampling runs on the I/O timers every {@code interval} while someone reads replicas ({@link
 * #touch}) and stops after {@code idleAfter} without such reads; the first replica-eligible read
 * after a pause starts it again. When the master changes, all lag evidence is dropped, since
 * offsets of the old master prove nothing about the new one's replicas until sampled again.
 * Replicas are asked once the master answered, so that a replica keeping up shows an offset at or
 * past the master sample: its lag is then bounded by the sample's age alone. Rounds run at a fixed
 * rate, so a frozen replica does not slow the master's samples.
 *
 * <p>Thread-safe: samplers write volatile fields and concurrent maps, readers take snapshots.
 */
public final class ReplicaSampler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplicaSampler.class);
  private static final byte[][] ROLE = {bytes("ROLE")};
  private static final byte[][] INFO_REPLICATION = {bytes("INFO"), bytes("replication")};

  private final ReplicaSource source;
  private final Function<Endpoint, NodePool> pools;
  private final ScheduledExecutorService timers;
  private final Ticker ticker;
  private final long intervalNanos;
  private final long idleAfterNanos;
  private final long sampleTimeoutNanos;
  private final ReplicaLagTracker lag;
  private final Consumer<Replica> opened;
  private final Consumer<Replica> forgotten;
  private final Map<Endpoint, Replica> replicas = new ConcurrentHashMap<>();
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
   * @param opened told when a replica is first sampled (to register its meters)
   * @param forgotten told when a replica left (its pool is closed after)
   */
  public ReplicaSampler(ReplicaSource source, Function<Endpoint, NodePool> pools, ScheduledExecutorService timers,
      Ticker ticker, Duration interval, Consumer<Replica> opened, Consumer<Replica> forgotten) {
    this.source = source;
    this.pools = pools;
    this.timers = timers;
    this.ticker = ticker;
    this.intervalNanos = interval.toNanos();
    this.idleAfterNanos = Math.max(TimeUnit.SECONDS.toNanos(10), 50 * intervalNanos);
    this.sampleTimeoutNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(500), 5 * intervalNanos);
    this.lag = new ReplicaLagTracker(ticker::nanoTime, 1200);
    this.opened = opened;
    this.forgotten = forgotten;
  }

  /** The lag evidence. */
  public ReplicaLagTracker lag() {
    return lag;
  }

  /** The master the evidence is about, or null before the first sample. */
  public Endpoint sampledMaster() {
    return sampledMaster;
  }

  /** The current master's replication ids, or null before the first sample. */
  public MasterIds ids() {
    return ids;
  }

  /** The master's last measured round trip, or -1. */
  public long masterRttNanos() {
    return masterRttNanos;
  }

  /** The replicas sampled now, by address. */
  public Map<Endpoint, Replica> replicas() {
    return replicas;
  }

  /** Someone reads replicas at {@code now}: sampling runs (starting it if it was idle). */
  public void touch(long now) {
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
    schedule(Math.max(0, intervalNanos - (ticker.nanoTime() - start)));
  }

  /**
   * One round: the master's INFO and every replica's ROLE, in parallel, skipping a node whose
   * previous sample is still unanswered.
   */
  public CompletableFuture<Void> sampleOnce() {
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
    CompletableFuture<Void> round = mp.submit(Command.of(INFO_REPLICATION, sent, sampleTimeoutNanos))
        .handle((reply, error) -> {
          masterInFlight.set(false);
          if (error == null && m.equals(sampledMaster) && !(reply instanceof RespError)) {
            masterRttNanos = ticker.nanoTime() - sent;
            onMasterInfo(sent, Replies.text(reply));
          }
          List<CompletableFuture<?>> all = new ArrayList<>();
          for (Endpoint e : known) {
            if (!e.equals(m) && !closed) {
              Replica n = replicas.computeIfAbsent(e, this::open);
              n.known = true;
              all.add(sampleReplica(m, n));
            }
          }
          return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        }).thenCompose(f -> f);
    for (Map.Entry<Endpoint, Replica> e : replicas.entrySet()) {
      if (!known.contains(e.getKey()) || e.getKey().equals(m)) {
        forget(e.getKey());
      }
    }
    return round.exceptionally(e -> null);
  }

  private CompletableFuture<Void> sampleReplica(Endpoint m, Replica n) {
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
      onReplicaRole(n, reply);
      return null;
    });
  }

  /** {@code ROLE} of a replica: {@code slave host port state offset}. */
  private void onReplicaRole(Replica n, RespValue reply) {
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
    // topology lists it as a replica of this master is the evidence it follows this master.
    String state = Replies.text(r.get(3));
    long offset = Long.parseLong(Replies.text(r.get(4)));
    boolean connected = "connected".equals(state);
    n.why = connected ? null : "master link is " + state + " (not connected, or still loading)";
    lag.replicaOffset(n.name, offset, connected);
  }

  /** Feeds the master's {@code INFO replication} sent at {@code sent} (the sampling round does). */
  public void onMasterInfo(long sent, String info) {
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
            Endpoint e = reportedReplica(value);
            if (e != null) {
              reported.add(e);
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

  /** {@code ip=…,port=…,state=…} of an {@code INFO replication} {@code slaveN} line. */
  private static Endpoint reportedReplica(String value) {
    String ip = null;
    int port = -1;
    for (String kv : value.split(",")) {
      if (kv.startsWith("ip=")) {
        ip = kv.substring(3);
      } else if (kv.startsWith("port=")) {
        port = Integer.parseInt(kv.substring(5));
      }
    }
    return ip != null && port > 0 ? Endpoint.of(ip, port) : null;
  }

  private Replica open(Endpoint e) {
    Replica n = new Replica(e, pools.apply(e));
    opened.accept(n);
    return n;
  }

  private void forget(Endpoint e) {
    Replica n = replicas.remove(e);
    if (n != null) {
      lag.replicaGone(n.name);
      forgotten.accept(n);
      n.pool.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Endpoint e : List.copyOf(replicas.keySet())) {
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
  public record MasterIds(String replid, String replid2, long secondOffset) {}

  /** One replica: its pool, and what the latest sample said. Fields are written by the sampler only. */
  public static final class Replica {
    final String name;
    final Endpoint endpoint;
    final NodePool pool;
    volatile boolean known;
    volatile long rttNanos = -1;
    /** When the unanswered ROLE was sent, or 0. */
    volatile long inFlightSince;
    /** Why it may not be read from, or null. */
    volatile String why = "not sampled yet";

    Replica(Endpoint endpoint, NodePool pool) {
      this.endpoint = endpoint;
      this.name = endpoint.toString();
      this.pool = pool;
    }

    /** Its address. */
    public Endpoint endpoint() {
      return endpoint;
    }

    /** Its name in the lag tracker and meters ({@code host:port}). */
    public String name() {
      return name;
    }

    /** Its pool. */
    public NodePool pool() {
      return pool;
    }

    /** Whether the topology still lists it. */
    public boolean known() {
      return known;
    }

    /** Its last measured round trip, or -1. */
    public long rttNanos() {
      return rttNanos;
    }

    /** Why it may not be read from now, or null when nothing speaks against it. */
    public String why() {
      return why;
    }
  }
}
