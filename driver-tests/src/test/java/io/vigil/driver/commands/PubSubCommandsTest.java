package io.vigil.driver.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.PubSubListener;
import io.vigil.driver.Subscription;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Publishing (PUBLISH, SPUBLISH), shard subscriptions and PUBSUB introspection. */
class PubSubCommandsTest {

  private static final Set<String> GAPS = Set.of("spublish", "ssubscribe", "pubsub|shardchannels",
      "pubsub|shardnumsub");

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void introspectionCountsChannelsAndPatternSubscriptions(Target target) throws Exception {
    VigilClient client = target.client();
    List<String> got = new CopyOnWriteArrayList<>();
    PubSubListener<String, String> listener = (channel, message) -> got.add(channel + "=" + message);
    try (Subscription<String> news = client.subscribe(listener, "news.eu", "news.us");
        Subscription<String> all = client.psubscribe(listener, "news.*")) {
      assertThat(client.pubsubChannels()).contains("news.eu", "news.us");
      assertThat(client.pubsubChannels("news.e*")).containsExactly("news.eu");
      Map<String, Long> counts = client.pubsubNumsub("news.eu", "nobody");
      assertThat(counts).containsExactly(Map.entry("news.eu", 1L), Map.entry("nobody", 0L));
      assertThat(client.pubsubNumpat()).isEqualTo(1);
      assertThat(client.async().publish("news.eu", "hi").toCompletableFuture().get(5, TimeUnit.SECONDS))
          .as("the channel and the pattern subscription").isEqualTo(2);
      Await.until("both deliveries", Duration.ofSeconds(5), () -> got.size() == 2);
      assertThat(got).containsOnly("news.eu=hi");
    }
    assertThat(client.pubsubNumsub()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("io.vigil.driver.commands.Target#all")
  void shardChannelsAreTheirOwnNamespace(Target target) {
    VigilClient client = target.client();
    if (target.lacks("ssubscribe", GAPS)) {
      Gaps.assertUnknownCommand(() -> client.spublish("orders", "o-1"));
      return;
    }
    List<String> shard = new CopyOnWriteArrayList<>();
    List<String> plain = new CopyOnWriteArrayList<>();
    PubSubListener<String, String> shardListener = new PubSubListener<>() {
      @Override
      public void message(String channel, String message) {
        plain.add(message);
      }

      @Override
      public void shardMessage(String channel, String message) {
        shard.add(channel + "=" + message);
      }
    };
    try (Subscription<String> s = client.ssubscribe(shardListener, "orders")) {
      assertThat(s.shardChannels()).containsExactly("orders");
      assertThat(s.channels()).isEmpty();
      assertThat(client.pubsubShardchannels()).containsExactly("orders");
      assertThat(client.pubsubShardchannels("ord*")).containsExactly("orders");
      assertThat(client.pubsubShardnumsub("orders")).containsExactly(Map.entry("orders", 1L));
      assertThat(client.publish("orders", "plain")).as("PUBLISH does not reach shard subscribers").isZero();
      assertThat(client.spublish("orders", "o-1")).isEqualTo(1);
      Await.until("the shard message", Duration.ofSeconds(5), () -> shard.size() == 1);
      assertThat(shard).containsExactly("orders=o-1");
      assertThat(plain).isEmpty();
      s.sunsubscribe("orders");
      assertThat(s.shardChannels()).isEmpty();
    }
  }
}
