package io.vigil.testkit.sentinel;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.testkit.chaos.proxy.ChaosProxy;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java sentinels over real redis-server: manual failover, priorities, partitions, restarts. */
class JavaSentinelScenariosTest {

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<SentinelEvent> events = new CopyOnWriteArrayList<>();
  private RedisServerProcess master;
  private RedisServerProcess r1;
  private RedisServerProcess r2;
  private final List<VigilSentinel> sentinels = new ArrayList<>();

  @BeforeAll
  static void requireRedis() {
    RealRedis.requireServer();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T r) {
    resources.add(r);
    return r;
  }


  private void dataNodes() {
    master = keep(RedisServerProcess.builder().start());
    r1 = keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start());
    r2 = keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start());
  }

  private VigilSentinel sentinel(String host, int port) {
    VigilSentinel s = keep(VigilSentinel.builder()
        .monitor("mymaster", host, port, 2)
        .downAfter("mymaster", Duration.ofMillis(1000))
        .failoverTimeout("mymaster", Duration.ofSeconds(6))
        .start());
    s.onEvent(events::add);
    sentinels.add(s);
    return s;
  }

  private void awaitDiscovery() {
    Await.until("every sentinel knows 2 replicas and 3 sentinels", Duration.ofSeconds(30), () -> sentinels.stream()
        .allMatch(s -> info(s.address()).contains("slaves=2,sentinels=3")));
  }

  private static String info(InetSocketAddress sentinel) {
    try (RespSocket c = RespSocket.connect(sentinel)) {
      return RespSocket.text(c.call("INFO", "sentinel"));
    }
  }

  private String agreedMaster() {
    Set<String> seen = new HashSet<>();
    for (VigilSentinel s : sentinels) {
      InetSocketAddress a = s.masterAddress("mymaster");
      seen.add(a.getHostString() + ":" + a.getPort());
    }
    return seen.size() == 1 ? seen.iterator().next() : null;
  }

  private static String role(RedisServerProcess node) {
    try (RespSocket c = RespSocket.connect(node.address())) {
      return RespSocket.text(((RespArray) c.call("ROLE")).get(0));
    }
  }

  @Test
  void manualFailoverPromotesAReplicaWithoutAnyFault() {
    dataNodes();
    for (int i = 0; i < 3; i++) {
      sentinel("127.0.0.1", master.port());
    }
    awaitDiscovery();
    try (RespSocket s = RespSocket.connect(sentinels.get(0).address())) {
      assertThat(RespSocket.text(s.call("SENTINEL", "FAILOVER", "mymaster"))).isEqualTo("OK");
    }
    String old = "127.0.0.1:" + master.port();
    Await.until("all sentinels follow the manual failover", Duration.ofSeconds(30), () -> {
      String m = agreedMaster();
      return m != null && !m.equals(old);
    });
    Await.until("the old master becomes a replica", Duration.ofSeconds(30), () -> role(master).equals("slave"));
  }

  @Test
  void priorityZeroReplicaIsNeverPromoted() {
    dataNodes();
    try (RespSocket c = RespSocket.connect(r1.address())) {
      assertThat(RespSocket.text(c.call("CONFIG", "SET", "replica-priority", "0"))).isEqualTo("OK");
    }
    for (int i = 0; i < 3; i++) {
      sentinel("127.0.0.1", master.port());
    }
    awaitDiscovery();
    master.kill();
    Await.until("the sentinels promote r2", Duration.ofSeconds(30), () -> ("127.0.0.1:" + r2.port()).equals(agreedMaster()));
    assertThat(role(r1)).isEqualTo("slave");
  }

  @Test
  void noGoodReplicaRefusesAManualFailover() {
    master = keep(RedisServerProcess.builder().start());
    r1 = keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port()))
        .directive("replica-priority", "0").start());
    VigilSentinel s = sentinel("127.0.0.1", master.port());
    Await.until("the replica is known", Duration.ofSeconds(15), () -> info(s.address()).contains("slaves=1"));
    try (RespSocket c = RespSocket.connect(s.address())) {
      assertThat(RespSocket.text(c.call("SENTINEL", "FAILOVER", "mymaster")))
          .isEqualTo("NOGOODSLAVE No suitable replica to promote");
    }
  }

  @Test
  void partitionedMinoritySentinelCannotStartAFailover() {
    dataNodes();
    sentinel("127.0.0.1", master.port());
    sentinel("127.0.0.1", master.port());
    ChaosProxy toMaster = keep(ChaosProxy.start(master.address()));
    VigilSentinel lonely = sentinel("127.0.0.1", toMaster.address().getPort());
    Await.until("the lonely sentinel knows its peers and the replicas", Duration.ofSeconds(30),
        () -> info(lonely.address()).contains("slaves=2,sentinels=3"));
    toMaster.blackhole();
    Await.until("the lonely sentinel sees the master down", Duration.ofSeconds(15), () -> events.stream()
        .anyMatch(e -> e.type().equals("+sdown") && e.message().startsWith("master mymaster 127.0.0.1 " + toMaster.address().getPort())));
    // The others see the master fine, so no quorum: wait until the lonely one has seen it down
    // for 3 s (three ask periods), then check nothing happened.
    Await.until("the lonely sentinel reports s-down-time over 3 s", Duration.ofSeconds(15), () -> {
      try (RespSocket c = RespSocket.connect(lonely.address())) {
        List<String> f = RespSocket.texts(c.call("SENTINEL", "MASTER", "mymaster"));
        int i = f.indexOf("s-down-time");
        return i >= 0 && Long.parseLong(f.get(i + 1)) > 3000;
      }
    });
    assertThat(events).extracting(SentinelEvent::type).doesNotContain("+odown", "+try-failover", "+switch-master");
    assertThat(role(master)).isEqualTo("master");
    toMaster.heal();
    Await.until("the master is back for the lonely sentinel", Duration.ofSeconds(15),
        () -> events.stream().anyMatch(e -> e.type().equals("-sdown")));
  }

  @Test
  void twoFailoversInARow() {
    dataNodes();
    for (int i = 0; i < 3; i++) {
      sentinel("127.0.0.1", master.port());
    }
    awaitDiscovery();
    master.kill();
    String first = "127.0.0.1:" + master.port();
    Await.until("first failover", Duration.ofSeconds(30), () -> {
      String m = agreedMaster();
      return m != null && !m.equals(first);
    });
    RedisServerProcess second = agreedMaster().endsWith(":" + r1.port()) ? r1 : r2;
    RedisServerProcess last = second == r1 ? r2 : r1;
    Await.until("the last replica follows the second master", Duration.ofSeconds(20), () -> {
      try (RespSocket c = RespSocket.connect(last.address())) {
        String i = RespSocket.text(c.call("INFO", "replication"));
        return i.contains("master_port:" + second.port()) && i.contains("master_link_status:up");
      }
    });
    second.kill();
    Await.until("second failover", Duration.ofSeconds(40), () -> ("127.0.0.1:" + last.port()).equals(agreedMaster()));
    assertThat(role(last)).isEqualTo("master");
  }

  @Test
  void restartedSentinelRemembersReplicasSentinelsAndEpoch(@TempDir Path dir) throws Exception {
    dataNodes();
    sentinel("127.0.0.1", master.port());
    sentinel("127.0.0.1", master.port());
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(conf, "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 2\n"
        + "sentinel down-after-milliseconds mymaster 1000\n");
    VigilSentinel first = keep(VigilSentinel.builder().configFile(conf).start());
    sentinels.add(first);
    awaitDiscovery();
    String id = first.myId();
    first.close();
    sentinels.remove(first);
    String saved = Files.readString(conf);
    assertThat(saved).contains("sentinel myid " + id, "sentinel known-replica mymaster 127.0.0.1 " + r1.port(),
        "sentinel known-sentinel mymaster 127.0.0.1");

    VigilSentinel again = keep(VigilSentinel.builder().configFile(conf).start());
    assertThat(again.myId()).isEqualTo(id);
    try (RespSocket c = RespSocket.connect(again.address())) {
      // known at once, before any INFO or hello could have arrived
      assertThat(((RespArray) c.call("SENTINEL", "REPLICAS", "mymaster")).size()).isEqualTo(2);
      assertThat(((RespArray) c.call("SENTINEL", "SENTINELS", "mymaster")).size()).isEqualTo(2);
    }
  }
}
