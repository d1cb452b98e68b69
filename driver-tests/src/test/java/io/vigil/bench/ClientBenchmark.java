package io.vigil.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/**
 * Throughput of Vigil, Lettuce and Jedis against one real {@code redis-server}, in one run:
 * (a) one thread, blocking SET+GET; (b) 16 threads, blocking SET+GET; (c) asynchronous, 128
 * commands in flight (Jedis has no async API). Prints ops/s and Vigil's ratios to the others.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl driver-tests -am process-test-classes -Pbench
 * </pre>
 * Options: {@code -Dbench.warmup=3s -Dbench.measure=3s -Dbench.rounds=3 -Dbench.vigil.connections=1
 * -Dbench.vigil.ioThreads=1 -Dbench.only=vigil,jedis}.
 */
public final class ClientBenchmark {

  private static final String VALUE = "x".repeat(32);

  /** One client under test: how to make a blocking SET+GET worker and an async issuer. */
  private interface Subject extends AutoCloseable {
    Runnable syncWorker(int thread);

    /** Issues SET then GET without waiting; the stage completes when GET answered. */
    CompletionStage<?> asyncSetGet(String key);

    @Override
    void close();
  }

  public static void main(String[] args) throws Exception {
    try {
      run();
    } finally {
      System.exit(0); // after redis-server was closed; peers may leave non-daemon threads behind
    }
  }

  private static void run() throws Exception {
    Duration warmup = Duration.parse("PT" + System.getProperty("bench.warmup", "3s").toUpperCase(Locale.ROOT));
    Duration measure = Duration.parse("PT" + System.getProperty("bench.measure", "3s").toUpperCase(Locale.ROOT));
    int vigilConnections = Integer.getInteger("bench.vigil.connections", 1);
    int vigilIoThreads = Integer.getInteger("bench.vigil.ioThreads", 1);
    int rounds = Integer.getInteger("bench.rounds", 3);
    try (RedisServerProcess redis = RedisServerProcess.builder().start()) {
      String uri = "redis://127.0.0.1:" + redis.port();
      System.out.printf("redis-server %s, %d cores, warm-up %s, %d rounds of %s per case and client,"
              + " Vigil connections %d, I/O threads %d%n", redis.address(), Runtime.getRuntime().availableProcessors(),
          warmup, rounds, measure, vigilConnections, vigilIoThreads);
      Map<String, Supplier<Subject>> subjects = new LinkedHashMap<>();
      subjects.put("vigil", () -> vigil(uri, vigilConnections, vigilIoThreads));
      subjects.put("lettuce", () -> lettuce(uri));
      subjects.put("jedis", () -> jedis(redis.port()));

      String only = System.getProperty("bench.only", "");
      Map<String, Subject> open = new LinkedHashMap<>();
      subjects.forEach((name, factory) -> {
        if (only.isEmpty() || only.contains(name)) {
          open.put(name, factory.get());
        }
      });
      Map<String, Double> a = new LinkedHashMap<>();
      Map<String, Double> b = new LinkedHashMap<>();
      Map<String, Double> c = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, Subject> e : open.entrySet()) { // JIT warm-up of every path
          syncRun(e.getValue(), 4, warmup, Duration.ofMillis(100));
          if (!e.getKey().equals("jedis")) {
            asyncRun(e.getValue(), 128, warmup, Duration.ofMillis(100));
          }
        }
        // Rounds interleave the clients so that load from elsewhere on the machine hits all of
        // them alike; each figure is the median of its rounds.
        a = median(open, rounds, s -> syncRun(s, 1, Duration.ofMillis(300), measure), false);
        b = median(open, rounds, s -> syncRun(s, 16, Duration.ofMillis(300), measure), false);
        c = median(open, rounds, s -> asyncRun(s, 128, Duration.ofMillis(300), measure), true);
      } finally {
        open.values().forEach(Subject::close);
      }
      for (String name : open.keySet()) {
        System.out.printf("  %-8s (a) %,10.0f  (b) %,10.0f  (c) %s%n", name, a.get(name), b.get(name),
            c.containsKey(name) ? String.format("%,10.0f", c.get(name)) : "       n/a");
      }
      if (!only.isEmpty()) {
        return;
      }
      System.out.println();
      System.out.println("ops/s (one op = one command; SET+GET counts two)");
      System.out.printf("%-34s %12s %12s %12s %10s %10s%n", "case", "vigil", "lettuce", "jedis", "v/lettuce", "v/jedis");
      row("(a) 1 thread, sync SET+GET", a);
      row("(b) 16 threads, sync SET+GET", b);
      row("(c) async, 128 in flight", c);
      System.out.println();
      System.out.printf("targets: (a) v/jedis >= 1.00: %s; (b) v/lettuce >= 1.25: %s, v/jedis >= 1.00: %s;"
              + " (c) v/lettuce >= 1.20: %s%n",
          verdict(a.get("vigil") / a.get("jedis"), 1.0), verdict(b.get("vigil") / b.get("lettuce"), 1.25),
          verdict(b.get("vigil") / b.get("jedis"), 1.0), verdict(c.get("vigil") / c.get("lettuce"), 1.2));
    }
  }

  /** One measurement of one client. */
  private interface Run {
    double measure(Subject subject) throws Exception;
  }

  private static Map<String, Double> median(Map<String, Subject> open, int rounds, Run run, boolean asyncOnly)
      throws Exception {
    Map<String, List<Double>> results = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Subject> e : open.entrySet()) {
        if (asyncOnly && e.getKey().equals("jedis")) {
          continue;
        }
        results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(run.measure(e.getValue()));
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    results.forEach((name, values) -> {
      values.sort(Double::compare);
      medians.put(name, values.get(values.size() / 2));
    });
    return medians;
  }

  private static String verdict(double ratio, double target) {
    return String.format("%.2f %s", ratio, ratio >= target ? "met" : "MISSED");
  }

  private static void row(String name, Map<String, Double> r) {
    Double jedis = r.get("jedis");
    System.out.printf("%-34s %,12.0f %,12.0f %12s %10.2f %10s%n", name, r.get("vigil"), r.get("lettuce"),
        jedis == null ? "n/a" : String.format("%,.0f", jedis), r.get("vigil") / r.get("lettuce"),
        jedis == null ? "n/a" : String.format("%.2f", r.get("vigil") / jedis));
  }

  /** Blocking SET+GET loops on {@code threads} threads; returns commands per second. */
  private static double syncRun(Subject subject, int threads, Duration warmup, Duration measure) throws Exception {
    LongAdder ops = new LongAdder();
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch done = new CountDownLatch(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Runnable setGet = subject.syncWorker(t);
      Thread worker = new Thread(() -> {
        try {
          while (running.get()) {
            setGet.run();
            if (counting.get()) {
              ops.add(2);
            }
          }
        } finally {
          done.countDown();
        }
      }, "bench-" + t);
      worker.start();
      workers.add(worker);
    }
    TimeUnit.NANOSECONDS.sleep(warmup.toNanos()); // a benchmark's warm-up, not synchronisation
    counting.set(true);
    long start = System.nanoTime();
    TimeUnit.NANOSECONDS.sleep(measure.toNanos());
    counting.set(false);
    long elapsed = System.nanoTime() - start;
    running.set(false);
    done.await(30, TimeUnit.SECONDS);
    return ops.sum() * 1e9 / elapsed;
  }

  /** SET+GET pairs issued asynchronously with at most {@code inFlight} commands outstanding. */
  private static double asyncRun(Subject subject, int inFlight, Duration warmup, Duration measure) throws Exception {
    Semaphore permits = new Semaphore(inFlight / 2); // each pair is two commands in flight
    LongAdder ops = new LongAdder();
    AtomicBoolean counting = new AtomicBoolean();
    long end = System.nanoTime() + warmup.toNanos() + measure.toNanos();
    long countFrom = System.nanoTime() + warmup.toNanos();
    long start = 0;
    long i = 0;
    while (System.nanoTime() < end) {
      permits.acquire();
      if (!counting.get() && System.nanoTime() >= countFrom) {
        counting.set(true);
        start = System.nanoTime();
      }
      subject.asyncSetGet("async:" + (i++ & 1023)).whenComplete((r, e) -> {
        if (counting.get()) {
          ops.add(2);
        }
        permits.release();
      });
    }
    counting.set(false);
    long elapsed = System.nanoTime() - start;
    permits.acquire(inFlight / 2);
    return ops.sum() * 1e9 / elapsed;
  }

  private static Subject vigil(String uri, int connections, int ioThreads) {
    VigilClient client = VigilClient.builder().uri(uri).connectionsPerNode(connections).ioThreads(ioThreads).build();
    return new Subject() {
      @Override
      public Runnable syncWorker(int thread) {
        String key = "vigil:" + thread;
        return () -> {
          client.set(key, VALUE);
          client.get(key);
        };
      }

      @Override
      public CompletionStage<?> asyncSetGet(String key) {
        client.async().set(key, VALUE);
        return client.async().get(key);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  private static Subject lettuce(String uri) {
    RedisClient client = RedisClient.create(uri);
    StatefulRedisConnection<String, String> connection = client.connect();
    RedisAsyncCommands<String, String> async = connection.async();
    return new Subject() {
      @Override
      public Runnable syncWorker(int thread) {
        String key = "lettuce:" + thread;
        var sync = connection.sync();
        return () -> {
          sync.set(key, VALUE);
          sync.get(key);
        };
      }

      @Override
      public CompletionStage<?> asyncSetGet(String key) {
        async.set(key, VALUE);
        return async.get(key);
      }

      @Override
      public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    };
  }

  /** Jedis at its best: one dedicated connection per thread, no pool borrowing per command. */
  private static Subject jedis(int port) {
    List<Jedis> connections = new ArrayList<>();
    return new Subject() {
      @Override
      public synchronized Runnable syncWorker(int thread) {
        Jedis jedis = new Jedis("127.0.0.1", port);
        connections.add(jedis);
        String key = "jedis:" + thread;
        return () -> {
          jedis.set(key, VALUE);
          jedis.get(key);
        };
      }

      @Override
      public CompletionStage<?> asyncSetGet(String key) {
        throw new UnsupportedOperationException("Jedis has no async API");
      }

      @Override
      public synchronized void close() {
        connections.forEach(Jedis::close);
      }
    };
  }
}
