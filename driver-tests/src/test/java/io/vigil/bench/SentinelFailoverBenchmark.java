package io.vigil.bench;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.sentinel.VigilSentinel;
import io.vigil.testkit.sentinel.monitor.SentinelTimings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How fast sentinels fail over: the time from {@code kill -9} of the master to the first
 * {@code +switch-master} a client subscribed to the sentinels receives, for three real
 * {@code redis-sentinel}s and for three Java sentinels (Redis's timings and the eager ones),
 * over the same kind of real data nodes (1 master, 2 replicas), {@code down-after-milliseconds}
 * 1000. Prints median and maximum per kind.
 *
 * <pre>
 * mvn -B -q -pl driver-tests -am process-test-classes -Pbench -Dbench.main=io.vigil.bench.SentinelFailoverBenchmark [-Dbench.runs=10]
 * </pre>
 */
public final class SentinelFailoverBenchmark {

  private static final long DOWN_AFTER_MS = 1000;
  private static final java.util.Random PHASE = new java.util.Random(42);

  private SentinelFailoverBenchmark() {}

  /** Which sentinels to run. */
  private enum Kind {
    REAL, JAVA, JAVA_FAST
  }

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.runs", 10);
    System.out.printf("kill -9 of the master to the first +switch-master, down-after %d ms, %d runs each%n",
        DOWN_AFTER_MS, runs);
    List<String> lines = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long ms = oneRun(kind);
        times.add(ms);
        System.out.printf("  %-9s run %2d: %5d ms%n", kind, i + 1, ms);
      }
      Collections.sort(times);
      long median = times.get(times.size() / 2);
      long max = times.get(times.size() - 1);
      lines.add(String.format("%-9s median %5d ms  max %5d ms  (median - down-after: %d ms)", kind, median, max,
          median - DOWN_AFTER_MS));
    }
    lines.forEach(System.out::println);
    System.exit(0);
  }

  private static long oneRun(Kind kind) throws Exception {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      RedisServerProcess master = RedisServerProcess.builder().start();
      resources.add(master);
      for (int i = 0; i < 2; i++) {
        resources.add(RedisServerProcess.builder()
            .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start());
      }
      List<InetSocketAddress> sentinels = new ArrayList<>();
      Path dir = Files.createTempDirectory("vigil-bench-sentinel-");
      for (int i = 0; i < 3; i++) {
        if (kind == Kind.REAL) {
          Path conf = dir.resolve("sentinel-" + i + ".conf");
          Files.writeString(conf, "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 2\n"
              + "sentinel down-after-milliseconds mymaster " + DOWN_AFTER_MS + "\n"
              + "sentinel failover-timeout mymaster 10000\n");
          RedisServerProcess s = RedisServerProcess.sentinelBuilder().configFile(conf).directory(dir.resolve("s" + i)).start();
          resources.add(s);
          sentinels.add(s.address());
        } else {
          VigilSentinel s = VigilSentinel.builder()
              .monitor("mymaster", "127.0.0.1", master.port(), 2)
              .downAfter("mymaster", Duration.ofMillis(DOWN_AFTER_MS))
              .failoverTimeout("mymaster", Duration.ofSeconds(10))
              .timings(kind == Kind.JAVA_FAST ? SentinelTimings.FAST : SentinelTimings.REDIS)
              .start();
          resources.add(s);
          sentinels.add(s.address());
        }
      }
      await(Duration.ofSeconds(60), () -> sentinels.stream().allMatch(s -> {
        try (RespSocket c = RespSocket.connect(s)) {
          return RespSocket.text(c.call("INFO", "sentinel")).contains("slaves=2,sentinels=3");
        }
      }));
      CompletableFuture<Long> switched = new CompletableFuture<>();
      List<RespSocket> subscribers = new ArrayList<>();
      for (InetSocketAddress s : sentinels) {
        RespSocket sub = RespSocket.connect(s, Duration.ofSeconds(60));
        sub.call("SUBSCRIBE", "+switch-master");
        subscribers.add(sub);
        resources.add(sub);
        Thread t = new Thread(() -> {
          try {
            RespValue msg = sub.read();
            if (msg instanceof RespArray a && RespSocket.text(a.get(0)).equals("message")) {
              switched.complete(System.nanoTime());
            }
          } catch (UncheckedIOException closed) {
            // the run is over
          }
        }, "bench-subscriber");
        t.setDaemon(true);
        t.start();
      }
      // Sentinels PING once a second and count down-after from the last valid reply, so the
      // kill's phase within that second decides up to 1 s of the result: randomize it, so
      // every kind sees the same spread.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PHASE.nextInt(1000)));
      long killedAt = System.nanoTime();
      master.kill();
      long at = switched.get(60, TimeUnit.SECONDS);
      return TimeUnit.NANOSECONDS.toMillis(at - killedAt);
    } finally {
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          // keep closing the rest
        }
      }
    }
  }

  private static void await(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topology not ready within " + timeout);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
