package io.vigil.testkit.sentinel;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.sentinel.event.SentinelEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three Java sentinels manage real redis-server processes through a failover. */
class JavaSentinelRealRedisTest {

  private final List<AutoCloseable> resources = new ArrayList<>();

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

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }


  private static String masterOf(VigilSentinel s) {
    InetSocketAddress a = s.masterAddress("mymaster");
    return a.getHostString() + ":" + a.getPort();
  }

  @Test
  void sentinelDiscoversReplicasAndAnswersLikeRedis() {
    RedisServerProcess master = keep(RedisServerProcess.builder().start());
    keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start());
    VigilSentinel sentinel = keep(VigilSentinel.builder().monitor("mymaster", "127.0.0.1", master.port(), 1).start());
    try (RespSocket s = RespSocket.connect(sentinel.address())) {
      Await.until("the replica to be discovered", Duration.ofSeconds(15),
          () -> RespSocket.texts(s.call("SENTINEL", "REPLICAS", "mymaster")).size() > 0);
      List<String> fields = RespSocket.texts(s.call("SENTINEL", "MASTER", "mymaster"));
      assertThat(fields.subList(0, 6)).containsExactly("name", "mymaster", "ip", "127.0.0.1", "port",
          Integer.toString(master.port()));
      assertThat(fields).contains("flags", "master", "quorum", "1", "num-slaves");
      assertThat(RespSocket.texts(s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster")))
          .containsExactly("127.0.0.1", Integer.toString(master.port()));
      assertThat(s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "nosuch").isNull()).isTrue();
      assertThat(RespSocket.text(s.call("SENTINEL", "MASTER", "nosuch"))).isEqualTo("ERR No such master with that name");
      assertThat(RespSocket.text(s.call("SENTINEL", "MYID"))).isEqualTo(sentinel.myId());
      RespValue role = s.call("ROLE");
      assertThat(RespSocket.text(((io.vigil.resp.RespArray) role).get(0))).isEqualTo("sentinel");
      assertThat(RespSocket.text(s.call("INFO", "sentinel"))).contains("sentinel_masters:1",
          "master0:name=mymaster,status=ok,address=127.0.0.1:" + master.port() + ",slaves=1,sentinels=1");
      assertThat(RespSocket.text(s.call("PUBLISH", "other", "x")))
          .isEqualTo("ERR Only HELLO messages are accepted by Sentinel instances.");
      assertThat(RespSocket.text(s.call("GET", "k"))).startsWith("ERR unknown command 'GET'");
    }
  }

  @Test
  void killedMasterIsReplacedAndReturnsAsReplica() {
    RedisServerProcess master = keep(RedisServerProcess.builder().start());
    RedisServerProcess r1 = keep(RedisServerProcess.builder()
        .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start());
    RedisServerProcess r2 = keep(RedisServerProcess.builder()
        .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start());
    List<VigilSentinel> sentinels = new ArrayList<>();
    List<SentinelEvent> events = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      VigilSentinel s = keep(VigilSentinel.builder()
          .monitor("mymaster", "127.0.0.1", master.port(), 2)
          .downAfter("mymaster", Duration.ofMillis(1000))
          .failoverTimeout("mymaster", Duration.ofSeconds(10))
          .start());
      s.onEvent(events::add);
      sentinels.add(s);
    }
    Await.until("every sentinel sees both replicas and both peers", Duration.ofSeconds(30), () -> sentinels.stream()
        .allMatch(s -> {
          try (RespSocket c = RespSocket.connect(s.address())) {
            return RespSocket.text(c.call("INFO", "sentinel")).contains("slaves=2,sentinels=3");
          }
        }));
    try (RespSocket m = RespSocket.connect(master.address())) {
      assertThat(RespSocket.text(m.call("SET", "acked", "before-kill"))).isEqualTo("OK");
    }
    Await.until("both replicas have the write", Duration.ofSeconds(15), () -> List.of(r1, r2).stream().allMatch(r -> {
      try (RespSocket c = RespSocket.connect(r.address())) {
        return "before-kill".equals(RespSocket.text(c.call("GET", "acked")));
      }
    }));
    String oldMaster = "127.0.0.1:" + master.port();
    master.kill();

    Await.until("all sentinels agree on a new master", Duration.ofSeconds(30), () -> {
      Set<String> seen = new HashSet<>();
      sentinels.forEach(s -> seen.add(masterOf(s)));
      return seen.size() == 1 && !seen.contains(oldMaster);
    });
    String newMaster = masterOf(sentinels.get(0));
    RedisServerProcess promoted = newMaster.endsWith(":" + r1.port()) ? r1 : r2;
    RedisServerProcess other = promoted == r1 ? r2 : r1;
    assertThat(events).extracting(SentinelEvent::type).contains("+sdown", "+odown", "+elected-leader",
        "+promoted-slave", "+switch-master");
    try (RespSocket p = RespSocket.connect(promoted.address()); RespSocket o = RespSocket.connect(other.address())) {
      assertThat(RespSocket.text(((io.vigil.resp.RespArray) p.call("ROLE")).get(0))).isEqualTo("master");
      assertThat(RespSocket.text(p.call("GET", "acked"))).isEqualTo("before-kill");
      Await.until("the other replica follows the new master", Duration.ofSeconds(15), () ->
          RespSocket.text(o.call("INFO", "replication")).contains("master_port:" + promoted.port()));
    }

    RedisServerProcess returning = keep(master.restart());
    Await.until("the old master is converted into a replica", Duration.ofSeconds(40), () -> {
      try (RespSocket c = RespSocket.connect(returning.address())) {
        return RespSocket.text(c.call("INFO", "replication")).contains("master_port:" + promoted.port());
      }
    });
    // the event is published just after the command is sent, so it may trail what INFO shows
    Await.until("+convert-to-slave", Duration.ofSeconds(10),
        () -> events.stream().anyMatch(e -> e.type().equals("+convert-to-slave")));
  }
}
