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
}
