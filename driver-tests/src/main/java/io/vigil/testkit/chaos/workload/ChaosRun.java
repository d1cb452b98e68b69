package io.vigil.testkit.chaos.workload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.driver.Endpoint;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.Await;
import io.vigil.testkit.chaos.FaultStep;
import io.vigil.testkit.chaos.Nemesis;
import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.chaos.history.CheckReport;
import io.vigil.testkit.chaos.history.History;
import io.vigil.testkit.chaos.history.HistoryChecker;
import io.vigil.testkit.chaos.history.Operation;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One chaos run of Vigil against a {@link Topology}: a {@link VigilClient} in sentinel mode with
 * durable writes, a {@link ChaosWorkload} of worker threads, a seeded {@link Nemesis} injecting
 * faults meanwhile; then everything healed, the final lists read straight from the master, and
 * the history checked for lost acknowledged appends, duplicates, phantoms, read-your-writes
 * violations and reads staler than the bound.
 *
 * <p><b>Durability.</b> By default every append must reach <em>every</em> replica ({@code WAIT
 * <replicas>}). That is what makes "no acknowledged write is lost" true of Redis behind Sentinel:
 * with {@code WAIT 1} of 2, Sentinel may promote the replica that lacks the write (it ranks
 * replicas by replication offsets from an {@code INFO} up to seconds old), and the write is gone.
 * The price: while a replica is down or lagging, appends are not acknowledged (they fail as
 * not durable, which the history records as unknown). Data nodes must keep their data across a
 * restart (an append-only file): a master restarted empty before Sentinel notices wipes its
 * replicas, as Redis documents.
 *
 * <p>{@link #run()} blocks for the whole run (one run at a time on a topology: the nemesis and
 * the final read assume nobody else moves it); it returns the {@link ChaosResult} without
 * asserting anything, so the caller prints and saves it first.
 *
 * <pre>{@code
 * ChaosResult result = ChaosRun.builder(topology).seed(42).faults(20).threads(16).build().run();
 * System.out.println(result.summary());
 * result.writeJson(Path.of("target/chaos/run.json"));
 * result.assertValid();
 * }</pre>
 */
public final class ChaosRun {

  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PROGRESS_TIMEOUT = Duration.ofSeconds(60);
  /** Acknowledged appends required before the first fault and again after the last one. */
  private static final int PROGRESS = 50;

  private final Topology topology;
  private final long seed;
  private final int faults;
  private final int threads;
  private final int durableReplicas;
  private final Duration durableTimeout;
  private final Duration readBound;
  private final Duration commandTimeout;
  private final Consumer<Nemesis.Builder> nemesisOptions;
  private final Consumer<ChaosWorkload.Builder> workloadOptions;
  private final Consumer<String> log;

  private ChaosRun(Builder b) {
    this.topology = b.topology;
    this.seed = b.seed;
    this.faults = b.faults;
    this.threads = b.threads;
    this.durableReplicas = b.durableReplicas > 0 ? b.durableReplicas : topology.dataNodes().size() - 1;
    this.durableTimeout = b.durableTimeout;
    this.readBound = b.readBound;
    this.commandTimeout = b.commandTimeout;
    this.nemesisOptions = b.nemesisOptions;
    this.workloadOptions = b.workloadOptions;
    this.log = b.log;
  }

  /** A builder for a run against {@code topology}: 20 faults, 16 threads, appends durable on every replica. */
  public static Builder builder(Topology topology) {
    return new Builder(topology);
  }

  /**
   * Runs the workload under the nemesis, heals, waits for the topology to be healthy and the
   * workload to make progress again, stops it, reads the final state and checks the history.
   *
   * @throws IllegalStateException when the topology does not become healthy, the workload makes
   *     no progress before the first fault or after the last, or the nemesis fails
   */
  public ChaosResult run() {
    long started = System.nanoTime();
    topology.awaitHealthy(HEALTHY_TIMEOUT);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    History history = History.create();
    Nemesis nemesis;
    ChaosWorkload workload;
    try (VigilClient client = VigilClient.builder()
        .sentinels(topology.sentinelAddresses().stream().map(ChaosRun::endpoint).toList())
        .masterName(topology.masterName())
        .durableWrites(durableReplicas, durableTimeout)
        .commandTimeout(commandTimeout)
        .meterRegistry(meters)
        .build()) {
      ChaosWorkload.Builder wb = ChaosWorkload.builder(client, history).threads(threads).readBound(readBound).seed(seed);
      workloadOptions.accept(wb);
      workload = wb.build().start();
      try {
        awaitProgress(workload, "before the first fault");
        Nemesis.Builder nb = Nemesis.builder(topology).seed(seed).faults(faults).log(log);
        nemesisOptions.accept(nb);
        nemesis = nb.build();
        try {
          nemesis.start().await(Duration.ofMinutes(1).multipliedBy(faults + 1L));
        } finally {
          nemesis.close();
        }
        topology.faults().healAll();
        topology.awaitHealthy(HEALTHY_TIMEOUT);
        awaitProgress(workload, "after the last fault was healed");
      } finally {
        workload.stop(commandTimeout.plus(durableTimeout).multipliedBy(2));
      }
    }
    Map<String, List<String>> finalState = finalState(history);
    CheckReport report = HistoryChecker.builder().staleReadBound(readBound).build().check(history, finalState);
    List<FaultStep> applied = nemesis.plan().subList(0, nemesis.applied().size());
    return new ChaosResult(nemesis.seed(), applied, nemesis.applied(), durableReplicas, readBound, threads,
        workload.sessionReads(), workload.boundedReads(), count(meters, "replica"), workload.errors(), report,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private void awaitProgress(ChaosWorkload workload, String when) {
    long from = workload.appendsOk();
    try {
      Await.until(PROGRESS + " acknowledged appends " + when, PROGRESS_TIMEOUT,
          () -> workload.appendsOk() >= from + PROGRESS);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; errors so far " + workload.errors() + "\n"
          + topology.describe() + "timeline:\n" + topology.timeline().format(), e);
    }
  }

  /** Every key the history touched, as the master holds it now (read straight, not through a proxy). */
  private Map<String, List<String>> finalState(History history) {
    TreeSet<String> keys = new TreeSet<>();
    for (Operation op : history.operations()) {
      keys.add(op.key());
    }
    Node master = topology.currentMaster();
    Map<String, List<String>> state = new TreeMap<>();
    try (RespSocket socket = RespSocket.connect(master.address())) {
      for (String key : keys) {
        state.put(key, RespSocket.texts(socket.call("LRANGE", key, "0", "-1")));
      }
    }
    log.accept("final state: " + keys.size() + " keys read from the master " + master.name());
    return state;
  }

  private static long count(SimpleMeterRegistry meters, String role) {
    return (long) meters.find("vigil.reads").tag("role", role).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static Endpoint endpoint(InetSocketAddress address) {
    return Endpoint.of(address.getHostString(), address.getPort());
  }

  /** Options for a {@link ChaosRun}; every setter validates at once and names the bad value. */
  public static final class Builder {
    private final Topology topology;
    private long seed = new java.security.SecureRandom().nextLong();
    private int faults = 20;
    private int threads = 16;
    private int durableReplicas;
    private Duration durableTimeout = Duration.ofMillis(500);
    private Duration readBound = Duration.ofMillis(250);
    private Duration commandTimeout = Duration.ofSeconds(10);
    private Consumer<Nemesis.Builder> nemesisOptions = b -> { };
    private Consumer<ChaosWorkload.Builder> workloadOptions = b -> { };
    private Consumer<String> log = System.out::println;

    private Builder(Topology topology) {
      this.topology = Objects.requireNonNull(topology, "topology");
    }

    /** The seed of the nemesis and of the workers; default random (and logged by the nemesis). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many faults the nemesis applies; default 20. */
    public Builder faults(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("faults must be at least 1, got " + count);
      }
      this.faults = count;
      return this;
    }

    /** How many worker threads; default 16. */
    public Builder threads(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + count);
      }
      this.threads = count;
      return this;
    }

    /**
     * How many replicas must confirm each append; default every replica of the topology. Fewer
     * lets Sentinel promote a replica without an acknowledged append (see the class description):
     * only for demonstrating that loss.
     */
    public Builder durableReplicas(int replicas) {
      if (replicas < 1) {
        throw new IllegalArgumentException("durableReplicas must be at least 1, got " + replicas);
      }
      this.durableReplicas = replicas;
      return this;
    }

    /** How long an append waits for its replicas ({@code WAIT} timeout); default 500 ms. */
    public Builder durableTimeout(Duration timeout) {
      this.durableTimeout = positive("durableTimeout", timeout);
      return this;
    }

    /** The lag bound of replica reads, and the checker's stale-read bound; default 250 ms. */
    public Builder readBound(Duration bound) {
      this.readBound = positive("readBound", bound);
      return this;
    }

    /** The client's command timeout (how long a command may wait through a failover); default 10 s. */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive("commandTimeout", timeout);
      return this;
    }

    /** Adjusts the nemesis (hold and pause ranges, fault types, targets) after seed, count and log are set. */
    public Builder nemesis(Consumer<Nemesis.Builder> options) {
      this.nemesisOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Adjusts the workload (mix, keys, pacing) after threads, bound and seed are set. */
    public Builder workload(Consumer<ChaosWorkload.Builder> options) {
      this.workloadOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Where progress is logged (the nemesis's seed, plan and steps); default standard output. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /** The run, not started. */
    public ChaosRun build() {
      return new ChaosRun(this);
    }

    private static Duration positive(String what, Duration value) {
      Objects.requireNonNull(value, what);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + value);
      }
      return value;
    }
  }
}
