package io.vigil.bench;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.vigil.driver.ClientView;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.junit.RealRedis;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Lag-aware read routing against Lettuce in one run: real {@code redis-server}s (one master, two
 * replicas) under Java sentinels, every node behind a proxy; one replica lags: its replication
 * link is delayed by 400 ms for 400 ms of every 800 ms, while it keeps serving reads. 16 threads run 90% reads ({@code GET} of a random counter) and 10% writes ({@code INCR}
 * of the thread's own counter). Each read is checked exactly: a counter only grows, so a read
 * started at {@code t} that returns less than what was acknowledged before {@code t - 100 ms} is
 * older than 100 ms. The share of reads served by replicas comes from the nodes' own {@code
 * INFO commandstats}.
 *
 * <p>Phases: Vigil {@code replicaPreferred().maxLag(100 ms)}, Lettuce {@code REPLICA_PREFERRED}
 * and {@code ANY_REPLICA} (on {@code MasterReplica}; {@code REPLICA_PREFERRED} always reads the
 * first replica it lists, which may or may not be the lagging one), Vigil master-only, Vigil read-your-writes sessions (one per
 * thread), Vigil durable writes ({@code durable(1, 1 s)}).
 *
 * <p>Options: {@code -Dbench.measure=5s} per phase, {@code -Dbench.threads=16}.
 */
public final class ReadRoutingBenchmark {

  private static final Duration BOUND = Duration.ofMillis(100);

  private ReadRoutingBenchmark() {}

  /** One thread's view of the store. */
  interface Ops {
    long incr(String key);

    String get(String key);
  }

  /** A counter's acknowledgements: single writer, many readers. */
  static final class Acks {
    final long[] at = new long[4_000_000];
    volatile long last;

    void acked(long v) {
      if (v < at.length) {
        at[(int) v] = System.nanoTime();
        last = v;
      }
    }

    long ackedBefore(long t) {
      long v = last;
      while (v > 0 && (at[(int) v] == 0 || at[(int) v] >= t)) {
        v--;
      }
      return v;
    }
  }

  record Result(String name, double opsPerSec, long reads, long stale, double replicaShare) {}

  public static void main(String[] args) throws Exception {
    RealRedis.requireServer();
    Duration measure = Duration.parse("PT" + System.getProperty("bench.measure", "5s").toUpperCase());
    int threads = Integer.getInteger("bench.threads", 16);
    List<Result> results = new ArrayList<>();
    try (Topology topology = Topology.builder().replicas(2).sentinels(3).dataNodes(NodeKind.REAL)
        .sentinelNodes(NodeKind.JAVA).appendOnly(false).proxied(true).start().awaitHealthy()) {
      String sentinels = topology.sentinelAddresses().stream().map(a -> "127.0.0.1:" + a.getPort())
          .collect(Collectors.joining(","));
      Node master = topology.currentMaster();
      Node lagging = topology.dataNodes().stream().filter(n -> !n.equals(master)).findFirst().orElseThrow();
      System.out.printf("master %s, lagging replica %s (replication link delayed 400 ms, 400 ms of every 800 ms), %d threads, %s a phase%n",
          master.address(), lagging.address(), threads, measure);
      AtomicBoolean lagOn = new AtomicBoolean(true);
      Thread lagger = new Thread(() -> {
        while (lagOn.get()) {
          topology.faults().lag(lagging, Duration.ofMillis(400));
          try {
            TimeUnit.MILLISECONDS.sleep(800); // the fault's own schedule, not synchronization
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "lagger");
      lagger.setDaemon(true);
      lagger.start();
      io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      try (VigilClient vigil = VigilClient.builder().sentinels(sentinels).masterName(topology.masterName())
          .meterRegistry(meters).commandTimeout(Duration.ofSeconds(5)).build()) {
        ClientView<String, String> bounded = vigil.withReadPolicy(ReadPolicy.replicaPreferred().maxLag(BOUND));
        results.add(run(topology, "Vigil replicaPreferred maxLag 100ms", threads, measure, t -> ops(bounded)));
        meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("vigil.reads"))
            .forEach(m -> System.out.println("  " + m.getId().getName() + m.getId().getTags() + " "
                + m.measure().iterator().next().getValue()));
        for (ReadFrom readFrom : List.of(ReadFrom.REPLICA_PREFERRED, ReadFrom.ANY_REPLICA)) {
          RedisClient lettuceClient = RedisClient.create();
          RedisURI.Builder uri = null;
          for (InetSocketAddress a : topology.sentinelAddresses()) {
            uri = uri == null ? RedisURI.Builder.sentinel("127.0.0.1", a.getPort(), topology.masterName())
                : uri.withSentinel("127.0.0.1", a.getPort());
          }
          try (StatefulRedisMasterReplicaConnection<String, String> conn =
              MasterReplica.connect(lettuceClient, StringCodec.UTF8, uri.build())) {
            conn.setReadFrom(readFrom);
            RedisCommands<String, String> sync = conn.sync();
            results.add(run(topology, "Lettuce MasterReplica " + (readFrom == ReadFrom.ANY_REPLICA ? "ANY_REPLICA" : "REPLICA_PREFERRED"), threads, measure, t -> new Ops() {
              public long incr(String key) {
                return sync.incr(key);
              }

              public String get(String key) {
                return sync.get(key);
              }
            }));
          } finally {
            lettuceClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
          }
        }
        results.add(run(topology, "Vigil master only", threads, measure, t -> ops(vigil)));
        results.add(run(topology, "Vigil read-your-writes session", threads, measure,
            t -> ops(vigil.session(ReadPolicy.replicaPreferred().maxLag(BOUND)))));
        try (VigilClient durable = VigilClient.builder().sentinels(sentinels).masterName(topology.masterName())
            .commandTimeout(Duration.ofSeconds(5)).readPolicy(ReadPolicy.replicaPreferred().maxLag(BOUND))
            .durableWrites(1, Duration.ofSeconds(1)).build()) {
          results.add(run(topology, "Vigil durable(1, 1s) + maxLag 100ms", threads, measure, t -> ops(durable)));
        }
      } finally {
        lagOn.set(false);
        lagger.interrupt();
        topology.faults().healAll();
      }
      System.out.println("lag faults: " + topology.timeline().events("lag").stream().limit(2)
          .map(Object::toString).collect(Collectors.joining("; ")));
    }
    Result vigil = results.get(0);
    Result lettuce = results.get(1);
    System.out.println();
    System.out.printf("%-42s %12s %10s %12s %14s%n", "client", "ops/s", "reads", "stale>100ms", "replica share");
    for (Result r : results) {
      System.out.printf("%-42s %12.0f %10d %12d %13.1f%%%n", r.name(), r.opsPerSec(), r.reads(), r.stale(),
          100 * r.replicaShare());
    }
    System.out.printf("%nVigil bounded / Lettuce REPLICA_PREFERRED throughput %.2fx, / Lettuce ANY_REPLICA %.2fx;"
        + " read-your-writes session / bounded %.2fx; durable(1) / bounded %.2fx%n", vigil.opsPerSec() / lettuce.opsPerSec(),
        vigil.opsPerSec() / results.get(2).opsPerSec(), results.get(4).opsPerSec() / vigil.opsPerSec(),
        results.get(5).opsPerSec() / vigil.opsPerSec());
  }

  private static Ops ops(ClientView<String, String> view) {
    return new Ops() {
      public long incr(String key) {
        return view.incr(key);
      }

      public String get(String key) {
        return view.get(key);
      }
    };
  }

  private static Result run(Topology topology, String name, int threads, Duration measure, IntFunction<Ops> opsFor)
      throws Exception {
    String prefix = "bench:" + ThreadLocalRandom.current().nextInt(1 << 30) + ":";
    Acks[] acks = new Acks[threads];
    for (int i = 0; i < threads; i++) {
      acks[i] = new Acks();
    }
    Map<Node, Long> before = getCalls(topology);
    LongAdder ops = new LongAdder();
    LongAdder reads = new LongAdder();
    LongAdder stale = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int me = i;
      Ops o = opsFor.apply(i);
      Thread t = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stop.get()) {
          try {
            if (random.nextInt(10) == 0) {
              acks[me].acked(o.incr(prefix + me));
            } else {
              int k = random.nextInt(threads);
              long start = System.nanoTime();
              String v = o.get(prefix + k);
              long seen = v == null ? 0 : Long.parseLong(v);
              if (seen < acks[k].ackedBefore(start - BOUND.toNanos())) {
                stale.increment();
              }
              reads.increment();
            }
            ops.increment();
          } catch (RuntimeException e) {
            // counted as not done; a durable write that was not confirmed in time lands here
          }
        }
      }, "bench-" + i);
      workers.add(t);
    }
    long t0 = System.nanoTime();
    workers.forEach(Thread::start);
    TimeUnit.NANOSECONDS.sleep(measure.toNanos()); // the measuring window, not synchronization
    stop.set(true);
    for (Thread t : workers) {
      t.join();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    Map<Node, Long> after = getCalls(topology);
    Node master = topology.currentMaster();
    long all = 0;
    long onReplicas = 0;
    for (Node n : after.keySet()) {
      long d = after.get(n) - before.getOrDefault(n, 0L);
      all += d;
      if (!n.equals(master)) {
        onReplicas += d;
      }
    }
    StringBuilder perNode = new StringBuilder();
    for (Node n : after.keySet()) {
      long d = after.get(n) - before.getOrDefault(n, 0L);
      perNode.append(String.format(" %s%s %.1f%%", n.address().getPort(), n.equals(master) ? "(master)" : "",
          all == 0 ? 0.0 : 100.0 * d / all));
    }
    Result r = new Result(name, ops.sum() / secs, reads.sum(), stale.sum(), all == 0 ? 0 : (double) onReplicas / all);
    System.out.printf("%s: %.0f ops/s, %d reads, %d older than 100 ms, %.1f%% on replicas (GETs by port:%s)%n", name,
        r.opsPerSec(), r.reads(), r.stale(), 100 * r.replicaShare(), perNode);
    return r;
  }

  /** {@code GET} calls per data node so far. */
  private static Map<Node, Long> getCalls(Topology topology) {
    Map<Node, Long> calls = new HashMap<>();
    for (Node n : topology.dataNodes()) {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (System.nanoTime() - until < 0) {
        if (n.isFrozen()) {
          Thread.yield();
          continue;
        }
        try {
          String info = io.vigil.driver.internal.command.Replies.text(n.call("INFO", "commandstats"));
          long c = 0;
          for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_get:calls=")) {
              c = Long.parseLong(line.substring("cmdstat_get:calls=".length(), line.indexOf(',')));
            }
          }
          calls.put(n, c);
          break;
        } catch (RuntimeException e) {
          // frozen in between: try again
        }
      }
    }
    return calls;
  }
}
