package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespValue;
import io.vigil.testkit.Await;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blocked stream readers end as in redis-server 7.0 when something other than an XADD ends
 * them: CLIENT UNBLOCK (a timeout's null reply, or -UNBLOCKED with ERROR), and a master turned
 * replica, which fails every blocked client (stream readers and list pops alike) with -UNBLOCKED
 * and closes it. Each case runs on both servers and the replies must be the same.
 */
class StreamBlockingTest {

  @Test
  void clientUnblockEndsABlockedReadAsRedisDoes() {
    RealRedis.requireServer();
    try (RedisServerProcess redis = RedisServerProcess.builder().directive("save", "").start();
        VigilServer vigil = VigilServer.builder().start()) {
      assertThat(unblocked(vigil.address())).isEqualTo(unblocked(redis.address()));
    }
  }

  @Test
  void demotedMasterFailsAndClosesEveryBlockedClientAsRedisDoes() {
    RealRedis.requireServer();
    try (RedisServerProcess redis = RedisServerProcess.builder().directive("save", "").start();
        VigilServer vigil = VigilServer.builder().start();
        RedisServerProcess newMaster = RedisServerProcess.builder().directive("save", "").start()) {
      List<String> expected = demoted(redis.address(), newMaster.address());
      assertThat(expected).hasSize(6).allMatch(s -> !s.isEmpty());
      assertThat(demoted(vigil.address(), newMaster.address())).isEqualTo(expected);
    }
  }

  private static List<String> unblocked(InetSocketAddress address) {
    List<String> seen = new ArrayList<>();
    try (RespTestClient control = new RespTestClient(address);
        RespTestClient reader = new RespTestClient(address)) {
      control.call("FLUSHALL");
      control.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
      long id = ((RespInteger) reader.call("CLIENT", "ID")).value();
      reader.send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
      awaitBlocked(control, 1);
      seen.add(String.valueOf(control.call("CLIENT", "UNBLOCK", Long.toString(id), "TIMEOUT")));
      seen.add(DifferentialTest.show(reader.read()));
      reader.send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
      awaitBlocked(control, 1);
      seen.add(String.valueOf(control.call("CLIENT", "UNBLOCK", Long.toString(id), "ERROR")));
      seen.add(DifferentialTest.show(reader.read()));
      seen.add(String.valueOf(control.call("CLIENT", "UNBLOCK", Long.toString(id))));
    }
    return seen;
  }

  private static List<String> demoted(InetSocketAddress address, InetSocketAddress newMaster) {
    List<String> seen = new ArrayList<>();
    try (RespTestClient control = new RespTestClient(address);
        RespTestClient streamReader = new RespTestClient(address);
        RespTestClient groupReader = new RespTestClient(address);
        RespTestClient pop = new RespTestClient(address)) {
      control.call("FLUSHALL");
      control.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
      streamReader.send("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
      awaitBlocked(control, 1);
      groupReader.send("XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
      awaitBlocked(control, 2);
      pop.send("BLPOP", "list", "0");
      awaitBlocked(control, 3);
      control.call("REPLICAOF", newMaster.getHostString(), Integer.toString(newMaster.getPort()));
      for (RespTestClient c : List.of(streamReader, groupReader, pop)) {
        seen.add(DifferentialTest.show(c.read()));
        seen.add(c.closedByServer() ? "closed" : "open");
      }
      control.call("REPLICAOF", "NO", "ONE");
    }
    return seen;
  }

  private static void awaitBlocked(RespTestClient client, int n) {
    Await.until(n + " blocked clients", Duration.ofSeconds(5), () -> {
      RespValue info = client.call("INFO", "clients");
      return info instanceof RespBulkString b && b.asString().contains("blocked_clients:" + n + "\r\n");
    });
  }
}
