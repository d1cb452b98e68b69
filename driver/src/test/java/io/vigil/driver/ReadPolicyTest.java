package io.vigil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadPolicyTest {

  @Test
  void boundsAreKeptAndPoliciesAreImmutable() {
    ReadPolicy base = ReadPolicy.replicaPreferred();
    ReadPolicy bounded = base.maxLag(Duration.ofMillis(100)).maxLagBytes(4096);
    assertThat(base.maxLag()).isNull();
    assertThat(base.maxLagBytes()).isEqualTo(-1);
    assertThat(bounded.maxLag()).isEqualTo(Duration.ofMillis(100));
    assertThat(bounded.maxLagBytes()).isEqualTo(4096);
    assertThat(bounded.target()).isEqualTo(ReadPolicy.Target.REPLICA_PREFERRED);
    assertThat(bounded).isEqualTo(ReadPolicy.replicaPreferred().maxLag(Duration.ofMillis(100)).maxLagBytes(4096));
    assertThat(bounded.toString()).isEqualTo("replica_preferred maxLag=100ms maxLagBytes=4096");
  }

  @Test
  void zeroByteBoundMeansFullyCaughtUp() {
    assertThat(ReadPolicy.replica().maxLagBytes(0).maxLagBytes()).isZero();
  }

  @Test
  void onlyMasterNeverReadsReplicas() {
    assertThat(ReadPolicy.master().mayReadReplicas()).isFalse();
    assertThat(ReadPolicy.nearest().mayReadReplicas()).isTrue();
    assertThat(ReadPolicy.masterPreferred().mayReadReplicas()).isTrue();
  }

  @Test
  void badBoundsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> ReadPolicy.replica().maxLag(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> ReadPolicy.replica().maxLag(Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.005");
    assertThatThrownBy(() -> ReadPolicy.replica().maxLagBytes(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void durableWriteOptionsAreValidated() {
    assertThatThrownBy(() -> VigilClient.builder().durableWrites(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    assertThatThrownBy(() -> VigilClient.builder().durableWrites(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> VigilClient.builder().replicaSampleInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicaSampleInterval");
  }
}
