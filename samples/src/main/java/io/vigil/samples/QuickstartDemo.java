package io.vigil.samples;

import io.vigil.driver.values.KeyValue;
import io.vigil.driver.Pipeline;
import io.vigil.driver.Subscription;
import io.vigil.driver.Transaction;
import io.vigil.driver.TransactionResult;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.server.VigilServer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The first thing a newcomer runs: starts a Redis-compatible Java server of its own (nothing to
 * install), connects a {@link VigilClient} to it and shows the API at work — strings with
 * expiry, a pipeline, a blocking pop, pub/sub, a transaction — then a short concurrent
 * workload with its throughput. Exits 0 when every check held.
 */
public final class QuickstartDemo {

  private QuickstartDemo() {}

  public static void main(String[] args) throws Exception {
    try {
      run();
    } catch (IllegalStateException failed) {
      System.out.println("FAILED " + failed.getMessage());
      System.exit(1);
    }
  }

  /**
   * Runs the demo, printing as it goes.
   *
   * @throws IllegalStateException naming the first check that did not hold
   */
  public static void run() throws Exception {
    try (VigilServer server = VigilServer.builder().start();
        VigilClient redis = VigilClient.builder()
            .node(server.address().getHostString(), server.port())
            .clientName("vigil-demo")
            .build()) {
      System.out.println("Java Redis server listening on " + server.address() + " (run id " + server.runId() + ")");

      redis.set("greeting", "hello from Vigil", Duration.ofMinutes(5));
      check("GET greeting", redis.get("greeting"), "hello from Vigil");
      check("TTL is set", redis.ttl("greeting") > 0, true);

      Pipeline<String, String> batch = redis.pipeline();
      CompletionStage<Long> pushed = batch.rpush("jobs", "a", "b", "c");
      batch.sync();
      check("RPUSH in a pipeline", pushed.toCompletableFuture().get(5, TimeUnit.SECONDS), 3L);
      KeyValue<String, String> job = redis.blpop(Duration.ofSeconds(1), "jobs");
      check("BLPOP", job.value(), "a");

      CountDownLatch received = new CountDownLatch(1);
      Subscription<String> sub = redis.subscribe((channel, message) -> received.countDown(), "news");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (received.getCount() > 0 && System.nanoTime() < deadline) {
        redis.publish("news", "subscribed and delivered");
        received.await(50, TimeUnit.MILLISECONDS);
      }
      check("pub/sub message delivered", received.getCount() == 0, true);
      sub.close();

      redis.set("balance", "100");
      try (Transaction<String, String> tx = redis.transaction()) {
        TransactionResult result = tx.exec(q -> q.decrby("balance", 30));
        check("MULTI/EXEC committed", result.committed(), true);
      }
      check("balance after the transaction", redis.get("balance"), "70");

      long keysBefore = redis.dbsize();
      int threads = 8;
      int perThread = 5_000;
      AtomicLong errors = new AtomicLong();
      long start = System.nanoTime();
      Thread[] workers = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        int id = t;
        workers[t] = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            try {
              redis.set("k:" + id + ":" + i, Integer.toString(i));
              if (!Integer.toString(i).equals(redis.get("k:" + id + ":" + i))) {
                errors.incrementAndGet();
              }
            } catch (RuntimeException e) {
              errors.incrementAndGet();
            }
          }
        }, "demo-worker-" + t);
        workers[t].start();
      }
      for (Thread w : workers) {
        w.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long ops = 2L * threads * perThread;
      System.out.printf("workload: %d threads, %,d SET+GET commands in %.2f s = %,.0f ops/s, %d errors%n",
          threads, ops, seconds, ops / seconds, errors.get());
      check("no errors in the workload", errors.get(), 0L);
      check("DBSIZE", redis.dbsize(), keysBefore + (long) threads * perThread);
      System.out.println("All checks passed. Next, FailoverDemo kills a master under load behind replicas and"
          + " sentinels: mvn -B -q -pl samples -am package -DskipTests -Pdemo");
    }
  }

  private static void check(String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
    }
    System.out.println("ok  " + what + (actual instanceof Boolean ? "" : " = " + actual));
  }
}
