package io.vigil.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.Endpoint;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.chaos.NodeKind;
import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.process.RespSocket;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service pointed at an existing Sentinel deployment by properties alone: a stack the test
 * starts plays the real one, and {@code vigil.sentinel.master}/{@code vigil.sentinel.nodes} name
 * it. No embedded stack starts, and the writes land on that deployment's master.
 */
@SpringBootTest(classes = SampleServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleServiceRealSentinelTests {

  private static Topology deployment;

  @LocalServerPort
  private int port;

  @Autowired
  private ApplicationContext context;

  @Autowired
  private VigilClient client;

  @BeforeAll
  static void startDeployment() {
    deployment = Topology.builder().masterName("orders").replicas(1).sentinels(3)
        .dataNodes(NodeKind.JAVA).sentinelNodes(NodeKind.JAVA).start().awaitHealthy(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopDeployment() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @DynamicPropertySource
  static void sentinelProperties(DynamicPropertyRegistry registry) {
    registry.add("vigil.sentinel.master", () -> deployment.masterName());
    registry.add("vigil.sentinel.nodes", () -> deployment.sentinelAddresses().stream()
        .map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(",")));
  }

  @Test
  void theClientUsesTheConfiguredSentinelsAndNoEmbeddedStackStarts() {
    assertThat(context.getBeansOfType(Topology.class)).as("embedded stacks").isEmpty();
    io.vigil.driver.Topology.Sentinel topology = (io.vigil.driver.Topology.Sentinel) client.topology();
    assertThat(topology.masterName()).isEqualTo("orders");
    assertThat(topology.sentinels()).containsExactlyElementsOf(deployment.sentinelAddresses().stream()
        .map(a -> Endpoint.of(a.getHostString(), a.getPort())).toList());
    var master = deployment.currentMaster().address();
    assertThat(client.currentMaster()).isEqualTo(Endpoint.of(master.getHostString(), master.getPort()));
  }

  @Test
  void writesThroughTheServiceLandOnTheConfiguredMaster() {
    Http.Reply written = new Http(port).put("/values/configured", "by properties");
    assertThat(written.status()).isEqualTo(200);
    assertThat(RespSocket.text(deployment.currentMaster().call("GET", "configured"))).isEqualTo("by properties");
    assertThat(new Http(port).get("/actuator/health").body().get("components").get("vigil").get("details")
        .get("masterName").asString()).isEqualTo("orders");
  }
}
