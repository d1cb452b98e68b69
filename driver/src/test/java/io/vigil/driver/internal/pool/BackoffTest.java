package io.vigil.driver.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delayDoublesPerAttemptUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), () -> 1.0); // the top of the jitter range

    assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(10));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(20));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(80));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(1000)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void jitterKeepsAtLeastHalfTheDelay() {
    Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), () -> 0.0);

    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void maximumBelowBaseIsRejectedNamingBoth() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT1S").hasMessageContaining("PT2S");
  }
}
