package io.vigil.testkit.sentinel;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
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

/**
 * Two real {@code redis-sentinel}s and one Java sentinel in one quorum: they must discover each
 * other through hellos, agree the master is down, elect a leader of either kind and all follow
 * the promotion.
 */
class MixedSentinelQuorumTest {

  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void requireRedis() {
    RealRedis.requireServer();
    RealRedis.require("redis-sentinel");
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


  private static String masterSeenBy(InetSocketAddress sentinel) {
    try (RespSocket s = RespSocket.connect(sentinel)) {
      List<String> addr = RespSocket.texts(s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster"));
      return addr.get(0) + ":" + addr.get(1);
    }
  }

  private static String sentinelInfo(InetSocketAddress sentinel) {
    try (RespSocket s = RespSocket.connect(sentinel)) {
      return RespSocket.text(s.call("INFO", "sentinel"));
    }
  }

  @Test
  void realAndJavaSentinelsFailOverTogether(@TempDir Path dir) throws Exception {
    RedisServerProcess master = keep(RedisServerProcess.builder().start());
    List<RedisServerProcess> replicas = List.of(
        keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()),
        keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()));
    List<InetSocketAddress> sentinels = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path conf = dir.resolve("sentinel-" + i + ".conf");
      Files.writeString(conf, String.join("\n",
          "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 2",
          "sentinel down-after-milliseconds mymaster 1000",
          "sentinel failover-timeout mymaster 10000", ""));
      RedisServerProcess real = keep(RedisServerProcess.sentinelBuilder().configFile(conf)
          .directory(dir.resolve("s" + i)).start());
      sentinels.add(real.address());
    }
    List<SentinelEvent> javaEvents = new CopyOnWriteArrayList<>();
    VigilSentinel java = keep(VigilSentinel.builder()
        .monitor("mymaster", "127.0.0.1", master.port(), 2)
        .downAfter("mymaster", Duration.ofMillis(1000))
        .failoverTimeout("mymaster", Duration.ofSeconds(10))
        .start());
    java.onEvent(javaEvents::add);
    sentinels.add(java.address());

    Await.until("all three sentinels know each other and both replicas", Duration.ofSeconds(40), () ->
        sentinels.stream().allMatch(s -> sentinelInfo(s).contains("slaves=2,sentinels=3")));
    try (RespSocket real = RespSocket.connect(sentinels.get(0))) {
      List<String> peers = new ArrayList<>();
      for (var v : ((RespArray) real.call("SENTINEL", "SENTINELS", "mymaster")).elements()) {
        peers.addAll(RespSocket.texts(v));
      }
      assertThat(peers).as("the real sentinel knows the Java one by its id").contains(java.myId());
    }

    String oldMaster = "127.0.0.1:" + master.port();
    master.kill();
    Await.until("all sentinels agree on a promoted replica", Duration.ofSeconds(40), () -> {
      Set<String> seen = new HashSet<>();
      sentinels.forEach(s -> seen.add(masterSeenBy(s)));
      return seen.size() == 1 && !seen.contains(oldMaster);
    });
    String newMaster = masterSeenBy(sentinels.get(2));
    RedisServerProcess promoted = replicas.stream().filter(r -> newMaster.endsWith(":" + r.port())).findFirst()
        .orElseThrow();
    try (RespSocket p = RespSocket.connect(promoted.address())) {
      assertThat(RespSocket.text(((RespArray) p.call("ROLE")).get(0))).isEqualTo("master");
    }
    Await.until("the Java sentinel's own +switch-master", Duration.ofSeconds(30),
        () -> javaEvents.stream().anyMatch(e -> e.type().equals("+switch-master")));
    assertThat(javaEvents).extracting(SentinelEvent::type).contains("+sdown");
  }
}
