package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.PubSubListener;
import io.vigil.driver.Subscription;
import io.vigil.driver.VigilClient;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PubSubTest {

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

  /** Records every callback as text. */
  static final class Recorder implements PubSubListener<String, String> {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void message(String channel, String message) {
      events.add(channel + "=" + message);
    }

    @Override
    public void message(String pattern, String channel, String message) {
      events.add(pattern + ":" + channel + "=" + message);
    }

    @Override
    public void subscribed(String name, long count) {
      events.add("+" + name);
    }

    @Override
    public void unsubscribed(String name, long count) {
      events.add("-" + name);
    }
  }

  @ParameterizedTest
  @EnumSource(RespVersion.class)
  void subscriberReceivesPublishedMessagesInOrder(RespVersion protocol) {
    try (VigilClient client = RedisFixture.client(redis).protocol(protocol).build()) {
      Recorder recorder = new Recorder();
      try (Subscription<String> sub = client.subscribe(recorder, "news", "sport")) {
        assertThat(client.publish("news", "one")).isEqualTo(1);
        client.publish("sport", "two");
        client.publish("news", "three");

        Poll.until(Duration.ofSeconds(5), "three messages arrived", () -> recorder.events.size() == 5);
        assertThat(recorder.events).containsExactly("+news", "+sport", "news=one", "sport=two", "news=three");
        assertThat(sub.channels()).containsExactlyInAnyOrder("news", "sport");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RespVersion.class)
  void patternSubscriberSeesThePatternAndTheChannel(RespVersion protocol) {
    try (VigilClient client = RedisFixture.client(redis).protocol(protocol).build()) {
      Recorder recorder = new Recorder();
      try (Subscription<String> sub = client.psubscribe(recorder, "events.*")) {
        client.publish("events.login", "alice");

        Poll.until(Duration.ofSeconds(5), "the message arrived", () -> recorder.events.size() == 2);
        assertThat(recorder.events).containsExactly("+events.*", "events.*:events.login=alice");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RespVersion.class)
  void unsubscribeStopsDeliveryAndCloseReleasesTheConnection(RespVersion protocol) {
    try (VigilClient client = RedisFixture.client(redis).protocol(protocol).build()) {
      Recorder recorder = new Recorder();
      Subscription<String> sub = client.subscribe(recorder, "a", "b");
      sub.unsubscribe("a");
      assertThat(sub.channels()).containsExactly("b");
      assertThat(client.publish("a", "lost")).isZero();
      assertThat(client.publish("b", "kept")).isEqualTo(1);
      Poll.until(Duration.ofSeconds(5), "the message on b arrived", () -> recorder.events.contains("b=kept"));

      sub.close();

      Poll.until(Duration.ofSeconds(5), "nobody listens on b", () -> client.publish("b", "x") == 0);
      assertThat(recorder.events).doesNotContain("a=lost");
    }
  }

  @ParameterizedTest
  @EnumSource(RespVersion.class)
  void subscriptionKeepsWorkingWhileTheClientRunsCommands(RespVersion protocol) {
    try (VigilClient client = RedisFixture.client(redis).protocol(protocol).build()) {
      Recorder recorder = new Recorder();
      try (Subscription<String> sub = client.subscribe(recorder, "c")) {
        sub.psubscribe("d.*");
        client.set("k", "v");
        client.publish("d.1", "m");
        assertThat(client.get("k")).isEqualTo("v");
        Poll.until(Duration.ofSeconds(5), "the pattern message arrived", () -> recorder.events.contains("d.*:d.1=m"));
        assertThat(sub.patterns()).containsExactly("d.*");
      }
    }
  }
}
