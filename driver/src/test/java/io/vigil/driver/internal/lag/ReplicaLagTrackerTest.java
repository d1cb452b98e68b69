package io.vigil.driver.internal.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplicaLagTrackerTest {

  private static final long MS = 1_000_000;

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private final ReplicaLagTracker tracker = new ReplicaLagTracker(clock::get, 100);

  private void at(long ms) {
    clock.set(ms * MS);
  }

  @Test
  void lagInTimeIsMeasuredFromTheLastMasterSampleTheReplicaCovers() {
    at(1000);
    tracker.masterOffset(100);
    at(1100);
    tracker.masterOffset(200);
    at(1200);
    tracker.masterOffset(300);
    tracker.replicaOffset("r1:6380", 200, true);
    at(1250);
    ReplicaLag lag = tracker.lag("r1:6380").orElseThrow();
    assertThat(lag.lagBytes()).isEqualTo(100);
    // r1 has everything the master had at 1100, so it is at most 150 ms stale at 1250.
    assertThat(lag.lag(clock.get())).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void caughtUpReplicaIsStaleOnlyBySampleAge() {
    at(1000);
    tracker.masterOffset(500);
    tracker.replicaOffset("r1:6380", 500, true);
    at(1040);
    assertThat(tracker.lag("r1:6380").orElseThrow().lag(clock.get())).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void replicaBehindEveryKeptSampleHasUnknownFreshness() {
    at(1000);
    tracker.masterOffset(500);
    tracker.replicaOffset("r1:6380", 10, true);
    ReplicaLag lag = tracker.lag("r1:6380").orElseThrow();
    assertThat(lag.known()).isFalse();
    assertThat(lag.lag(clock.get())).isNull();
    assertThat(lag.within(Duration.ofSeconds(60).toNanos(), 0, clock.get())).isFalse();
  }

  @Test
  void boundsAreAppliedInBytesAndTime() {
    at(1000);
    tracker.masterOffset(1000);
    at(1100);
    tracker.masterOffset(2000);
    tracker.replicaOffset("fresh:1", 2000, true);
    tracker.replicaOffset("behind:1", 1000, true);
    at(1150);
    long now = clock.get();
    ReplicaLag fresh = tracker.lag("fresh:1").orElseThrow();
    ReplicaLag behind = tracker.lag("behind:1").orElseThrow();
    assertThat(fresh.within(100 * MS, 0, now)).isTrue();
    assertThat(behind.within(100 * MS, 0, now)).as("behind covers only t=1000, 150 ms ago").isFalse();
    assertThat(behind.within(200 * MS, 0, now)).isTrue();
    assertThat(behind.within(0, 999, now)).isFalse();
    assertThat(behind.within(0, 1000, now)).isTrue();
  }

  @Test
  void replicaWithItsMasterLinkDownNeverQualifies() {
    tracker.masterOffset(10);
    tracker.replicaOffset("r:1", 10, false);
    assertThat(tracker.lag("r:1").orElseThrow().within(0, 0, clock.get())).isFalse();
  }

  @Test
  void offsetsOnlyMoveForwardWhileTheLinkStaysUp() {
    tracker.masterOffset(100);
    tracker.replicaOffset("r:1", 100, true);
    tracker.replicaOffset("r:1", 90, true); // an older observation arriving late
    assertThat(tracker.lag("r:1").orElseThrow().offset()).isEqualTo(100);
  }

  @Test
  void sessionNeedsTheFirstSampleAfterItsWrite() {
    at(1000);
    tracker.masterOffset(100);
    long ack = 1050 * MS;
    assertThat(tracker.offsetCovering(ack)).isEmpty();
    at(1100);
    tracker.masterOffset(180);
    assertThat(tracker.offsetCovering(ack)).contains(180L);
    tracker.replicaOffset("r:1", 150, true);
    assertThat(tracker.lag("r:1").orElseThrow().hasReached(180)).isFalse();
  }

  @Test
  void newMasterForgetsOldEvidence() {
    tracker.masterOffset(100);
    tracker.replicaOffset("r:1", 100, true);
    tracker.masterChanged();
    assertThat(tracker.snapshot()).isEmpty();
    assertThat(tracker.latestMasterOffset()).isEqualTo(-1);
  }
}
