package io.vigil.bench;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.vigil.driver.VigilClient;
import io.vigil.driver.failover.SentinelStack;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/**
 * Failover reaction of Vigil, Jedis ({@code JedisSentinelPool}) and Lettuce ({@code
 * MasterReplica}) in one run: real {@code redis-server}s (one master, two replicas) and three real
 * {@code redis-sentinel}s (down-after 1000 ms); one thread writes {@code SET w:i i}; the master is
 * killed with SIGKILL. Per run it records the time from the first {@code +switch-master} any
 * sentinel published to the first write acknowledged after the kill (negative when the client
 * was already writing to the promoted replica before the announcement), the pause the writer saw
 * (last acknowledgement before the kill to the first after it), the errors thrown at the writer,
 * and the acknowledged writes missing from the new master afterwards.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl driver-tests -am process-test-classes -Pfailover-bench
 * </pre>
 * Options: {@code -Dbench.runs=10} (Vigil), {@code -Dbench.peerRuns=3} (Jedis, Lettuce),
 * {@code -Dbench.only=vigil,jedis,lettuce}.
 */
public final class FailoverBenchmark {

  /** A client under test: one blocking SET. */
  private interface Writer extends AutoCloseable {
    void set(String key, String value);

    @Override
    void close();
  }

  /** What one run measured. */
  private record Run(long switchToFirstAckNanos, long pauseNanos, long errors, long missing, long acked) {}

  public static void main(String[] args) throws Exception {
    try {
      run();
    } finally {
      System.exit(0); // peers may leave non-daemon threads behind
    }
  }

  private static void run() throws Exception {
    int runs = Integer.getInteger("bench.runs", 10);
    int peerRuns = Integer.getInteger("bench.peerRuns", 3);
    Set<String> only = Set.of(System.getProperty("bench.only", "vigil,jedis,lettuce").split(","));
    List<String> report = new ArrayList<>();
    List<Run> vigil = new ArrayList<>();
    List<Run> jedis = new ArrayList<>();
    List<Run> lettuce = new ArrayList<>();
    try (SentinelStack stack = SentinelStack.start(SentinelStack.Sentinels.REAL)) {
      for (int i = 0; i < runs && only.contains("vigil"); i++) {
        vigil.add(once(stack, "vigil", () -> {
          VigilClient c = VigilClient.builder().sentinels(stack.sentinelList()).masterName(SentinelStack.MASTER).build();
          return new Writer() {
            public void set(String k, String v) {
              c.set(k, v);
            }

            public void close() {
              c.close();
            }
          };
        }));
      }
      for (int i = 0; i < peerRuns && only.contains("jedis"); i++) {
        jedis.add(once(stack, "jedis", () -> {
          Set<String> sentinels = stack.sentinelAddresses().stream().map(a -> "127.0.0.1:" + a.getPort())
              .collect(Collectors.toSet());
          JedisSentinelPool pool = new JedisSentinelPool(SentinelStack.MASTER, sentinels);
          return new Writer() {
            public void set(String k, String v) {
              try (Jedis j = pool.getResource()) {
                j.set(k, v);
              }
            }

            public void close() {
              pool.close();
            }
          };
        }));
      }
      for (int i = 0; i < peerRuns && only.contains("lettuce"); i++) {
        lettuce.add(once(stack, "lettuce", () -> {
          RedisURI.Builder uri = null;
          for (InetSocketAddress a : stack.sentinelAddresses()) {
            uri = uri == null ? RedisURI.Builder.sentinel("127.0.0.1", a.getPort(), SentinelStack.MASTER)
                : uri.withSentinel("127.0.0.1", a.getPort());
          }
          RedisClient client = RedisClient.create();
          StatefulRedisMasterReplicaConnection<String, String> conn =
              MasterReplica.connect(client, StringCodec.UTF8, uri.build());
          conn.setReadFrom(ReadFrom.UPSTREAM);
          return new Writer() {
            public void set(String k, String v) {
              conn.sync().set(k, v);
            }

            public void close() {
              conn.close();
              client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
          };
        }));
      }
    }
    report.add(summary("Vigil", vigil));
    report.add(summary("Jedis JedisSentinelPool", jedis));
    report.add(summary("Lettuce MasterReplica", lettuce));
    System.out.println();
    System.out.println("Failover benchmark: 1 master + 2 replicas (redis-server), 3 redis-sentinel, down-after 1000 ms,"
        + " one writer of SET w:i i, master killed with SIGKILL");
    report.forEach(System.out::println);
    if (!vigil.isEmpty()) {
      double vErrors = vigil.stream().mapToLong(Run::errors).average().orElse(0);
      double vPause = percentile(vigil.stream().map(Run::pauseNanos).toList(), 50);
      for (var peer : List.of(java.util.Map.entry("Jedis", jedis), java.util.Map.entry("Lettuce", lettuce))) {
        if (peer.getValue().isEmpty()) {
          continue;
        }
        double pErrors = peer.getValue().stream().mapToLong(Run::errors).average().orElse(0);
        double pPause = percentile(peer.getValue().stream().map(Run::pauseNanos).toList(), 50);
        System.out.printf(Locale.ROOT, "Vigil vs %s: errors %.1f vs %.1f per failover; writer pause p50 %.0f ms vs %.0f ms"
            + " (%.2fx)%n", peer.getKey(), vErrors, pErrors, ms(vPause), ms(pPause), vPause / pPause);
      }
    }
  }

  private interface Factory {
    Writer open() throws Exception;
  }

  private static Run once(SentinelStack stack, String name, Factory factory) throws Exception {
    stack.awaitSettled();
    int oldPort = stack.masterPort();
    AtomicLong switchAt = new AtomicLong();
    List<Thread> listeners = new ArrayList<>();
    List<RespSocket> sockets = new ArrayList<>();
    for (InetSocketAddress s : stack.sentinelAddresses()) {
      RespSocket socket = RespSocket.connect(s, Duration.ofMinutes(5));
      socket.call("SUBSCRIBE", "+switch-master");
      sockets.add(socket);
      Thread t = new Thread(() -> {
        try {
          RespValue m = socket.read();
          long now = System.nanoTime();
          if (m instanceof RespArray) {
            switchAt.compareAndSet(0, now);
          }
        } catch (RuntimeException e) {
          // closed at the end of the run
        }
      }, "switch-listener");
      t.setDaemon(true);
      t.start();
      listeners.add(t);
    }
    ConcurrentHashMap<String, String> acked = new ConcurrentHashMap<>();
    AtomicLong errors = new AtomicLong();
    AtomicLong lastAck = new AtomicLong();
    AtomicLong killAt = new AtomicLong(Long.MAX_VALUE);
    AtomicLong lastAckBeforeKill = new AtomicLong();
    AtomicLong firstAckAfterKill = new AtomicLong();
    AtomicLong acksAfterKill = new AtomicLong();
    String prefix = "w:" + name + ":" + System.nanoTime() + ":";
    AtomicBoolean running = new AtomicBoolean(true);
    Run result;
    try (Writer writer = factory.open()) {
      Thread thread = new Thread(() -> {
        for (long i = 0; running.get(); i++) {
          String key = prefix + i;
          String value = Long.toString(i);
          try {
            writer.set(key, value);
            long now = System.nanoTime();
            acked.put(key, value);
            lastAck.set(now);
            if (now > killAt.get()) { // the old master is dead by then: this ack came from the new one
              firstAckAfterKill.compareAndSet(0, now);
              acksAfterKill.incrementAndGet();
            }
          } catch (RuntimeException e) {
            errors.incrementAndGet();
            if (errors.get() <= 3) {
              System.out.println(name + " error: " + e);
            }
          }
        }
      }, "writer");
      thread.setDaemon(true);
      thread.start();
      SentinelStack.await("writes before the kill", Duration.ofSeconds(30), () -> acked.size() > 500);
      lastAckBeforeKill.set(lastAck.get());
      RedisServerProcess killed = stack.killMaster(); // returns once the process is gone
      killAt.set(System.nanoTime());
      int newPort = stack.awaitNewMaster(oldPort);
      SentinelStack.await("writes on the new master", Duration.ofSeconds(60),
          () -> acksAfterKill.get() > 200 && switchAt.get() != 0);
      running.set(false); // not interrupt(): an interrupted wait is an error the writer would count
      thread.join(TimeUnit.SECONDS.toMillis(70));
      long missing = missing(stack.node(newPort).address(), acked);
      result = new Run(firstAckAfterKill.get() - switchAt.get(), firstAckAfterKill.get() - lastAckBeforeKill.get(),
          errors.get(), missing, acked.size());
      stack.restartAsReplica(killed);
    } finally {
      sockets.forEach(RespSocket::close);
    }
    System.out.printf(Locale.ROOT, "%-8s switch->first ack %6.1f ms, writer pause %7.1f ms, errors %5d, missing %d of %d%n",
        name, ms(result.switchToFirstAckNanos()), ms(result.pauseNanos()), result.errors(), result.missing(),
        result.acked());
    return result;
  }

  private static long missing(InetSocketAddress master, ConcurrentHashMap<String, String> acked) {
    List<String> keys = new ArrayList<>(acked.keySet());
    long missing = 0;
    try (RespSocket s = RespSocket.connect(master)) {
      for (int from = 0; from < keys.size(); from += 1000) {
        List<String> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
        List<String> args = new ArrayList<>();
        args.add("MGET");
        args.addAll(batch);
        RespArray values = (RespArray) s.call(args.toArray(String[]::new));
        for (int i = 0; i < batch.size(); i++) {
          RespValue v = values.get(i);
          if (v.isNull() || !acked.get(batch.get(i)).equals(RespSocket.text(v))) {
            missing++;
          }
        }
      }
    }
    return missing;
  }

  private static String summary(String name, List<Run> runs) {
    if (runs.isEmpty()) {
      return name + ": not run";
    }
    List<Long> switchTimes = runs.stream().map(Run::switchToFirstAckNanos).toList();
    List<Long> pauses = runs.stream().map(Run::pauseNanos).toList();
    return String.format(Locale.ROOT,
        "%-24s runs %2d | +switch-master -> first ack p50 %7.1f ms p99 %7.1f ms | writer pause p50 %7.1f ms p99 %7.1f ms"
            + " | errors total %d (max %d per run) | acknowledged writes missing %d",
        name, runs.size(), ms(percentile(switchTimes, 50)), ms(percentile(switchTimes, 99)),
        ms(percentile(pauses, 50)), ms(percentile(pauses, 99)),
        runs.stream().mapToLong(Run::errors).sum(), runs.stream().mapToLong(Run::errors).max().orElse(0),
        runs.stream().mapToLong(Run::missing).sum());
  }

  /** Nearest-rank percentile. */
  private static double percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static double ms(double nanos) {
    return nanos / 1_000_000.0;
  }
}
