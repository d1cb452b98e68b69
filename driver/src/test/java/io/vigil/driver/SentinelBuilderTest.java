package io.vigil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentinelBuilderTest {

  @Test
  void sentinelUriNamesSentinelsMasterAndCredentials() {
    VigilClient.Builder b = VigilClient.builder()
        .uri("redis-sentinel://app:s3cret@h1:26379,h2:26380,h3/mymaster?database=2&sentinelPassword=x");
    assertThat(b.toString())
        .contains("sentinel master mymaster via [h1:26379, h2:26380, h3:26379]")
        .contains("user app").contains("password (hidden)").contains("sentinel password (hidden)")
        .contains("database 2")
        .doesNotContain("s3cret");
  }

  @Test
  void masterNameMayComeAsAnOption() {
    assertThat(VigilClient.builder().uri("redis-sentinel://h1:1?masterName=cache").toString())
        .contains("sentinel master cache via [h1:1]");
  }

  @Test
  void unknownUriOptionIsNamed() {
    assertThatThrownBy(() -> VigilClient.builder().uri("redis-sentinel://u:pw@h1/m?bogus=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option 'bogus'")
        .hasMessageNotContaining("pw@");
  }

  @Test
  void badSentinelPortIsNamed() {
    assertThatThrownBy(() -> VigilClient.builder().sentinels("h1:26379,h2:port"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad port 'port' in sentinel 'h2:port'");
  }

  @Test
  void sentinelsWithoutMasterNameFailAtBuild() {
    assertThatThrownBy(() -> VigilClient.builder().sentinels("h1:26379").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no masterName");
  }

  @Test
  void nodeAndSentinelsTogetherAreRefused() {
    assertThatThrownBy(() -> VigilClient.builder().node("h", 6379).sentinels("h1:26379").masterName("m").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("choose one");
  }

  @Test
  void topologyRecordValidates() {
    assertThatThrownBy(() -> Topology.sentinel(List.of(), "m")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topology.sentinel(List.of(Endpoint.of("h", 1)), "my master"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'my master'");
  }

  @Test
  void retryPolicyValidatesEagerly() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).hasMessageContaining("got 1.5");
    assertThat(RetryPolicy.defaults().acceptsDuplicates()).isFalse();
  }
}
