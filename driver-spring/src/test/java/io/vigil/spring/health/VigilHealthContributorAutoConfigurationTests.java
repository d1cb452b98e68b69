package io.vigil.spring.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.spring.VigilAutoConfiguration;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.server.VigilServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health indicator: present when health support is, UP with the master's view, DOWN with a reason. */
class VigilHealthContributorAutoConfigurationTests {

  private static RedisServerProcess master;
  private static RedisServerProcess replica;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, SslAutoConfiguration.class,
          HealthContributorAutoConfiguration.class, VigilHealthContributorAutoConfiguration.class));

  @BeforeAll
  static void startServers() {
    // Real redis-server nodes: the replica reports its offset to the master, which ROLE lists.
    RealRedis.requireServer();
    master = RedisServerProcess.builder().start();
    replica = RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start();
  }

  @AfterAll
  static void stopServers() {
    if (replica != null) {
      replica.close();
    }
    if (master != null) {
      master.close();
    }
  }

  @Test
  void upWithRoleMasterAddressAndReplicaLag() {
    runner.withPropertyValues("vigil.host=127.0.0.1", "vigil.port=" + master.port()).run(context -> {
      assertThat(context).hasSingleBean(VigilHealthIndicator.class);
      Health health = awaitReplicaListed(context.getBean(VigilHealthIndicator.class));
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("mode", "standalone").containsEntry("role", "master")
          .containsEntry("master", "127.0.0.1:" + master.port());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> replicas = (List<Map<String, Object>>) health.getDetails().get("replicas");
      assertThat(replicas).singleElement().satisfies(r -> {
        assertThat(r).containsKeys("address", "offset", "lagBytes");
        assertThat((Long) r.get("lagBytes")).isGreaterThanOrEqualTo(0L);
      });
    });
  }

  @Test
  void downWithTheReasonWhenTheNodeDoesNotAnswer() {
    int closedPort;
    try (VigilServer gone = VigilServer.builder().start()) {
      closedPort = gone.port();
    }
    runner.withPropertyValues("vigil.host=127.0.0.1", "vigil.port=" + closedPort, "vigil.command-timeout=300ms")
        .run(context -> {
          Health health = context.getBean(VigilHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat((String) health.getDetails().get("reason")).contains("127.0.0.1:" + closedPort);
        });
  }

  @Test
  void downWhenTheNodeIsAReplica() {
    runner.withPropertyValues("vigil.host=127.0.0.1", "vigil.port=" + replica.port()).run(context -> {
      Health health = context.getBean(VigilHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("reason")).contains("slave");
    });
  }

  @Test
  void disabledByManagementProperty() {
    runner.withPropertyValues("vigil.port=" + master.port(), "management.health.vigil.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(VigilHealthIndicator.class));
  }

  @Test
  void backsOffForAUserIndicator() {
    runner.withPropertyValues("vigil.port=" + master.port())
        .withBean("vigilHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
        .run(context -> assertThat(context).doesNotHaveBean(VigilHealthIndicator.class)
            .hasBean("vigilHealthIndicator"));
  }

  @Test
  void absentWithoutSpringBootHealthOnTheClassPath() {
    runner.withPropertyValues("vigil.port=" + master.port()).withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasSingleBean(io.vigil.driver.VigilClient.class)
            .doesNotHaveBean(VigilHealthIndicator.class));
  }

  @Test
  void absentWithoutAVigilClient() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
            VigilHealthContributorAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(VigilHealthIndicator.class));
  }

  /** The replica reports to its master asynchronously after its sync: await it with a deadline. */
  private static Health awaitReplicaListed(HealthIndicator indicator) {
    AtomicReference<Health> last = new AtomicReference<>();
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
      Health health = indicator.health();
      last.set(health);
      Object replicas = health.getDetails().get("replicas");
      return replicas instanceof List && !((List<?>) replicas).isEmpty();
    });
    return last.get();
  }
}
