package io.vigil.driver.it;

import io.vigil.driver.VigilClient;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;

/** One real redis-server per test class and clients pointed at it. */
final class RedisFixture {

  private RedisFixture() {}

  /** Starts a server (skips or fails, as {@link RealRedis} says, when there is none). */
  static RedisServerProcess start(String... directives) {
    RealRedis.requireServer();
    RedisServerProcess.Builder b = RedisServerProcess.builder().directive("enable-debug-command", "yes");
    for (int i = 0; i + 1 < directives.length; i += 2) {
      b.directive(directives[i], directives[i + 1]);
    }
    return b.start();
  }

  /** A builder for a client of {@code redis} with short timeouts. */
  static VigilClient.Builder client(RedisServerProcess redis) {
    return VigilClient.builder().node(redis.host(), redis.port())
        .commandTimeout(Duration.ofSeconds(2)).connectTimeout(Duration.ofSeconds(2));
  }

  /**
   * {@code client} once its first connection is up and answering, for tests whose short command
   * timeout is about the commands they send, not the connect: on a loaded machine the handshake
   * and the command-table load can take longer than such a timeout.
   */
  static VigilClient connected(VigilClient client) {
    Poll.until(Duration.ofSeconds(10), "the client's first connection answers", () -> {
      try {
        return "PONG".equals(client.ping());
      } catch (RuntimeException e) {
        return false;
      }
    });
    return client;
  }
}
