package io.vigil.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testkit.junit.RealRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The nemesis: plans replayable from a seed, applied to a running topology, everything healed. */
class NemesisTest {

  @Test
  void theSameSeedGivesTheSamePlanAndTheSeedIsLogged() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(2).sentinels(3).proxied(true).start()) {
      List<String> log = new ArrayList<>();
      Nemesis first = Nemesis.builder(topology).seed(42).faults(30).log(log::add).build();
      Nemesis replay = Nemesis.builder(topology).seed(42).faults(30).log(s -> { }).build();
      Nemesis other = Nemesis.builder(topology).seed(43).faults(30).log(s -> { }).build();

      assertThat(replay.plan()).isEqualTo(first.plan());
      assertThat(other.plan()).isNotEqualTo(first.plan());
      assertThat(log.get(0)).contains("seed 42", first.plan().get(0).toString());
      assertThat(first.plan()).extracting(FaultStep::fault).contains(Fault.KILL, Fault.FREEZE, Fault.ISOLATE, Fault.LAG);
      // in-process Java sentinels cannot be frozen, so the plan never asks for it
      assertThat(first.plan()).noneMatch(s -> s.fault() == Fault.FREEZE && s.target() == FaultTarget.SENTINEL);
      assertThat(first.plan()).allMatch(s -> s.fault() != Fault.LAG || s.target() == FaultTarget.REPLICA);
    }
  }

  @Test
  void faultsThatTheTopologyCannotTakeAreRejectedWithTheReason() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(1).sentinels(0).start()) {
      assertThatThrownBy(() -> Nemesis.builder(topology).faultTypes(Fault.ISOLATE).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxied(true)");
      assertThatThrownBy(() -> Nemesis.builder(topology).hold(Duration.ofSeconds(2), Duration.ofSeconds(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT2S");
    }
  }

  @Test
  void runAppliesEveryStepAndLeavesTheTopologyHealthy() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(2).sentinels(3).start()) {
      topology.awaitHealthy();
      List<String> log = new CopyOnWriteArrayList<>();
      Nemesis nemesis = Nemesis.builder(topology).seed(7).faults(3).faultTypes(Fault.FREEZE, Fault.KILL, Fault.LAG)
          .targets(FaultTarget.REPLICA, FaultTarget.SENTINEL)
          .hold(Duration.ofMillis(200), Duration.ofMillis(600)).pause(Duration.ZERO, Duration.ofMillis(100))
          .log(log::add).build();

      nemesis.start().await(Duration.ofMinutes(2));
      nemesis.close();

      assertThat(nemesis.applied()).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(nemesis.applied().get(i)).startsWith(nemesis.plan().get(i).toString() + " -> ");
      }
      assertThat(topology.timeline().events()).filteredOn(e -> e.source().equals("nemesis")).isNotEmpty();
      topology.awaitHealthy();
      assertThat(topology.nodes()).allMatch(n -> n.isAlive() && !n.isFrozen());
    }
  }
}
