package io.vigil.driver.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.Endpoint;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.VigilClient;
import io.vigil.driver.VigilException;
import io.vigil.testkit.chaos.proxy.ChaosProxy;
import io.vigil.testkit.chaos.proxy.Direction;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start-up errors, deadline errors, {@code READONLY} and outcome-unknown handling, with a scripted
 * sentinel ({@link LyingSentinel}) naming whichever node the test wants.
 */
class ScriptedSentinelTest {

  /** A loopback port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void unreachableSentinelsAreReportedTogether() throws IOException {
    int a = closedPort();
    int b = closedPort();
    assertThatThrownBy(() -> VigilClient.builder().sentinels("127.0.0.1:" + a + ",127.0.0.1:" + b)
        .masterName("mymaster").connectTimeout(Duration.ofSeconds(1)).build())
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1:" + a)
        .hasMessageContaining("127.0.0.1:" + b)
        .hasMessageContaining("mymaster");
  }

  @Test
  void masterNameNoSentinelKnowsFailsAtBuildTime() throws Exception {
    try (LyingSentinel knowsOnlyMymaster = new LyingSentinel(closedPort())) {
      assertThatThrownBy(() -> VigilClient.builder().sentinels("127.0.0.1:" + knowsOnlyMymaster.port())
          .masterName("other").connectTimeout(Duration.ofSeconds(1)).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no sentinel knows a master named 'other'");
    }
  }

  @Test
  void commandPastItsDeadlineNamesTheLostMasterAndTheSentinelReports() throws Exception {
    int dead = closedPort();
    try (LyingSentinel sentinel = new LyingSentinel(dead);
        VigilClient client = VigilClient.builder().sentinels("127.0.0.1:" + sentinel.port()).masterName("mymaster")
            .connectTimeout(Duration.ofMillis(300)).commandTimeout(Duration.ofMillis(300)).build()) {
      assertThat(client.currentMaster()).isNull();
      assertThatThrownBy(() -> client.set("k", "v"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("SET was not sent within its deadline")
          .hasMessageContaining("master 'mymaster' (named 127.0.0.1:" + dead + ") is not confirmed since start-up")
          .hasMessageContaining("sentinels reported: 127.0.0.1:" + sentinel.port() + " -> 127.0.0.1:" + dead);
    }
  }

  @Test
  void commandPastItsDeadlineAfterALossSaysWhichMasterWasLostAndSinceWhen() throws Exception {
    RealRedis.requireServer();
    RedisServerProcess lonely = RedisServerProcess.builder().start();
    try (LyingSentinel sentinel = new LyingSentinel(lonely.port());
        VigilClient client = VigilClient.builder().sentinels("127.0.0.1:" + sentinel.port()).masterName("mymaster")
            .commandTimeout(Duration.ofMillis(300)).build()) {
      // one sentinel of one names it and it says ROLE master: confirmed; the first write may wait
      // for the connection longer than 300 ms on a loaded machine
      io.vigil.testkit.Await.until("a first write", Duration.ofSeconds(10), () -> {
        try {
          return "OK".equals(client.set("k", "v"));
        } catch (VigilException e) {
          return false;
        }
      });
      lonely.kill();
      assertThatThrownBy(() -> client.set("k", "v2"))
          .isInstanceOf(VigilException.class)
          .hasMessageContaining("master 'mymaster' at 127.0.0.1:" + lonely.port() + " was lost at ")
          .hasMessageContaining("ms ago")
          .hasMessageContaining("sentinels reported: 127.0.0.1:" + sentinel.port() + " -> 127.0.0.1:" + lonely.port());
    } finally {
      lonely.close();
    }
  }

  @Test
  void readonlyReplyMovesWritesToTheNodeTheSentinelNowNames() throws Exception {
    RealRedis.requireServer();
    try (RedisServerProcess first = RedisServerProcess.builder().start();
        RedisServerProcess second = RedisServerProcess.builder().start();
        LyingSentinel sentinel = new LyingSentinel(first.port());
        VigilClient client = VigilClient.builder().sentinels("127.0.0.1:" + sentinel.port()).masterName("mymaster")
            .commandTimeout(Duration.ofSeconds(5)).build()) {
      client.set("before", "1");
      // Demote the master without closing any client connection; only READONLY tells the client.
      try (RespSocket admin = RespSocket.connect(first.address())) {
        admin.call("REPLICAOF", "127.0.0.1", Integer.toString(second.port()));
      }
      sentinel.lieAbout(second.port());
      client.set("after", "2"); // READONLY from the demoted node, then retried on the new master
      assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", second.port()));
      try (RespSocket s = RespSocket.connect(second.address())) {
        assertThat(RespSocket.text(s.call("GET", "after"))).isEqualTo("2");
      }
    }
  }

  @Test
  void inFlightIncrFailsAsOutcomeUnknownUnlessThePolicyAcceptsDuplicates() throws Exception {
    RealRedis.requireServer();
    try (RedisServerProcess node = RedisServerProcess.builder().start();
        ChaosProxy proxy = ChaosProxy.start(node.address());
        LyingSentinel sentinel = new LyingSentinel(proxy.port());
        VigilClient client = VigilClient.builder().sentinels("127.0.0.1:" + sentinel.port()).masterName("mymaster")
            .commandTimeout(Duration.ofSeconds(5)).build()) {
      client.set("n", "0");
      proxy.blackhole(Direction.TARGET_TO_CLIENT); // the server applies them; the replies are held
      long before = proxy.bytesReceived(Direction.CLIENT_TO_TARGET);
      CompletableFuture<Long> plain = client.async().incr("n").toCompletableFuture();
      CompletableFuture<Long> duplicable = client.withRetry(RetryPolicy.builder().acceptDuplicates(true).build())
          .async().incr("n").toCompletableFuture();
      int incrBytes = "*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n".length();
      SentinelStack.await("both INCRs on the wire", Duration.ofSeconds(5),
          () -> proxy.bytesReceived(Direction.CLIENT_TO_TARGET) >= before + 2L * incrBytes);
      proxy.drop(); // the master's connections die with both INCRs in flight

      assertThatThrownBy(() -> plain.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(OutcomeUnknownException.class);
      proxy.heal();
      assertThat(duplicable.get(5, TimeUnit.SECONDS)).isEqualTo(3L); // applied twice: its policy allowed it
      assertThat(client.get("n")).isEqualTo("3");
    }
  }

  @Test
  void sentinelsAndDataNodesUseTheirOwnCredentials() throws Exception {
    RealRedis.requireServer();
    try (RedisServerProcess node = RedisServerProcess.builder().start();
        LyingSentinel sentinel = new LyingSentinel(node.port(), "sentinel-secret")) {
      try (RespSocket admin = RespSocket.connect(node.address())) {
        admin.call("CONFIG", "SET", "requirepass", "data-secret"); // after start: the kit waits for PONG
      }
      VigilClient.Builder builder = VigilClient.builder().sentinels("127.0.0.1:" + sentinel.port())
          .masterName("mymaster").password("data-secret").sentinelCredentials(null, "sentinel-secret");
      try (VigilClient client = builder.build()) {
        client.set("k", "v");
        assertThat(client.get("k")).isEqualTo("v");
      }
      assertThat(builder.toString()).doesNotContain("secret");
      assertThatThrownBy(() -> VigilClient.builder().sentinels("127.0.0.1:" + sentinel.port()).masterName("mymaster")
          .password("data-secret").connectTimeout(Duration.ofSeconds(1)).build())
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("NOAUTH")
          .hasMessageNotContaining("secret");
    }
  }

  @Test
  void pollFindsAMasterChangeNoEventAnnounced() throws Exception {
    RealRedis.requireServer();
    try (RedisServerProcess first = RedisServerProcess.builder().start();
        RedisServerProcess second = RedisServerProcess.builder().start();
        LyingSentinel sentinel = new LyingSentinel(first.port());
        VigilClient client = VigilClient.builder().sentinels("127.0.0.1:" + sentinel.port()).masterName("mymaster")
            .sentinelPollInterval(Duration.ofMillis(100)).build()) {
      assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", first.port()));
      sentinel.lieAbout(second.port()); // the only sentinel now names another master, silently
      SentinelStack.await("the poll to move the client", Duration.ofSeconds(5),
          () -> Endpoint.of("127.0.0.1", second.port()).equals(client.currentMaster()));
      client.set("moved", "yes");
      try (RespSocket s = RespSocket.connect(second.address())) {
        assertThat(RespSocket.text(s.call("GET", "moved"))).isEqualTo("yes");
      }
    }
  }
}
