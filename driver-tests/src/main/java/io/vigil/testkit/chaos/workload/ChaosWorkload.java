package io.vigil.testkit.chaos.workload;

import io.vigil.driver.ClientView;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.chaos.history.History;
import io.vigil.testkit.chaos.history.Operation;
import io.vigil.testkit.chaos.history.PendingOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A mixed workload of worker threads driving one {@link VigilClient}, recording every operation
 * in a {@link History} for a {@link io.vigil.testkit.chaos.history.HistoryChecker}.
 *
 * <p>Each worker owns a read-your-writes {@link VigilClient#session(ReadPolicy) session} whose
 * reads may go to replicas within the lag bound, and draws, from its own seeded random:
 * <ul>
 *   <li><b>appends</b> ({@code RPUSH key element}, element unique) through its session, to a key
 *       of its own or to a shared key. Build the client with {@link
 *       VigilClient.Builder#durableWrites} so that every append is durable;
 *   <li><b>session reads</b> ({@code LRANGE key 0 -1}) of its own keys, recorded under its
 *       session: they must see every append the worker had acknowledged (read-your-writes);
 *   <li><b>bounded reads</b> of shared keys through {@code replicaPreferred().maxLag(bound)},
 *       recorded under a session of their own ({@code <worker>/bounded}): they promise no
 *       read-your-writes, only to miss no append acknowledged more than the bound earlier.
 * </ul>
 * Keys are rotated after a fixed number of appends so lists, and the history, stay small.
 * Outcomes are classified from the driver's exceptions (see {@code Outcomes}): a not-durable or
 * outcome-unknown append is unknown, a command that was never sent failed.
 *
 * <p>{@link #start()} returns at once; {@link #stop(Duration)} ends the workers after their
 * current operation and waits for them, so the history holds no pending operation. Counters are
 * thread-safe and may be read while it runs.
 *
 * <pre>{@code
 * try (ChaosWorkload workload = ChaosWorkload.builder(client, history).threads(16)
 *     .readBound(Duration.ofMillis(250)).seed(42).build().start()) {
 *   nemesis.start().await(Duration.ofMinutes(5));
 *   workload.stop(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ChaosWorkload implements AutoCloseable {

  private final VigilClient client;
  private final History history;
  private final int threads;
  private final Duration readBound;
  private final long seed;
  private final int appendsPerKey;
  private final int sharedKeys;
  private final long pauseNanos;
  private final String prefix;
  private final int appendPercent;
  private final int sessionReadPercent;
  /** Appends invoked per shared slot; the key generation is this divided by {@code appendsPerKey}. */
  private final AtomicInteger[] sharedAppends;
  private final LongAdder appendsOk = new LongAdder();
  private final LongAdder appendsUnknown = new LongAdder();
  private final LongAdder appendsFailed = new LongAdder();
  private final LongAdder sessionReads = new LongAdder();
  private final LongAdder boundedReads = new LongAdder();
  private final LongAdder readsFailed = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  private ChaosWorkload(Builder b) {
    this.client = b.client;
    this.history = b.history;
    this.threads = b.threads;
    this.readBound = b.readBound;
    this.seed = b.seed;
    this.appendsPerKey = b.appendsPerKey;
    this.sharedKeys = b.sharedKeys;
    this.pauseNanos = b.pause.toNanos();
    this.prefix = b.prefix;
    this.appendPercent = b.appendPercent;
    this.sessionReadPercent = b.sessionReadPercent;
    this.sharedAppends = new AtomicInteger[sharedKeys];
    for (int i = 0; i < sharedKeys; i++) {
      sharedAppends[i] = new AtomicInteger();
    }
  }

  /** A builder for a workload on {@code client} recording into {@code history}. */
  public static Builder builder(VigilClient client, History history) {
    return new Builder(client, history);
  }

  /**
   * Starts the workers.
   *
   * @throws IllegalStateException when already started
   */
  public synchronized ChaosWorkload start() {
    if (!workers.isEmpty()) {
      throw new IllegalStateException("this workload has already been started; build a new one");
    }
    running = true;
    ReadPolicy bounded = ReadPolicy.replicaPreferred().maxLag(readBound);
    for (int t = 0; t < threads; t++) {
      Worker worker = new Worker(t, client.session(bounded), client.withReadPolicy(bounded), new Random(seed * 31 + t));
      Thread thread = new Thread(worker, "chaos-worker-" + t);
      thread.setDaemon(true);
      workers.add(thread);
      thread.start();
    }
    return this;
  }

  /**
   * Ends the workers after their current operation and waits for them.
   *
   * @throws IllegalStateException when a worker is still running after {@code timeout}
   */
  public void stop(Duration timeout) {
    running = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> started;
    synchronized (this) {
      started = List.copyOf(workers);
    }
    for (Thread t : started) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping the workload", e);
      }
      if (t.isAlive()) {
        throw new IllegalStateException(t.getName() + " is still running " + timeout + " after stop; its "
            + "operation is stuck beyond the client's command timeout");
      }
    }
  }

  /** Stops the workers, waiting up to a minute. */
  @Override
  public void close() {
    stop(Duration.ofMinutes(1));
  }

  /** Acknowledged appends so far. */
  public long appendsOk() {
    return appendsOk.sum();
  }

  /** Appends whose outcome is unknown so far (not durable, connection lost, timed out after writing). */
  public long appendsUnknown() {
    return appendsUnknown.sum();
  }

  /** Appends that definitely failed so far. */
  public long appendsFailed() {
    return appendsFailed.sum();
  }

  /** Successful read-your-writes session reads so far. */
  public long sessionReads() {
    return sessionReads.sum();
  }

  /** Successful lag-bounded reads so far. */
  public long boundedReads() {
    return boundedReads.sum();
  }

  /** Reads that failed or whose outcome is unknown so far. */
  public long readsFailed() {
    return readsFailed.sum();
  }

  /** Errors the client threw, by operation and exception type ({@code "append NotDurableException"}). */
  public Map<String, Long> errors() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** The read bound of the bounded reads and of the session reads. */
  public Duration readBound() {
    return readBound;
  }

  /** One worker: its own keys, its own session, its own random. */
  private final class Worker implements Runnable {
    private final int id;
    private final String session;
    private final ClientView<String, String> view;
    private final ClientView<String, String> bounded;
    private final Random random;
    private long elements;
    private int ownAppends;

    Worker(int id, ClientView<String, String> view, ClientView<String, String> bounded, Random random) {
      this.id = id;
      this.session = "t" + id;
      this.view = view;
      this.bounded = bounded;
      this.random = random;
    }

    @Override
    public void run() {
      long next = System.nanoTime();
      while (running) {
        int dice = random.nextInt(100);
        if (dice < appendPercent) {
          append(random.nextInt(3) == 0 ? sharedKeyForAppend() : ownKeyForAppend());
        } else if (dice < appendPercent + sessionReadPercent) {
          read(view, session, ownKeyForRead(), sessionReads);
        } else {
          read(bounded, session + "/bounded", sharedKeyForRead(), boundedReads);
        }
        // pacing, not synchronization: keeps the history (and memory) proportional to the run's length
        next += pauseNanos;
        long ahead = next - System.nanoTime();
        if (ahead > 0) {
          LockSupport.parkNanos(ahead);
        } else {
          next = System.nanoTime();
        }
      }
    }

    private void append(String key) {
      PendingOperation op = history.invokeAppend(session, key, session + "-" + elements++);
      try {
        view.rpush(key, op.invoked().element());
        op.ok();
        appendsOk.increment();
      } catch (RuntimeException e) {
        String why = describe(e);
        if (Outcomes.of(e) == Operation.Outcome.FAIL) {
          op.fail(why);
          appendsFailed.increment();
        } else {
          op.unknown(why);
          appendsUnknown.increment();
        }
        count("append", e);
      }
    }

    private void read(ClientView<String, String> through, String readSession, String key, LongAdder okCounter) {
      PendingOperation op = history.invokeRead(readSession, key);
      try {
        op.ok(through.lrange(key, 0, -1));
        okCounter.increment();
      } catch (RuntimeException e) {
        String why = describe(e);
        if (Outcomes.of(e) == Operation.Outcome.FAIL) {
          op.fail(why);
        } else {
          op.unknown(why);
        }
        readsFailed.increment();
        count("read", e);
      }
    }

    private String ownKeyForAppend() {
      return ownKey(ownAppends++ / appendsPerKey);
    }

    /** The key being appended to, or now and then the one before it. */
    private String ownKeyForRead() {
      int generation = ownAppends / appendsPerKey;
      return ownKey(generation > 0 && random.nextInt(4) == 0 ? generation - 1 : generation);
    }

    private String ownKey(int generation) {
      return prefix + session + ":" + generation;
    }

    private String sharedKeyForAppend() {
      int slot = random.nextInt(sharedKeys);
      return sharedKey(slot, sharedAppends[slot].getAndIncrement() / appendsPerKey);
    }

    private String sharedKeyForRead() {
      int slot = random.nextInt(sharedKeys);
      return sharedKey(slot, sharedAppends[slot].get() / appendsPerKey);
    }

    private String sharedKey(int slot, int generation) {
      return prefix + "shared" + slot + ":" + generation;
    }

    private void count(String what, RuntimeException e) {
      errors.computeIfAbsent(what + " " + Outcomes.unwrap(e).getClass().getSimpleName(), k -> new LongAdder())
          .increment();
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = Outcomes.unwrap(e);
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  /** Options for a {@link ChaosWorkload}; every setter validates at once and names the bad value. */
  public static final class Builder {
    private final VigilClient client;
    private final History history;
    private int threads = 16;
    private Duration readBound = Duration.ofMillis(250);
    private long seed = 1;
    private int appendsPerKey = 20;
    private int sharedKeys = 8;
    private Duration pause = Duration.ofMillis(10);
    private String prefix = "chaos:";
    private int appendPercent = 40;
    private int sessionReadPercent = 30;

    private Builder(VigilClient client, History history) {
      this.client = Objects.requireNonNull(client, "client");
      this.history = Objects.requireNonNull(history, "history");
    }

    /** How many worker threads; default 16. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be between 1 and 1024, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The lag bound of replica reads ({@link ReadPolicy#maxLag}); default 250 ms. */
    public Builder readBound(Duration bound) {
      Objects.requireNonNull(bound, "readBound");
      if (bound.isNegative() || bound.isZero()) {
        throw new IllegalArgumentException("readBound must be positive, got " + bound);
      }
      this.readBound = bound;
      return this;
    }

    /** The seed of the workers' randoms (worker {@code t} uses {@code seed * 31 + t}); default 1. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How many appends a key takes before the next one is used; default 20. */
    public Builder appendsPerKey(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("appendsPerKey must be at least 1, got " + count);
      }
      this.appendsPerKey = count;
      return this;
    }

    /** How many shared keys are written and read at once; default 8. */
    public Builder sharedKeys(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("sharedKeys must be at least 1, got " + count);
      }
      this.sharedKeys = count;
      return this;
    }

    /**
     * The least time between the starts of one worker's operations (pacing, so the history
     * grows with the run's length, not with the machine's speed); default 10 ms, 0 for none.
     */
    public Builder pacing(Duration pause) {
      Objects.requireNonNull(pause, "pacing");
      if (pause.isNegative()) {
        throw new IllegalArgumentException("pacing must not be negative, got " + pause);
      }
      this.pause = pause;
      return this;
    }

    /** The prefix of every key; default {@code chaos:}. */
    public Builder keyPrefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "keyPrefix");
      return this;
    }

    /**
     * The mix, in percent of operations: appends (a third of them to shared keys) and session
     * reads; the rest are bounded reads. Default 40 and 30.
     */
    public Builder mix(int appendPercent, int sessionReadPercent) {
      if (appendPercent < 0 || sessionReadPercent < 0 || appendPercent + sessionReadPercent > 100) {
        throw new IllegalArgumentException("mix percentages must be non-negative and add up to at most 100, got "
            + appendPercent + " and " + sessionReadPercent);
      }
      this.appendPercent = appendPercent;
      this.sessionReadPercent = sessionReadPercent;
      return this;
    }

    /** The workload, not started. */
    public ChaosWorkload build() {
      return new ChaosWorkload(this);
    }
  }
}
