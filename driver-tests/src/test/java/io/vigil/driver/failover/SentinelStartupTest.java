package io.vigil.driver.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.VigilClient;
import io.vigil.driver.VigilException;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start-up errors and deadline errors, with a fake sentinel in front of at most one redis-server. */
class SentinelStartupTest {

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
      client.set("k", "v"); // one sentinel of one names it and it says ROLE master: confirmed
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
}
