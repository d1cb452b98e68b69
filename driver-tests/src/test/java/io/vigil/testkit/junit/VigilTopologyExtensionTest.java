package io.vigil.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link VigilTopology} runs sample test classes through the JUnit launcher and checks what
 * they saw: a started, healthy topology injected everywhere, shared within the class, closed
 * after it even when a test fails.
 */
class VigilTopologyExtensionTest {

  static final List<Topology> SEEN = new CopyOnWriteArrayList<>();

  @Test
  void injectsOneStartedTopologyPerClassAndClosesItAfterTheClassEvenOnFailure() {
    RealRedis.requireServer();
    SEEN.clear();

    TestExecutionSummary summary = run(SharedTopology.class);

    assertThat(summary.getTestsStartedCount()).isEqualTo(4);
    assertThat(summary.getTestsFailedCount()).as("only the deliberate failure").isEqualTo(1);
    assertThat(summary.getFailures().get(0).getException()).hasMessageContaining("deliberate");
    assertThat(SEEN).hasSize(8).allMatch(t -> t == SEEN.get(0));
    assertThat(SEEN.get(0).isClosed()).isTrue();
    assertThat(SEEN.get(0).nodes()).noneMatch(n -> n.isAlive());
  }

  @Test
  void perMethodGivesEachTestItsOwnTopology() {
    SEEN.clear();

    TestExecutionSummary summary = run(TopologyPerMethod.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(SEEN).hasSize(2).doesNotHaveDuplicates().allMatch(Topology::isClosed);
  }

  @Test
  void aPerClassTestInstanceGetsTheTopologyInItsConstructor() {
    SEEN.clear();

    TestExecutionSummary summary = run(PerClassInstance.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(SEEN).hasSize(3).allMatch(t -> t == SEEN.get(0)).allMatch(Topology::isClosed);
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
        listener);
    return listener.getSummary();
  }

  @VigilTopology(replicas = 1, sentinels = 1, dataNodes = NodeKind.REAL, sentinelNodes = NodeKind.JAVA)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SharedTopology {
    static Topology staticField;
    private final Topology fromConstructor;
    Topology field;

    SharedTopology(Topology topology) {
      this.fromConstructor = topology;
    }

    @Test
    @Order(1)
    void first(Topology topology) {
      SEEN.addAll(List.of(topology, field, fromConstructor, staticField));
      assertThat(topology.isClosed()).isFalse();
      assertThat(topology.currentMaster()).isSameAs(topology.initialMaster());
      assertThat(topology.dataNodes()).hasSize(2);
    }

    @Test
    @Order(2)
    void second(Topology topology) {
      SEEN.addAll(List.of(topology, field));
    }

    @Test
    @Order(3)
    void failing(Topology topology) {
      SEEN.add(topology);
      throw new AssertionError("deliberate failure: the topology must still be closed");
    }

    @Nested
    class Inner {
      @Test
      void sharesTheEnclosingTopology(Topology topology) {
        SEEN.add(topology);
      }
    }
  }

  @VigilTopology(replicas = 0, sentinels = 0, dataNodes = NodeKind.JAVA)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class PerClassInstance {
    PerClassInstance(Topology topology) {
      SEEN.add(topology);
    }

    @Test
    void one(Topology topology) {
      SEEN.add(topology);
    }

    @Test
    void two(Topology topology) {
      SEEN.add(topology);
    }
  }

  @VigilTopology(replicas = 0, sentinels = 0, dataNodes = NodeKind.JAVA, perMethod = true)
  static class TopologyPerMethod {
    @Test
    void one(Topology topology) {
      SEEN.add(topology);
    }

    @Test
    void two(Topology topology) {
      SEEN.add(topology);
    }
  }
}
