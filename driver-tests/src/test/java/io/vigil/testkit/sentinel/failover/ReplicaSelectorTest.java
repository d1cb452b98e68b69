package io.vigil.testkit.sentinel.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSelectorTest {

  private static final long NOW = 1_000_000;
  private static final long DOWN_AFTER = 1000;

  private static ReplicaCandidate replica(String addr, String runId, int priority, long offset) {
    return new ReplicaCandidate(addr, runId, false, false, NOW - 100, NOW - 500, priority, offset, 0);
  }

  @Test
  void lowestPriorityWinsFirst() {
    var chosen = ReplicaSelector.select(List.of(replica("a:1", "r1", 100, 900), replica("b:1", "r2", 10, 100)),
        NOW, NOW - 2000, DOWN_AFTER);
    assertThat(chosen).get().extracting(ReplicaCandidate::address).isEqualTo("b:1");
  }

  @Test
  void thenTheMostUpToDate() {
    var chosen = ReplicaSelector.select(List.of(replica("a:1", "r1", 100, 900), replica("b:1", "r2", 100, 1000)),
        NOW, NOW - 2000, DOWN_AFTER);
    assertThat(chosen).get().extracting(ReplicaCandidate::address).isEqualTo("b:1");
  }

  @Test
  void thenTheSmallestRunId() {
    var chosen = ReplicaSelector.select(List.of(replica("a:1", "r9", 100, 1000), replica("b:1", "r2", 100, 1000)),
        NOW, NOW - 2000, DOWN_AFTER);
    assertThat(chosen).get().extracting(ReplicaCandidate::address).isEqualTo("b:1");
  }

  @Test
  void priorityZeroIsNeverPromoted() {
    assertThat(ReplicaSelector.select(List.of(replica("a:1", "r1", 0, 1000)), NOW, NOW - 2000, DOWN_AFTER)).isEmpty();
  }

  @Test
  void downDisconnectedSilentOrStaleReplicasAreSkipped() {
    List<ReplicaCandidate> bad = List.of(
        new ReplicaCandidate("down:1", "r1", true, false, NOW, NOW, 100, 1, 0),
        new ReplicaCandidate("disc:1", "r2", false, true, NOW, NOW, 100, 1, 0),
        new ReplicaCandidate("silent:1", "r3", false, false, NOW - 5001, NOW, 100, 1, 0),
        new ReplicaCandidate("stale-info:1", "r4", false, false, NOW, NOW - 5001, 100, 1, 0),
        new ReplicaCandidate("long-link-down:1", "r5", false, false, NOW, NOW, 100, 1, 2000 + 10 * DOWN_AFTER + 1));
    assertThat(ReplicaSelector.eligible(bad, NOW, NOW - 2000, DOWN_AFTER)).isEmpty();
  }

  @Test
  void infoMayBeOlderWhenTheMasterIsNotDown() {
    ReplicaCandidate r = new ReplicaCandidate("a:1", "r1", false, false, NOW, NOW - 20_000, 100, 1, 0);
    assertThat(ReplicaSelector.eligible(List.of(r), NOW, -1, DOWN_AFTER)).hasSize(1);
    assertThat(ReplicaSelector.eligible(List.of(r), NOW, NOW - 10, DOWN_AFTER)).isEmpty();
  }
}
