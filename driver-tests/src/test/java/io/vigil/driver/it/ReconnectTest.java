package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.PubSubListener;
import io.vigil.driver.Subscription;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReconnectTest {

  private static VigilClient.Builder client(RedisServerProcess redis) {
    return RedisFixture.client(redis).reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(50));
  }

  @Test
  void clientServesCommandsAgainAfterTheServerIsKilledAndRestarted() {
    RedisServerProcess redis = RedisFixture.start();
    RedisServerProcess restarted = null;
    try (VigilClient client = client(redis).build()) {
      client.set("before", "1");
      redis.kill();
      restarted = redis.restart();

      // Waits for the reconnect within its command timeout, then runs on the new process.
      assertThat(client.set("after", "2")).isEqualTo("OK");
      assertThat(client.get("after")).isEqualTo("2");
      assertThat(client.get("before")).isNull(); // no persistence: the data died with the process
    } finally {
      redis.close();
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  @Test
  void commandInFlightWhenTheServerDiesHasAnUnknownOutcome() {
    try (RedisServerProcess redis = RedisFixture.start(); VigilClient client = client(redis).build()) {
      client.ping();
      CompletableFuture<?> inFlight = client.async().execute("DEBUG", "SLEEP", "5").toCompletableFuture();
      Poll.until(Duration.ofSeconds(4), "DEBUG SLEEP is running", () -> {
        // The server answers nothing while it sleeps; a raw socket probe would block, so wait on the log instead.
        return inFlight.isDone() || redisIsBusy(redis);
      });

      redis.kill();

      assertThatThrownBy(inFlight::join).hasCauseInstanceOf(OutcomeUnknownException.class)
          .cause().hasMessageContaining("DEBUG was written to 127.0.0.1:" + redis.port());
    }
  }

  /**
   * Whether the server is stuck in a command: a probe connection gets no PONG within 250 ms (an
   * idle server answers far sooner even on a loaded machine; DEBUG SLEEP holds it for 5 s).
   */
  private static boolean redisIsBusy(RedisServerProcess redis) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redis.port())) {
      socket.setSoTimeout(250);
      socket.getOutputStream().write("PING\r\n".getBytes());
      socket.getInputStream().read();
      return false;
    } catch (java.net.SocketTimeoutException e) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void commandsWhileTheServerIsDownFailAsNotSentOnceTheirTimeoutPasses() {
    try (RedisServerProcess redis = RedisFixture.start();
        VigilClient client = RedisFixture.connected(client(redis).commandTimeout(Duration.ofMillis(300)).build())) {
      redis.kill();
      Poll.until(Duration.ofSeconds(2), "the client noticed", () -> {
        try {
          client.ping();
          return false;
        } catch (RuntimeException e) {
          return true;
        }
      });

      assertThatThrownBy(() -> client.set("k", "v"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("SET was not sent to 127.0.0.1:" + redis.port())
          .hasMessageContaining("no connection within the command timeout");
    }
  }

  @Test
  void subscriptionSubscribesAgainAfterARestart() {
    RedisServerProcess redis = RedisFixture.start();
    RedisServerProcess restarted = null;
    try (VigilClient client = client(redis).build()) {
      List<String> messages = new CopyOnWriteArrayList<>();
      List<Throwable> disconnects = new CopyOnWriteArrayList<>();
      PubSubListener<String, String> listener = new PubSubListener<>() {
        @Override
        public void message(String channel, String message) {
          messages.add(message);
        }

        @Override
        public void disconnected(Throwable cause) {
          disconnects.add(cause == null ? new IllegalStateException("closed") : cause);
        }
      };
      try (Subscription<String> sub = client.subscribe(listener, "alerts")) {
        redis.kill();
        restarted = redis.restart();
        Poll.until(Duration.ofSeconds(5), "the subscription is back", () -> client.publish("alerts", "again") > 0);

        Poll.until(Duration.ofSeconds(5), "the message arrived", () -> messages.contains("again"));
        assertThat(disconnects).hasSize(1);
        assertThat(sub.isOpen()).isTrue();
      }
    } finally {
      redis.close();
      if (restarted != null) {
        restarted.close();
      }
    }
  }
}
