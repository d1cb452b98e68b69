package io.vigil.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import io.vigil.testkit.chaos.history.CheckReport;
import io.vigil.testkit.chaos.history.History;
import io.vigil.testkit.chaos.history.HistoryChecker;
import io.vigil.testkit.chaos.history.PendingOperation;
import io.vigil.testkit.chaos.proxy.ChaosProxy;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two chaos tools together, on one real redis-server: client threads append and read
 * through a proxy that is blackholed mid-run and healed; their history must check clean, and
 * since a blackhole holds bytes rather than losing them, every append whose outcome the
 * clients could not know must have been applied in the end.
 */
class ProxiedRedisHistoryTest {

  private static final int THREADS = 4;
  private static final List<String> KEYS = List.of("list-0", "list-1", "list-2");

  @Test
  void blackholeAndHealLeaveAHistoryWithoutViolationsAndEveryUnknownAppendApplied(@TempDir Path dir)
      throws Exception {
    RealRedis.requireServer();
    History history = History.create();
    AtomicInteger acked = new AtomicInteger();
    AtomicInteger unknown = new AtomicInteger();
    CheckReport report;
    try (RedisServerProcess redis = RedisServerProcess.builder().start();
        ChaosProxy proxy = ChaosProxy.builder(redis.address()).name("history-redis").start()) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<CompletableFuture<Void>> workers = new ArrayList<>();
      CompletableFuture<Void> stop = new CompletableFuture<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          Worker worker = new Worker("s" + t, t, proxy, history, acked, unknown, stop);
          workers.add(CompletableFuture.runAsync(worker, pool));
        }
        await("appends acknowledged before the fault", () -> acked.get() >= 100);
        proxy.blackhole();
        await("every client timed out at least once", () -> unknown.get() >= THREADS);
        proxy.heal();
        int before = acked.get();
        await("appends acknowledged after healing", () -> acked.get() >= before + 100);
        stop.complete(null);
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      } finally {
        stop.complete(null);
        pool.shutdownNow();
      }

      Map<String, List<String>> finalState = new HashMap<>();
      try (RespSocket direct = RespSocket.connect(redis.address())) {
        for (String key : KEYS) {
          finalState.put(key, RespSocket.texts(direct.call("LRANGE", key, "0", "-1")));
        }
      }
      report = HistoryChecker.builder().staleReadBound(Duration.ZERO).build().check(history, finalState);
    }

    System.out.print(report.summary());
    report.assertValid();
    assertThat(report.counts().appendsUnknown()).as(report.summary()).isPositive();
    assertThat(report.counts().unknownAbsent()).as("held bytes are delivered on heal:%n%s", report.summary()).isZero();
    Path json = dir.resolve("history.json");
    report.writeJson(json);
    assertThat(Files.readString(json)).startsWith("{\"valid\":true,");
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // poll interval
    }
  }

  /** One client session: appends unique elements and reads whole lists until told to stop. */
  private static final class Worker implements Runnable {
    private final String session;
    private final Random random;
    private final ChaosProxy proxy;
    private final History history;
    private final AtomicInteger acked;
    private final AtomicInteger unknown;
    private final CompletableFuture<Void> stop;
    private RespSocket connection;
    private long counter;

    Worker(String session, long seed, ChaosProxy proxy, History history, AtomicInteger acked,
        AtomicInteger unknown, CompletableFuture<Void> stop) {
      this.session = session;
      this.random = new Random(seed);
      this.proxy = proxy;
      this.history = history;
      this.acked = acked;
      this.unknown = unknown;
      this.stop = stop;
    }

    @Override
    public void run() {
      try {
        while (!stop.isDone()) {
          if (connection == null) {
            connection = RespSocket.connect(proxy.address(), Duration.ofMillis(250));
          }
          String key = KEYS.get(random.nextInt(KEYS.size()));
          if (random.nextInt(100) < 60) {
            append(key);
          } else {
            read(key);
          }
        }
      } finally {
        if (connection != null) {
          connection.close();
        }
      }
    }

    private void append(String key) {
      PendingOperation op = history.invokeAppend(session, key, session + "-" + counter++);
      RespValue reply;
      try {
        reply = connection.call("RPUSH", key, op.invoked().element());
      } catch (UncheckedIOException e) {
        op.unknown(String.valueOf(e.getCause()));
        lostConnection();
        return;
      }
      if (reply instanceof RespError error) {
        op.fail(error.message());
      } else {
        op.ok();
        acked.incrementAndGet();
      }
    }

    private void read(String key) {
      PendingOperation op = history.invokeRead(session, key);
      try {
        op.ok(RespSocket.texts(connection.call("LRANGE", key, "0", "-1")));
      } catch (UncheckedIOException e) {
        op.unknown(String.valueOf(e.getCause()));
        lostConnection();
      }
    }

    /** A reply may still come on this connection, so it cannot be reused. */
    private void lostConnection() {
      unknown.incrementAndGet();
      connection.close();
      connection = null;
    }
  }
}
