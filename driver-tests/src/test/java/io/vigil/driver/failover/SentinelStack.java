package io.vigil.driver.failover;

import io.vigil.resp.RespArray;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Real {@code redis-server} data nodes (one master, two replicas) watched by three sentinels,
 * real {@code redis-sentinel} or Java {@link VigilSentinel}s, with down-after 1000 ms and a short
 * failover timeout; plus the moves failover tests need: kill the master, bring a killed node
 * back as a replica, wait until every sentinel agrees.
 */
public final class SentinelStack implements AutoCloseable {

  private volatile long lastKillNanos;

  public static final String MASTER = "mymaster";

  /** Which sentinels watch the data nodes. */
  public enum Sentinels { REAL, JAVA }

  private final Sentinels kind;
  /** Data nodes by port, alive or killed; replaced by their restarts. */
  private final List<RedisServerProcess> nodes = new ArrayList<>();
  private final List<AutoCloseable> sentinels = new ArrayList<>();
  private final List<InetSocketAddress> sentinelAddresses = new ArrayList<>();
  private final Set<Integer> stoppedSentinels = new HashSet<>();

  private SentinelStack(Sentinels kind) {
    this.kind = kind;
  }

  public static SentinelStack start(Sentinels kind) {
    SentinelStack stack = new SentinelStack(kind);
    try {
      RedisServerProcess master = RedisServerProcess.builder().start();
      stack.nodes.add(master);
      for (int i = 0; i < 2; i++) {
        stack.nodes.add(RedisServerProcess.builder()
            .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start());
      }
      for (int i = 0; i < 3; i++) {
        stack.startSentinel(master.port());
      }
      stack.awaitSettled();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startSentinel(int masterPort) {
    if (kind == Sentinels.JAVA) {
      VigilSentinel s = VigilSentinel.builder()
          .monitor(MASTER, "127.0.0.1", masterPort, 2)
          .downAfter(MASTER, Duration.ofMillis(1000))
          .failoverTimeout(MASTER, Duration.ofSeconds(2))
          .timings(SentinelTimings.FAST)
          .start();
      sentinels.add(s);
      sentinelAddresses.add(s.address());
      return;
    }
    try {
      Path dir = Files.createTempDirectory("vigil-failover-sentinel-");
      Path file = dir.resolve("sentinel.conf");
      Files.writeString(file, String.join("\n",
          "sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " 2",
          "sentinel down-after-milliseconds " + MASTER + " 1000",
          "sentinel failover-timeout " + MASTER + " 2000",
          "sentinel parallel-syncs " + MASTER + " 2",
          ""));
      RedisServerProcess s = RedisServerProcess.sentinelBuilder().configFile(file).directory(dir).start();
      sentinels.add(s);
      sentinelAddresses.add(s.address());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Sentinels kind() {
    return kind;
  }

  /** {@code "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3"}. */
  public String sentinelList() {
    return sentinelAddresses.stream().map(a -> "127.0.0.1:" + a.getPort()).collect(Collectors.joining(","));
  }

  public List<InetSocketAddress> sentinelAddresses() {
    return List.copyOf(sentinelAddresses);
  }

  /** Stops sentinel {@code i} for good (the stack keeps working with the other two). */
  public void stopSentinel(int i) throws Exception {
    sentinels.get(i).close();
    stoppedSentinels.add(i);
  }

  /** The master's port, as the live sentinels agree on it (waits for agreement). */
  public int masterPort() {
    int[] port = new int[1];
    await("the sentinels to agree on the master", Duration.ofSeconds(30), () -> {
      Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < sentinelAddresses.size(); i++) {
        if (stoppedSentinels.contains(i)) {
          continue;
        }
        try (RespSocket s = RespSocket.connect(sentinelAddresses.get(i))) {
          List<String> addr = RespSocket.texts(s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER));
          seen.add(Integer.parseInt(addr.get(1)));
        } catch (RuntimeException e) {
          return false;
        }
      }
      if (seen.size() != 1) {
        return false;
      }
      port[0] = seen.iterator().next();
      return true;
    });
    return port[0];
  }

  public RedisServerProcess node(int port) {
    return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
  }

  /** A live replica of the current master. */
  public RedisServerProcess replica() {
    int master = masterPort();
    return nodes.stream().filter(n -> n.port() != master && n.isAlive()).findFirst().orElseThrow();
  }

  /** SIGKILLs the master the sentinels agree on; returns it. */
  public RedisServerProcess killMaster() {
    RedisServerProcess master = node(masterPort());
    lastKillNanos = System.nanoTime();
    master.kill();
    return master;
  }

  /** When the latest {@link #killMaster()} began ({@code System.nanoTime()}), or 0. */
  public long lastKillNanos() {
    return lastKillNanos;
  }

  /** Restarts a killed node as a replica of the current master (as an operator would). */
  public void restartAsReplica(RedisServerProcess killed) {
    int master = awaitNewMaster(killed.port());
    RedisServerProcess back = killed.restart();
    nodes.set(nodes.indexOf(killed), back);
    try (RespSocket s = RespSocket.connect(back.address())) {
      s.call("REPLICAOF", "127.0.0.1", Integer.toString(master));
    }
  }

  /** Waits until the sentinels agree on a master other than {@code oldPort}; returns its port. */
  public int awaitNewMaster(int oldPort) {
    int[] port = new int[1];
    await("a new master other than " + oldPort, Duration.ofSeconds(30), () -> {
      int p = masterPort();
      port[0] = p;
      return p != oldPort;
    });
    return port[0];
  }

  /**
   * Waits until every live node replicates from the agreed master with its link up, and every
   * live sentinel sees the master as ok with all live replicas and sentinels.
   */
  public void awaitSettled() {
    await("the stack to settle", Duration.ofSeconds(60), () -> {
      int master = masterPort();
      long liveReplicas = nodes.stream().filter(n -> n.isAlive() && n.port() != master).count();
      for (RedisServerProcess n : nodes) {
        if (!n.isAlive() || n.port() == master) {
          continue;
        }
        try (RespSocket s = RespSocket.connect(n.address())) {
          String info = RespSocket.text(s.call("INFO", "replication"));
          if (!info.contains("master_port:" + master) || !info.contains("master_link_status:up")) {
            return false;
          }
        }
      }
      try (RespSocket s = RespSocket.connect(node(master).address())) {
        RespArray role = (RespArray) s.call("ROLE");
        if (!RespSocket.text(role.get(0)).equals("master")) {
          return false;
        }
      }
      for (int i = 0; i < sentinelAddresses.size(); i++) {
        if (stoppedSentinels.contains(i)) {
          continue;
        }
        try (RespSocket s = RespSocket.connect(sentinelAddresses.get(i))) {
          String info = RespSocket.text(s.call("INFO", "sentinel"));
          if (!info.contains("status=ok") || countHealthyReplicas(s) < liveReplicas
              || !info.contains("sentinels=" + sentinelAddresses.size())) {
            return false;
          }
        }
      }
      return true;
    });
  }

  private static long countHealthyReplicas(RespSocket s) {
    RespArray all = (RespArray) s.call("SENTINEL", "REPLICAS", MASTER);
    long n = 0;
    for (var entry : all.elements()) {
      List<String> fields = RespSocket.texts(entry);
      int flags = fields.indexOf("flags");
      if (flags >= 0 && fields.get(flags + 1).equals("slave")) {
        n++;
      }
    }
    return n;
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean ok;
      try {
        ok = condition.getAsBoolean();
      } catch (RuntimeException e) {
        ok = false;
      }
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  @Override
  public void close() {
    for (AutoCloseable s : sentinels) {
      try {
        s.close();
      } catch (Exception e) {
        // best effort
      }
    }
    nodes.forEach(RedisServerProcess::close);
  }
}
