package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.PubSubListener;
import io.vigil.driver.Transaction;
import io.vigil.driver.VigilClient;
import io.vigil.driver.VigilException;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientLifecycleTest {

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

  private static Set<Thread> ioThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("vigil-io") && t.isAlive())
        .collect(Collectors.toSet());
  }

  @Test
  void closeStopsEveryIoThreadAndConnection() {
    Set<Thread> others = ioThreads(); // other clients' threads in this JVM are not ours to judge
    VigilClient client = RedisFixture.client(redis).connectionsPerNode(2).build();
    client.set("k", "v");
    client.blpop(Duration.ofMillis(10), "empty");
    client.subscribe((ch, m) -> { }, "c");
    try (Transaction<String, String> tx = client.transaction()) {
      tx.exec(q -> q.get("k"));
    }

    Set<Thread> ours = ioThreads();
    ours.removeAll(others);
    assertThat(ours).as("the client's I/O threads while it runs").isNotEmpty();

    client.close();

    Poll.until(Duration.ofSeconds(5), "none of the client's vigil-io threads is left",
        () -> ours.stream().noneMatch(Thread::isAlive));
    try (VigilClient probe = RedisFixture.client(redis).build()) {
      Poll.until(Duration.ofSeconds(5), "the server sees only the probe's connections",
          () -> probe.info("clients").contains("connected_clients:1\r"));
    }
  }

  @Test
  void commandsAfterCloseFailAsNotSent() {
    VigilClient client = RedisFixture.client(redis).build();
    client.ping();
    client.close();

    assertThatThrownBy(() -> client.get("k")).isInstanceOf(CommandNotSentException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void commandInFlightDuringCloseFailsInsteadOfHanging() {
    VigilClient client = RedisFixture.client(redis).build();
    client.ping();
    CompletableFuture<?> blocked = client.async().blpop(Duration.ofSeconds(30), "nothing").toCompletableFuture();

    client.close();

    assertThatThrownBy(blocked::join).hasCauseInstanceOf(VigilException.class);
  }

  @Test
  void exclusiveConnectionLimitIsEnforcedWithAMessageNamingTheSetting() {
    try (VigilClient client = RedisFixture.client(redis).maxExclusiveConnections(1).build()) {
      CompletableFuture<?> holding = client.async().blpop(Duration.ofSeconds(2), "limit:a").toCompletableFuture();
      Poll.until(Duration.ofSeconds(5), "the first BLPOP holds its connection",
          () -> client.info("clients").contains("blocked_clients:1"));

      assertThatThrownBy(() -> client.blpop(Duration.ofSeconds(1), "limit:b"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("all 1 exclusive connections")
          .hasMessageContaining("maxExclusiveConnections");

      client.rpush("limit:a", "x");
      holding.join();
      assertThat(client.blpop(Duration.ofMillis(50), "limit:a", "limit:b")).as("the lease came back").isNull();
    }
  }

  @Test
  void listenerThatThrowsDoesNotBreakTheSubscription() {
    try (VigilClient client = RedisFixture.client(redis).build()) {
      java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      PubSubListener<String, String> listener = (ch, m) -> {
        seen.add(m);
        if (m.equals("boom")) {
          throw new IllegalStateException("listener bug");
        }
      };
      client.subscribe(listener, "c");
      client.publish("c", "boom");
      client.publish("c", "after");

      Poll.until(Duration.ofSeconds(5), "both messages reached the listener", () -> seen.size() == 2);
    }
  }
}
