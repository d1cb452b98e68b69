package io.vigil.driver.chaos;

import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite against the Java stack: Java data servers (in this JVM, append-only file on)
 * and Java sentinels (each in a JVM of its own, so they too can be frozen), every node behind a
 * proxy so nodes can be isolated; 16 workers doing durable appends, read-your-writes reads and
 * lag-bounded replica reads while a seeded nemesis kills, freezes, isolates and lags nodes.
 */
class JavaStackChaosTest {

  private static final long CI_SEED = 3L;

  @Test
  void seededFaultsUnderMixedLoadLoseNoDurableWriteAndBreakNoReadGuarantee() {
    try (Topology topology = Topology.builder().replicas(2).sentinels(3)
        .dataNodes(NodeKind.JAVA).sentinelNodes(NodeKind.JAVA_PROCESS)
        .dataNodeDirective("appendonly", "yes")
        .downAfter(Duration.ofMillis(1000)).failoverTimeout(Duration.ofSeconds(5))
        .proxied(true)
        .start()) {
      ChaosSuite.runAndCheck("java-stack", topology, CI_SEED, Duration.ofMillis(2000));
    }
  }
}
