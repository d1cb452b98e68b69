package io.vigil.driver.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.Endpoint;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.internal.lag.ReplicaLag;
import io.vigil.driver.internal.lag.ReplicaLagTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadRouterTest {

  private static final long MS = 1_000_000;
  private static final Endpoint R1 = Endpoint.of("127.0.0.1", 6380);
  private static final Endpoint R2 = Endpoint.of("127.0.0.1", 6381);
  private static final ReadPolicy BOUNDED = ReadPolicy.replicaPreferred().maxLag(Duration.ofMillis(100));

  private final AtomicLong clock = new AtomicLong(0);
  private final ReplicaLagTracker lag = new ReplicaLagTracker(clock::get, 100);

  private void at(long ms) {
    clock.set(ms * MS);
  }

  /** Master samples every 50 ms from 0 to 1000 ms, offset = 10 * time in ms. */
  private void masterWroteSteadily() {
    for (long t = 0; t <= 1000; t += 50) {
      at(t);
      lag.masterOffset(t * 10);
    }
  }

  private ReplicaView view(Endpoint e, long rttMicros) {
    ReplicaLag l = lag.lag(e.toString()).orElse(null);
    return new ReplicaView(e, l, true, "", rttMicros * 1000);
  }

  private Route route(ReadPolicy policy, long sessionOffset, ReplicaView... views) {
    return ReadRouter.route(policy, List.of(views), true, 500_000, sessionOffset, clock.get(), 0);
  }

  @Test
  void replicaWithinLagBoundIsChosen() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 9500, true); // has what the master had at 950 ms
    assertThat(route(BOUNDED, -1, view(R1, 100)).replica()).isEqualTo(R1);
  }

  @Test
  void replicaBeyondLagBoundIsSkipped() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 8000, true); // 200 ms behind
    lag.replicaOffset(R2.toString(), 9900, true); // between samples: covered until 950 ms
    Route r = route(BOUNDED, -1, view(R1, 100), view(R2, 100));
    assertThat(r.replica()).isEqualTo(R2);
    at(1051); // R2 now covered only until 950 ms: 101 ms
    assertThat(route(BOUNDED, -1, view(R1, 100), view(R2, 100)).fallback()).isEqualTo(Route.Fallback.LAG);
  }

  @Test
  void replicaOfUnknownFreshnessNeverMeetsATimeBound() {
    at(1000);
    lag.masterOffset(10_000);
    lag.replicaOffset(R1.toString(), 9_000, true); // behind every sample kept
    assertThat(route(BOUNDED, -1, view(R1, 100)).fallback()).isEqualTo(Route.Fallback.LAG);
    assertThat(route(ReadPolicy.replicaPreferred(), -1, view(R1, 100)).replica()).isEqualTo(R1);
  }

  @Test
  void byteBoundIsCheckedAgainstTheLatestMasterSample() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 9000, true);
    assertThat(route(ReadPolicy.replicaPreferred().maxLagBytes(999), -1, view(R1, 1)).replica()).isNull();
    assertThat(route(ReadPolicy.replicaPreferred().maxLagBytes(1000), -1, view(R1, 1)).replica()).isEqualTo(R1);
  }

  @Test
  void unhealthyOrDisconnectedReplicasAreNeverRead() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 10_000, false); // link down
    lag.replicaOffset(R2.toString(), 10_000, true);
    ReplicaView sdown = new ReplicaView(R2, lag.lag(R2.toString()).orElseThrow(), false, "reported s_down", 1);
    Route r = route(ReadPolicy.replicaPreferred(), -1, view(R1, 1), sdown);
    assertThat(r.replica()).isNull();
    assertThat(r.fallback()).isNotNull();
  }

  @Test
  void sessionReadsOnlyFromReplicasPastItsWrites() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 9_000, true);
    lag.replicaOffset(R2.toString(), 10_000, true);
    ReadPolicy any = ReadPolicy.replicaPreferred();
    assertThat(route(any, 9_500, view(R1, 1), view(R2, 1)).replica()).isEqualTo(R2);
    Route r = route(any, 10_001, view(R1, 1), view(R2, 1));
    assertThat(r.replica()).isNull();
    assertThat(r.fallback()).isEqualTo(Route.Fallback.SESSION);
    assertThat(route(any, Session.MASTER_ONLY, view(R1, 1), view(R2, 1)).fallback()).isEqualTo(Route.Fallback.SESSION);
  }

  @Test
  void replicaOnlyFailsNamingEveryReplicaAndItsLag() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 5_000, true);
    ReplicaView down = new ReplicaView(R2, null, false, "reported s_down by sentinel 127.0.0.1:26379", -1);
    Route r = route(ReadPolicy.replica().maxLag(Duration.ofMillis(100)), -1, view(R1, 1), down);
    assertThat(r.failed()).isTrue();
    assertThat(r.why()).contains("127.0.0.1:6380 lag 500 ms, 5000 bytes")
        .contains("127.0.0.1:6381 reported s_down by sentinel 127.0.0.1:26379");
  }

  @Test
  void masterPreferredReadsAReplicaOnlyWithoutAMaster() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 10_000, true);
    ReadPolicy p = ReadPolicy.masterPreferred();
    assertThat(ReadRouter.route(p, List.of(view(R1, 1)), true, 1, -1, clock.get(), 0)).isEqualTo(Route.MASTER);
    assertThat(ReadRouter.route(p, List.of(view(R1, 1)), false, -1, -1, clock.get(), 0).replica()).isEqualTo(R1);
  }

  @Test
  void nearestPicksTheLowestRoundTrip() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 10_000, true);
    lag.replicaOffset(R2.toString(), 10_000, true);
    List<ReplicaView> views = List.of(view(R1, 300), view(R2, 200));
    assertThat(ReadRouter.route(ReadPolicy.nearest(), views, true, 400_000, -1, clock.get(), 0).replica()).isEqualTo(R2);
    Route m = ReadRouter.route(ReadPolicy.nearest(), views, true, 100_000, -1, clock.get(), 0);
    assertThat(m.replica()).isNull();
    assertThat(m.fallback()).isEqualTo(Route.Fallback.NEAREST);
  }

  @Test
  void readsSpreadOverEquallyGoodReplicas() {
    masterWroteSteadily();
    lag.replicaOffset(R1.toString(), 10_000, true);
    lag.replicaOffset(R2.toString(), 10_000, true);
    List<Endpoint> chosen = new ArrayList<>();
    for (int spin = 0; spin < 2; spin++) {
      chosen.add(ReadRouter.route(BOUNDED, List.of(view(R1, 1), view(R2, 1)), true, 1, -1, clock.get(), spin).replica());
    }
    assertThat(chosen).containsExactlyInAnyOrder(R1, R2);
  }

  @Test
  void sessionOffsetsSurviveAFailoverOnlyThroughReplid2() {
    io.vigil.driver.internal.lag.ReplicaSampler.MasterIds promoted = new io.vigil.driver.internal.lag.ReplicaSampler.MasterIds("new", "old", 5_000);
    assertThat(Session.continues(promoted, "old", 4_000)).isTrue();
    assertThat(Session.continues(promoted, "old", 5_001)).isFalse();
    assertThat(Session.continues(promoted, "other", 10)).isFalse();
    assertThat(Session.continues(promoted, "new", 9_999)).isTrue();
  }
}
