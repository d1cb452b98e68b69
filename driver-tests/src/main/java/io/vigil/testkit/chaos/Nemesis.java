package io.vigil.testkit.chaos;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Applies seeded random faults to a {@link Topology}, one at a time, each for a while, healing
 * each before the next and everything at the end, so a failing chaos run can be replayed from
 * its seed.
 *
 * <p>The {@link #plan()} is computed up front from the seed and the topology's shape only
 * (replica and sentinel counts, whether it is proxied, whether sentinels can be frozen): the
 * same seed on the same shape gives the same plan. Steps name roles ({@link FaultTarget}),
 * resolved to nodes when they run; every applied step is logged with its node and recorded in
 * the timeline (source {@code nemesis}). The seed is logged first, with how to replay it.
 *
 * <p>{@link #run()} blocks until the plan is done; {@link #start()} runs it on a thread of its
 * own and {@link #close()} stops it early. Either way the nemesis ends by {@link
 * Faults#healAll() healing everything}. With {@link Builder#awaitHealthyBetween}, each step
 * waits for the topology to be healthy again before its pause, so failovers complete between
 * faults. Thread-safe.
 *
 * <pre>{@code
 * try (Nemesis nemesis = Nemesis.builder(topology).seed(42).faults(20).build().start()) {
 *   runWorkload();
 * } // stops, heals everything
 * }</pre>
 */
public final class Nemesis implements AutoCloseable {

  private static final String SOURCE = "nemesis";

  private final Topology topology;
  private final long seed;
  private final List<FaultStep> plan;
  private final Duration healthyTimeout;
  private final Consumer<String> log;
  private final CountDownLatch stop = new CountDownLatch(1);
  /** Guarded by {@code this}. */
  private final List<String> applied = new ArrayList<>();
  /** Guarded by {@code this}. */
  private Thread thread;
  /** Written by the nemesis thread; read after it ended. */
  private volatile RuntimeException failure;

  private Nemesis(Builder b) {
    this.topology = b.topology;
    this.seed = b.seed;
    this.healthyTimeout = b.healthyTimeout;
    this.log = b.log;
    this.plan = plan(b.seed, b.count, eligible(b), b.holdMin, b.holdMax, b.pauseMin, b.pauseMax);
    log.accept("nemesis seed " + seed + " (replay with Nemesis.builder(topology).seed(" + seed + "L)), "
        + plan.size() + " faults:\n" + String.join("\n", plan.stream().map(FaultStep::toString).toList()));
  }

  /** A builder for a nemesis over {@code topology}: 10 faults, a random seed. */
  public static Builder builder(Topology topology) {
    return new Builder(topology);
  }

  /** The seed; pass it to {@link Builder#seed} to replay. */
  public long seed() {
    return seed;
  }

  /** The steps, in order. */
  public List<FaultStep> plan() {
    return plan;
  }

  /** The steps applied so far, with the node each one hit, as logged. */
  public synchronized List<String> applied() {
    return List.copyOf(applied);
  }

  /**
   * Applies every step, then heals everything.
   *
   * @throws IllegalStateException when a step cannot be applied or the topology does not become
   *     healthy in time; everything is healed first
   */
  public void run() {
    try {
      for (FaultStep step : plan) {
        if (stop.getCount() == 0) {
          break;
        }
        apply(step);
      }
    } finally {
      healAll();
    }
  }

  /**
   * Runs the plan on a daemon thread; {@link #close()} stops it.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized Nemesis start() {
    if (thread != null) {
      throw new IllegalStateException("this nemesis has already been started; build a new one (same seed to replay)");
    }
    thread = new Thread(() -> {
      try {
        run();
      } catch (RuntimeException e) {
        failure = e;
        log.accept("nemesis failed: " + e);
      }
    }, "vigil-nemesis-" + seed);
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /**
   * Waits until a started nemesis has applied its whole plan and healed.
   *
   * @throws IllegalStateException when it failed (the cause is attached), or on timeout
   */
  public void await(Duration timeout) {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      throw new IllegalStateException("the nemesis was not started");
    }
    try {
      t.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while awaiting the nemesis", e);
    }
    if (t.isAlive()) {
      throw new IllegalStateException("the nemesis (seed " + seed + ") did not finish within " + timeout);
    }
    if (failure != null) {
      throw new IllegalStateException("the nemesis (seed " + seed + ") failed: " + failure.getMessage(), failure);
    }
  }

  /** Stops after the current step's fault is healed, heals everything, and waits for the thread. Idempotent. */
  @Override
  public void close() {
    stop.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(TimeUnit.MINUTES.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else if (!topology.isClosed()) {
      healAll();
    }
  }

  private void apply(FaultStep step) {
    Node node = resolve(step);
    String line = step + " -> " + node.name();
    synchronized (this) {
      applied.add(line);
    }
    log.accept("nemesis " + line);
    topology.timeline().record(SOURCE, step.fault().name().toLowerCase(), node.name() + " for " + step.hold().toMillis() + " ms");
    Faults faults = topology.faults();
    switch (step.fault()) {
      case KILL:
        faults.kill(node);
        pause(step.hold());
        faults.restart(node);
        break;
      case FREEZE:
        faults.freeze(node);
        pause(step.hold());
        faults.thaw(node);
        break;
      case ISOLATE:
        faults.isolate(node);
        pause(step.hold());
        faults.healNetwork();
        break;
      case LAG:
        faults.lag(node, step.hold());
        pause(step.hold());
        break;
      default:
        throw new IllegalStateException("unknown fault " + step.fault());
    }
    topology.timeline().record(SOURCE, "healed", node.name());
    if (healthyTimeout != null) {
      long healed = System.nanoTime();
      topology.awaitHealthy(healthyTimeout);
      log.accept("nemesis #" + step.index() + " healthy again " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed)
          + " ms after healing");
    }
    pause(step.pause());
  }

  private Node resolve(FaultStep step) {
    switch (step.target()) {
      case MASTER:
        return topology.currentMaster();
      case REPLICA: {
        Node master = topology.currentMaster();
        List<Node> replicas = new ArrayList<>(topology.dataNodes());
        replicas.remove(master);
        replicas.sort(Comparator.comparing(Node::name));
        return replicas.get(step.pick() % replicas.size());
      }
      case SENTINEL:
        return topology.sentinels().get(step.pick() % topology.sentinels().size());
      default:
        throw new IllegalStateException("unknown target " + step.target());
    }
  }

  private void healAll() {
    if (!topology.isClosed()) {
      topology.faults().healAll();
      topology.timeline().record(SOURCE, "healed-all", "");
    }
  }

  /** Waits for {@code d}, or less when the nemesis is closed: scheduling, not synchronization. */
  private void pause(Duration d) {
    try {
      stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.countDown();
    }
  }

  /** The (fault, target) pairs the topology's shape allows, in a fixed order. */
  private static List<Choice> eligible(Builder b) {
    Topology t = b.topology;
    boolean proxied = t.network().isPresent();
    boolean hasReplicas = t.dataNodes().size() > 1;
    boolean hasSentinels = !t.sentinels().isEmpty();
    boolean sentinelsFreeze = hasSentinels && t.sentinels().get(0).kind() != NodeKind.JAVA;
    List<Choice> choices = new ArrayList<>();
    for (Fault f : Fault.values()) {
      if (!b.faults.contains(f) || (f == Fault.ISOLATE && !proxied)) {
        continue;
      }
      for (FaultTarget target : FaultTarget.values()) {
        if (!b.targets.contains(target)
            || (target == FaultTarget.REPLICA && !hasReplicas)
            || (target == FaultTarget.SENTINEL && (!hasSentinels || f == Fault.LAG || (f == Fault.FREEZE && !sentinelsFreeze)))
            || (f == Fault.LAG && target != FaultTarget.REPLICA)) {
          continue;
        }
        choices.add(new Choice(f, target));
      }
    }
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("no fault among " + b.faults + " applies to targets " + b.targets
          + " in " + t + (proxied ? "" : " (ISOLATE needs proxied(true))"));
    }
    return choices;
  }

  static List<FaultStep> plan(long seed, int count, List<Choice> choices, Duration holdMin, Duration holdMax,
      Duration pauseMin, Duration pauseMax) {
    Random random = new Random(seed);
    List<FaultStep> steps = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Choice c = choices.get(random.nextInt(choices.size()));
      steps.add(new FaultStep(i, c.fault(), c.target(), random.nextInt(1 << 16), between(random, holdMin, holdMax),
          between(random, pauseMin, pauseMax)));
    }
    return Collections.unmodifiableList(steps);
  }

  private static Duration between(Random random, Duration min, Duration max) {
    long span = max.toMillis() - min.toMillis();
    return Duration.ofMillis(min.toMillis() + (span == 0 ? 0 : (long) (random.nextDouble() * (span + 1))));
  }

  /** A fault on a target. */
  record Choice(Fault fault, FaultTarget target) {}

  /** Options for a {@link Nemesis}; setters validate at once and name the bad value. */
  public static final class Builder {
    private final Topology topology;
    private long seed = new SecureRandom().nextLong();
    private int count = 10;
    private Set<Fault> faults = EnumSet.allOf(Fault.class);
    private Set<FaultTarget> targets = EnumSet.allOf(FaultTarget.class);
    private Duration holdMin = Duration.ofMillis(500);
    private Duration holdMax = Duration.ofMillis(3000);
    private Duration pauseMin = Duration.ofMillis(200);
    private Duration pauseMax = Duration.ofMillis(1000);
    private Duration healthyTimeout = Duration.ofSeconds(60);
    private Consumer<String> log = System.out::println;

    private Builder(Topology topology) {
      this.topology = Objects.requireNonNull(topology, "topology");
    }

    /** The seed; default random (and logged). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many faults; default 10. */
    public Builder faults(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("faults must be at least 1, got " + count);
      }
      this.count = count;
      return this;
    }

    /** Which kinds of fault to draw from; default all that the topology allows. */
    public Builder faultTypes(Fault first, Fault... more) {
      this.faults = EnumSet.of(first, more);
      return this;
    }

    /** Which targets to draw from; default master, replicas and sentinels. */
    public Builder targets(FaultTarget first, FaultTarget... more) {
      this.targets = EnumSet.of(first, more);
      return this;
    }

    /** How long each fault lasts, drawn between the bounds; default 0.5 to 3 s. */
    public Builder hold(Duration min, Duration max) {
      checkRange("hold", min, max);
      this.holdMin = min;
      this.holdMax = max;
      return this;
    }

    /** How long to wait after healing each fault, drawn between the bounds; default 0.2 to 1 s. */
    public Builder pause(Duration min, Duration max) {
      checkRange("pause", min, max);
      this.pauseMin = min;
      this.pauseMax = max;
      return this;
    }

    /**
     * After healing each fault, wait up to {@code timeout} for {@link Topology#awaitHealthy}
     * ({@code null} to not wait); default 60 s.
     */
    public Builder awaitHealthyBetween(Duration timeout) {
      if (timeout != null && timeout.toMillis() <= 0) {
        throw new IllegalArgumentException("awaitHealthyBetween must be positive or null, got " + timeout);
      }
      this.healthyTimeout = timeout;
      return this;
    }

    /** Where the seed, the plan and each applied step are logged; default standard output. */
    public Builder log(Consumer<String> log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Computes the plan (and logs the seed and plan).
     *
     * @throws IllegalArgumentException when no chosen fault applies to the topology
     */
    public Nemesis build() {
      return new Nemesis(this);
    }

    private static void checkRange(String what, Duration min, Duration max) {
      Objects.requireNonNull(min, what + " min");
      Objects.requireNonNull(max, what + " max");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException(what + " bounds must satisfy 0 <= min <= max, got " + min + " and " + max);
      }
    }
  }
}
