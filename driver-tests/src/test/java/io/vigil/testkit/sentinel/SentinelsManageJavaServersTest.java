package io.vigil.testkit.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.Await;
import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three real {@code redis-sentinel}s manage Java data servers (separate processes) through a
 * failover: this proves the Java server's INFO, ROLE, hello relay, replication and Sentinel's
 * reconfiguration transaction to the real judge. The same with Java sentinels: the whole stack
 * in Java.
 */
class SentinelsManageJavaServersTest {

  @BeforeAll
  static void requireSentinel() {
    RealRedis.require("redis-sentinel");
  }

  private static Set<String> mastersSeen(Topology topology) {
    Set<String> seen = new HashSet<>();
    for (InetSocketAddress s : topology.sentinelAddresses()) {
      try (RespSocket c = RespSocket.connect(s)) {
        List<String> a = RespSocket.texts(c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", topology.masterName()));
        seen.add(a.get(0) + ":" + a.get(1));
      }
    }
    return seen;
  }

  @ParameterizedTest(name = "{0} sentinels")
  @EnumSource(value = NodeKind.class, names = {"REAL", "JAVA"})
  void sentinelsFailOverJavaServers(NodeKind sentinels) {
    try (Topology topology = Topology.builder()
        .replicas(2).sentinels(3)
        .dataNodes(NodeKind.JAVA_PROCESS).sentinelNodes(sentinels)
        .downAfter(Duration.ofMillis(1000)).failoverTimeout(Duration.ofSeconds(6))
        .start()) {
      topology.awaitHealthy(Duration.ofSeconds(60));
      Node master = topology.currentMaster();
      assertThat(RespSocket.text(master.call("SET", "acked", "before-kill"))).isEqualTo("OK");
      Await.until("the write on every replica", Duration.ofSeconds(15), () -> topology.dataNodes().stream()
          .filter(n -> !n.equals(master))
          .allMatch(n -> "before-kill".equals(RespSocket.text(n.call("GET", "acked")))));

      master.kill();
      Node promoted = topology.awaitFailover(master, Duration.ofSeconds(40));
      Await.until("all real sentinels agree on the promoted Java server", Duration.ofSeconds(30), () ->
          mastersSeen(topology).equals(Set.of(promoted.announcedAddress().getHostString() + ":"
              + promoted.announcedAddress().getPort())));
      assertThat(promoted.role()).isEqualTo("master");
      assertThat(RespSocket.text(promoted.call("GET", "acked"))).isEqualTo("before-kill");
      Node other = topology.dataNodes().stream().filter(n -> !n.equals(master) && !n.equals(promoted))
          .findFirst().orElseThrow();
      Await.until("the other Java replica follows the promoted one", Duration.ofSeconds(30), () ->
          RespSocket.text(other.call("INFO", "replication"))
              .contains("master_port:" + promoted.announcedAddress().getPort() + "\r\n"));

      master.restart();
      Await.until("the old Java master is converted into a replica", Duration.ofSeconds(40),
          () -> master.isAlive() && master.role().equals("slave"));
      Await.until("the old master has the data written after the failover", Duration.ofSeconds(20), () -> {
        promoted.call("SET", "after", "failover");
        return "failover".equals(RespSocket.text(master.call("GET", "after")));
      });
    }
  }
}
