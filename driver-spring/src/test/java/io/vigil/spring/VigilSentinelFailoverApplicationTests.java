package io.vigil.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.driver.Endpoint;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.chaos.Node;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.junit.RealRedis;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Spring Boot application (auto-configuration, actuator health, Micrometer) against real
 * {@code redis-server} data nodes behind three Java sentinels: it reads and writes, keeps writing
 * while the master is killed, and reports the new master through the health endpoint.
 */
@SpringBootTest(classes = VigilSentinelFailoverApplicationTests.App.class, properties = {
    "management.endpoint.health.show-details=always", "vigil.command-timeout=20s", "vigil.connect-timeout=10s" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VigilSentinelFailoverApplicationTests {

  private static Topology topology;

  @Autowired
  private VigilClient client;

  @Autowired
  private HealthEndpoint healthEndpoint;

  @Autowired
  private MeterRegistry meterRegistry;

  @BeforeAll
  static void startTopology() {
    RealRedis.requireServer();
    topology = Topology.builder().replicas(2).sentinels(3).downAfter(Duration.ofMillis(1000)).start();
    topology.awaitHealthy();
  }

  @AfterAll
  static void stopTopology() {
    if (topology != null) {
      topology.close();
    }
  }

  @DynamicPropertySource
  static void vigilProperties(DynamicPropertyRegistry registry) {
    registry.add("vigil.sentinel.master", () -> topology.masterName());
    registry.add("vigil.sentinel.nodes", () -> topology.sentinelAddresses().stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(",")));
  }

  @Test
  @Order(1)
  void readsWritesAndReportsTheMasterWithItsReplicas() {
    client.set("spring:greeting", "hello");
    assertThat(client.get("spring:greeting")).isEqualTo("hello");
    assertThat(client.currentMaster()).isEqualTo(endpoint(topology.currentMaster().address()));

    IndicatedHealthDescriptor health = awaitHealth(h -> Status.UP.equals(h.getStatus())
        && ((List<?>) h.getDetails().get("replicas")).size() == 2);
    assertThat(health.getDetails()).containsEntry("mode", "sentinel").containsEntry("role", "master")
        .containsEntry("masterName", topology.masterName())
        .containsEntry("master", endpoint(topology.currentMaster().address()).toString());
  }

  @Test
  @Order(2)
  void writesContinueWhenTheMasterIsKilled() throws Exception {
    Node oldMaster = topology.currentMaster();
    client.set("spring:before-failover", "kept");
    assertThat(client.waitReplicas(2, Duration.ofSeconds(5))).isEqualTo(2L);

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong acknowledged = new AtomicLong(-1);
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    Thread writer = new Thread(() -> {
      for (long i = 0; !stop.get(); i++) {
        try {
          client.set("spring:w:" + i, Long.toString(i));
          acknowledged.set(i);
        } catch (RuntimeException e) {
          errors.add(e);
        }
      }
    }, "failover-writer");
    writer.start();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.get() >= 20);
      topology.faults().kill(oldMaster);
      // Sentinel waits down-after (1 s) before it promotes a replica: health is DOWN meanwhile.
      IndicatedHealthDescriptor down = awaitHealth(h -> Status.DOWN.equals(h.getStatus()));
      assertThat((String) down.getDetails().get("reason")).isNotBlank();
      Node promoted = topology.awaitFailover(oldMaster, Duration.ofSeconds(30));
      Endpoint promotedAddress = endpoint(promoted.address());
      long atFailover = acknowledged.get();
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> promotedAddress.equals(client.currentMaster()) && acknowledged.get() > atFailover + 20);
    } finally {
      stop.set(true);
      writer.join(30_000);
    }
    assertThat(errors).as("errors the writer saw across the failover").isEmpty();
    long last = acknowledged.get();
    assertThat(client.get("spring:w:" + last)).isEqualTo(Long.toString(last));
    assertThat(client.get("spring:before-failover")).isEqualTo("kept");

    Endpoint newMaster = client.currentMaster();
    IndicatedHealthDescriptor health = awaitHealth(h -> Status.UP.equals(h.getStatus())
        && newMaster.toString().equals(h.getDetails().get("master")));
    assertThat(health.getDetails()).containsEntry("role", "master");
    assertThat(meterRegistry.find("vigil.failovers").meters()).as("failover meters in the application's registry")
        .isNotEmpty();
  }

  private IndicatedHealthDescriptor awaitHealth(java.util.function.Predicate<IndicatedHealthDescriptor> condition) {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> (IndicatedHealthDescriptor) healthEndpoint.healthForPath("vigil"), condition::test);
  }

  private static Endpoint endpoint(InetSocketAddress address) {
    return Endpoint.of(address.getHostString(), address.getPort());
  }

  /** An application with nothing but auto-configuration. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
  }
}
