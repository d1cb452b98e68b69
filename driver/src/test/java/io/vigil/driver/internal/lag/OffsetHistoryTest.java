package io.vigil.driver.internal.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OffsetHistoryTest {

  @Test
  void oldestSamplesAreDroppedWhenFull() {
    OffsetHistory h = new OffsetHistory(3);
    h.record(1, 10);
    h.record(2, 20);
    h.record(3, 30);
    h.record(4, 40);
    assertThat(h.coveredUntil(15)).as("sample (1,10) was dropped").isEqualTo(OffsetHistory.NEVER);
    assertThat(h.coveredUntil(20)).isEqualTo(2);
    assertThat(h.coveredUntil(1000)).isEqualTo(4);
  }

  @Test
  void flatStretchesKeepTheirNewestTime() {
    OffsetHistory h = new OffsetHistory(3);
    h.record(1, 10);
    for (int t = 2; t < 100; t++) {
      h.record(t, 20); // an idle master: one slot, time moving forward
    }
    assertThat(h.coveredUntil(20)).isEqualTo(99);
    assertThat(h.coveredUntil(10)).isEqualTo(1);
  }

  @Test
  void offsetGoingBackwardsMeansANewMaster() {
    OffsetHistory h = new OffsetHistory(4);
    h.record(1, 500);
    h.record(2, 10);
    assertThat(h.coveredUntil(100)).isEqualTo(2);
    assertThat(h.latestOffset()).isEqualTo(10);
  }

  @Test
  void samplesOutOfTimeOrderAreRefused() {
    OffsetHistory h = new OffsetHistory(4);
    h.record(5, 1);
    assertThatThrownBy(() -> h.record(4, 2)).hasMessageContaining("time order");
  }

  @Test
  void offsetSinceFindsTheFirstSampleAtOrAfter() {
    OffsetHistory h = new OffsetHistory(4);
    h.record(10, 100);
    h.record(20, 200);
    assertThat(h.offsetSince(15)).isEqualTo(200);
    assertThat(h.offsetSince(10)).isEqualTo(100);
    assertThat(h.offsetSince(21)).isEqualTo(-1);
  }
}
