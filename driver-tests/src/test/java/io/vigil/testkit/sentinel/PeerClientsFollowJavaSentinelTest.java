package io.vigil.testkit.sentinel;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisSentinelPool;

/**
 * Jedis's {@code JedisSentinelPool} and Lettuce's {@code MasterReplica} are real Sentinel
 * clients: they must find the master through Java sentinels and follow the failover those
 * sentinels perform.
 */
class PeerClientsFollowJavaSentinelTest {

  private static final List<AutoCloseable> resources = new ArrayList<>();
  private static RedisServerProcess master;
  private static List<RedisServerProcess> replicas;
  private static List<VigilSentinel> sentinels;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    master = keep(RedisServerProcess.builder().start());
    replicas = List.of(
        keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()),
        keep(RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()));
    sentinels = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sentinels.add(keep(VigilSentinel.builder()
          .monitor("mymaster", "127.0.0.1", master.port(), 2)
          .downAfter("mymaster", Duration.ofMillis(1000))
          .failoverTimeout("mymaster", Duration.ofSeconds(10))
          .start()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private static <T extends AutoCloseable> T keep(T r) {
    resources.add(r);
    return r;
  }


  private static String agreedMaster() {
    Set<String> seen = new HashSet<>();
    for (VigilSentinel s : sentinels) {
      InetSocketAddress a = s.masterAddress("mymaster");
      seen.add(a.getHostString() + ":" + a.getPort());
    }
    return seen.size() == 1 ? seen.iterator().next() : null;
  }

  @Test
  void jedisAndLettuceFollowAFailoverDoneByJavaSentinels() {
    Set<String> sentinelAddresses = new HashSet<>();
    for (VigilSentinel s : sentinels) {
      sentinelAddresses.add("127.0.0.1:" + s.port());
    }
    RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId("mymaster");
    for (VigilSentinel s : sentinels) {
      uri.withSentinel("127.0.0.1", s.port());
    }
    RedisClient lettuce = RedisClient.create();
    try (JedisSentinelPool pool = new JedisSentinelPool("mymaster", sentinelAddresses, new JedisPoolConfig());
        StatefulRedisMasterReplicaConnection<String, String> conn =
            MasterReplica.connect(lettuce, StringCodec.UTF8, uri.build())) {
      assertThat(pool.getCurrentHostMaster().getPort()).isEqualTo(master.port());
      try (Jedis j = pool.getResource()) {
        assertThat(j.set("before", "1")).isEqualTo("OK");
      }
      assertThat(conn.sync().set("before-lettuce", "1")).isEqualTo("OK");

      Await.until("every sentinel knows both replicas and both peers", Duration.ofSeconds(30), () -> sentinels.stream()
          .allMatch(s -> {
            try (var c = io.vigil.testkit.process.RespSocket.connect(s.address())) {
              return io.vigil.testkit.process.RespSocket.text(c.call("INFO", "sentinel"))
                  .contains("slaves=2,sentinels=3");
            }
          }));
      String old = "127.0.0.1:" + master.port();
      Await.until("both replicas in sync", Duration.ofSeconds(15), () -> replicas.stream().allMatch(r -> {
        try (Jedis d = new Jedis("127.0.0.1", r.port())) {
          return "1".equals(d.get("before")) && "1".equals(d.get("before-lettuce"));
        }
      }));
      master.kill();
      Await.until("the sentinels agree on a new master", Duration.ofSeconds(30), () -> {
        String m = agreedMaster();
        return m != null && !m.equals(old);
      });
      int newPort = Integer.parseInt(agreedMaster().split(":")[1]);

      Await.until("Jedis follows +switch-master", Duration.ofSeconds(15),
          () -> pool.getCurrentHostMaster().getPort() == newPort);
      try (Jedis j = pool.getResource()) {
        assertThat(j.set("after", "1")).isEqualTo("OK");
        assertThat(j.get("before")).isEqualTo("1");
      }
      Await.until("Lettuce writes to the new master", Duration.ofSeconds(30), () -> {
        try {
          return "OK".equals(conn.sync().set("after-lettuce", "1"));
        } catch (RuntimeException stillFailingOver) {
          return false;
        }
      });
      RedisServerProcess promoted = replicas.stream().filter(r -> r.port() == newPort).findFirst().orElseThrow();
      try (Jedis direct = new Jedis("127.0.0.1", promoted.port())) {
        assertThat(direct.get("after-lettuce")).isEqualTo("1");
        assertThat(direct.get("before-lettuce")).isEqualTo("1");
      }
    } finally {
      lettuce.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
