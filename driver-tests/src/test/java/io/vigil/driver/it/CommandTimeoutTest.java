package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommandTimeoutTest {

  static RedisServerProcess redis;

  @BeforeAll
  static void start() {
    redis = RedisFixture.start();
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void slowServerTimesTheCommandOutAndTheConnectionRecoversForTheNextOne() {
    try (VigilClient client = RedisFixture.connected(RedisFixture.client(redis).commandTimeout(Duration.ofMillis(300)).build())) {
      client.set("k", "v");
      long start = System.nanoTime();

      assertThatThrownBy(() -> client.execute("DEBUG", "SLEEP", "0.45"))
          .isInstanceOf(CommandTimeoutException.class)
          .hasMessageContaining("DEBUG on 127.0.0.1:" + redis.port())
          .hasMessageContaining("300 ms")
          .satisfies(e -> assertThat(((CommandTimeoutException) e).written()).isTrue());
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(tookMillis).as("not before the deadline").isGreaterThanOrEqualTo(250L);

      // The server is still asleep; when it wakes, DEBUG's late reply is discarded and GET gets its own.
      assertThat(client.get("k")).isEqualTo("v");
    }
  }

  @Test
  void asyncCommandTimesOutToo() {
    try (VigilClient client = RedisFixture.connected(RedisFixture.client(redis).commandTimeout(Duration.ofMillis(300)).build())) {
      CompletableFuture<?> slow = client.async().execute("DEBUG", "SLEEP", "0.45").toCompletableFuture();

      assertThatThrownBy(slow::join).hasCauseInstanceOf(CommandTimeoutException.class);
      assertThat(client.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void frozenServerTimesCommandsOutInsteadOfHanging() {
    try (RedisServerProcess frozen = RedisFixture.start();
        VigilClient client = RedisFixture.connected(RedisFixture.client(frozen).commandTimeout(Duration.ofMillis(200)).build())) {
      client.set("k", "v");
      frozen.freeze();
      try {
        assertThatThrownBy(() -> client.get("k")).isInstanceOf(CommandTimeoutException.class);
      } finally {
        frozen.thaw();
      }
      Poll.until(Duration.ofSeconds(5), "the thawed server answers", () -> {
        try {
          return "v".equals(client.get("k"));
        } catch (CommandTimeoutException e) {
          return false;
        }
      });
    }
  }
}
