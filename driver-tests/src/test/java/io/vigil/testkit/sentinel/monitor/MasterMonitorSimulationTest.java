package io.vigil.testkit.sentinel.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.sentinel.event.SentinelEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Failover scenarios played by three real {@link MasterMonitor}s in a simulated world. */
class MasterMonitorSimulationTest {

  private static final long DOWN_AFTER = 1000;
  private static final long FAILOVER_TIMEOUT = 10_000;

  private SentinelSimulation world;
  private SentinelSimulation.Node master;
  private SentinelSimulation.Node replicaA;
  private SentinelSimulation.Node replicaB;

  private void threeSentinelsOneMasterTwoReplicas(long seed) {
    world = new SentinelSimulation(seed);
    master = world.node(6379, true, null);
    replicaA = world.node(6380, false, master.address);
    replicaB = world.node(6381, false, master.address);
    for (int i = 0; i < 3; i++) {
      world.sentinel(26379 + i, master.address, 2, DOWN_AFTER, FAILOVER_TIMEOUT);
    }
    // discovery: replicas through INFO, sentinels through hello
    assertThat(world.runUntil(() -> world.sentinels.stream().allMatch(
        s -> s.monitor.replicas().size() == 2 && s.monitor.peers().size() == 2), 30_000)).isTrue();
    world.run(11_000); // let every sentinel see fresh INFO of every replica
  }

  private boolean allAgreeOn(SentinelSimulation.Node node) {
    return world.sentinels.stream().filter(s -> s.alive)
        .allMatch(s -> s.monitor.master().address().equals(node.address) && !s.monitor.isFailoverInProgress());
  }

  @Test
  void killedMasterIsReplacedByTheMostUpToDateReplica() {
    threeSentinelsOneMasterTwoReplicas(1);
    replicaA.lagBytes = 500; // B has more data
    world.run(1000);
    long killedAt = world.now;
    master.alive = false;

    boolean ok = world.runUntil(() -> allAgreeOn(replicaB), 30_000);
    assertThat(ok).as("all sentinels follow B").isTrue();
    assertThat(replicaB.master).isTrue();
    assertThat(replicaA.follows).isEqualTo(replicaB.address);
    assertThat(world.promotions).filteredOn(p -> p.endsWith("NO ONE")).hasSize(1);

    SentinelSimulation.Sentinel leader = world.sentinels.stream()
        .filter(s -> s.eventTypes().contains("+elected-leader")).findFirst().orElseThrow();
    assertThat(leader.eventTypes()).containsSubsequence("+sdown", "+odown", "+new-epoch", "+try-failover",
        "+elected-leader", "+selected-slave", "+promoted-slave", "+slave-reconf-sent", "+failover-end",
        "+switch-master");
    assertThat(leader.events).contains(SentinelEvent.switchMaster("mymaster", "127.0.0.1", 6379, "127.0.0.1", 6381));
    assertThat(world.switches).hasSize(3);
    long lastSwitch = world.switches.stream().mapToLong(s -> Long.parseLong(s.substring(s.indexOf('@') + 1))).max()
        .orElseThrow();
    assertThat(lastSwitch - killedAt).as("simulated failover time, Redis's periods: %s", leader.timeline)
        .isLessThan(DOWN_AFTER + 2000);
  }

  @Test
  void priorityZeroReplicaIsNeverPromoted() {
    threeSentinelsOneMasterTwoReplicas(2);
    replicaB.priority = 0;
    replicaA.lagBytes = 500;
    world.run(11_000);
    master.alive = false;
    assertThat(world.runUntil(() -> allAgreeOn(replicaA), 30_000)).isTrue();
    assertThat(replicaB.follows).isEqualTo(replicaA.address);
  }

  @Test
  void isolatedMinoritySentinelCannotStartAFailover() {
    threeSentinelsOneMasterTwoReplicas(3);
    SentinelSimulation.Sentinel lonely = world.sentinels.get(2);
    world.isolated.add(lonely.address);
    world.run(15_000);
    assertThat(lonely.eventTypes()).contains("+sdown").doesNotContain("+odown", "+try-failover");
    assertThat(world.promotions).isEmpty();
    assertThat(master.master).isTrue();
    world.isolated.clear();
    world.run(5_000);
    assertThat(lonely.eventTypes()).contains("-sdown");
  }

  @Test
  void returningOldMasterIsConvertedToAReplica() {
    threeSentinelsOneMasterTwoReplicas(4);
    master.alive = false;
    assertThat(world.runUntil(() -> allAgreeOn(replicaA) || allAgreeOn(replicaB), 30_000)).isTrue();
    SentinelSimulation.Node newMaster = replicaA.master ? replicaA : replicaB;
    master.alive = true; // comes back still believing it is a master
    assertThat(world.runUntil(() -> !master.master, 30_000)).isTrue();
    assertThat(master.follows).isEqualTo(newMaster.address);
    assertThat(world.sentinels.stream().flatMap(s -> s.eventTypes().stream())).contains("+convert-to-slave");
  }

  @Test
  void twoFailoversInARow() {
    threeSentinelsOneMasterTwoReplicas(5);
    master.alive = false;
    assertThat(world.runUntil(() -> allAgreeOn(replicaA) || allAgreeOn(replicaB), 30_000)).isTrue();
    SentinelSimulation.Node second = replicaA.master ? replicaA : replicaB;
    SentinelSimulation.Node survivor = second == replicaA ? replicaB : replicaA;
    world.run(12_000); // fresh INFO of the remaining replica
    second.alive = false;
    assertThat(world.runUntil(() -> allAgreeOn(survivor), 60_000)).isTrue();
    Set<Long> epochs = new HashSet<>();
    world.sentinels.forEach(s -> epochs.add(s.monitor.config().configEpoch()));
    assertThat(epochs).as("every sentinel ends on the same config epoch").hasSize(1);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void lossyNetworkNeverPromotesTwoReplicas(long seed) {
    threeSentinelsOneMasterTwoReplicas(seed);
    world.dropRate = 0.2;
    master.alive = false;
    world.run(40_000);
    world.dropRate = 0;
    world.run(30_000);
    // Safety: within one epoch at most one promotion; in the end at most one data node is a master.
    Map<String, Integer> noOnePerSentinel = new HashMap<>();
    for (String p : world.promotions) {
      if (p.endsWith("NO ONE")) {
        noOnePerSentinel.merge(p.substring(0, 40), 1, Integer::sum);
      }
    }
    long masters = world.nodes.values().stream().filter(n -> n.alive && n.master).count();
    assertThat(masters).isEqualTo(1);
    List<String> leaders = world.sentinels.stream().filter(s -> s.eventTypes().contains("+elected-leader"))
        .map(s -> s.id).toList();
    assertThat(leaders).isNotEmpty();
    SentinelSimulation.Node finalMaster = world.nodes.values().stream().filter(n -> n.alive && n.master)
        .findFirst().orElseThrow();
    assertThat(world.runUntil(() -> allAgreeOn(finalMaster), 30_000)).isTrue();
  }
}
