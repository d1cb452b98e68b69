package io.vigil.testkit.chaos.proxy;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real redis-server behind the proxy: commands pass, and each fault shows in what a client sees. */
class ChaosProxyRedisTest {

  private static RedisServerProcess redis;
  private ChaosProxy proxy;

  @BeforeAll
  static void startRedis() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().start();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterAll
  static void noBufferLeaked() {
    assertThat(NettyLeaks.collectReports()).doesNotContain("LEAK:");
  }

  @BeforeEach
  void startProxy() {
    proxy = ChaosProxy.builder(redis.address()).name("redis").start();
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  /** Reads the next reply, retrying read timeouts until {@code timeout} has passed. */
  private static String awaitReply(RespSocket socket, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return RespSocket.text(socket.read());
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof SocketTimeoutException) || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  @Test
  void pingSetAndGetPassThroughTheProxy() {
    try (RespSocket client = RespSocket.connect(proxy.address())) {
      assertThat(RespSocket.text(client.call("PING"))).isEqualTo("PONG");
      assertThat(RespSocket.text(client.call("SET", "proxied", "value"))).isEqualTo("OK");
      assertThat(RespSocket.text(client.call("GET", "proxied"))).isEqualTo("value");
    }
  }

  @Test
  void blackholedLinkMakesReadsTimeOutAndHealingDeliversTheReplyLate() {
    try (RespSocket client = RespSocket.connect(proxy.address(), Duration.ofMillis(300))) {
      client.send("PING");
      assertThat(awaitReply(client, Duration.ofSeconds(10))).isEqualTo("PONG");
      proxy.blackhole();
      assertThatThrownBy(() -> client.call("PING")).isInstanceOf(UncheckedIOException.class)
          .hasCauseInstanceOf(SocketTimeoutException.class);
      proxy.heal();
      assertThat(awaitReply(client, Duration.ofSeconds(10))).isEqualTo("PONG");
    }
  }

  @Test
  void blackholedRepliesLeaveTheWriteAppliedButItsOutcomeUnknownToTheClient() {
    try (RespSocket client = RespSocket.connect(proxy.address(), Duration.ofMillis(300));
        RespSocket direct = RespSocket.connect(redis.address())) {
      client.send("PING");
      assertThat(awaitReply(client, Duration.ofSeconds(10))).isEqualTo("PONG");
      proxy.blackhole(Direction.TARGET_TO_CLIENT);
      assertThatThrownBy(() -> client.call("SET", "unacknowledged", "applied"))
          .hasCauseInstanceOf(SocketTimeoutException.class);
      Await.until("redis applied the SET sent through the proxy", Duration.ofSeconds(10),
          () -> "applied".equals(RespSocket.text(direct.call("GET", "unacknowledged"))));
      proxy.heal();
      assertThat(awaitReply(client, Duration.ofSeconds(10))).isEqualTo("OK");
    }
  }

  @Test
  void delayAddsAtLeastTheDelayToEveryRoundTrip() {
    try (RespSocket client = RespSocket.connect(proxy.address())) {
      client.call("PING"); // connected and warm
      proxy.delay(Duration.ofMillis(75));
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        assertThat(RespSocket.text(client.call("PING"))).isEqualTo("PONG");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
      }
    }
  }

  @Test
  void dropMakesConnectsFailAndBreaksOpenConnectionsUntilHealed() {
    try (RespSocket client = RespSocket.connect(proxy.address())) {
      assertThat(RespSocket.text(client.call("PING"))).isEqualTo("PONG");
      proxy.drop();
      assertThatThrownBy(() -> client.call("PING")).isInstanceOf(UncheckedIOException.class);
    }
    assertThatThrownBy(() -> RespSocket.connect(proxy.address(), Duration.ofSeconds(1)))
        .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(ConnectException.class);
    proxy.heal();
    try (RespSocket client = RespSocket.connect(proxy.address())) {
      assertThat(RespSocket.text(client.call("PING"))).isEqualTo("PONG");
    }
  }
}
