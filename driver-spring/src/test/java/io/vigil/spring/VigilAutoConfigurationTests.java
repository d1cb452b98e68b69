package io.vigil.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.driver.ClientView;
import io.vigil.driver.Endpoint;
import io.vigil.driver.Topology;
import io.vigil.driver.VigilClient;
import io.vigil.driver.VigilException;
import io.vigil.spring.metrics.VigilMetricsAutoConfiguration;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVerbatimString;
import io.vigil.testkit.process.Ports;
import io.vigil.testkit.server.VigilServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The client bean, property binding, the spring.data.redis fallback and each bean's back-off. */
class VigilAutoConfigurationTests {

  private static VigilServer server;
  private static VigilServer secondServer;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, SslAutoConfiguration.class));

  @BeforeAll
  static void startServers() {
    server = VigilServer.builder().start();
    secondServer = VigilServer.builder().start();
  }

  @AfterAll
  static void stopServers() {
    server.close();
    secondServer.close();
  }

  private static String port() {
    return Integer.toString(server.port());
  }

  @Test
  void clientFromVigilPropertiesReadsAndWrites() {
    runner.withPropertyValues("vigil.host=127.0.0.1", "vigil.port=" + port(), "vigil.database=2").run(context -> {
      assertThat(context).hasSingleBean(VigilClient.class).hasSingleBean(VigilConnectionDetails.class)
          .hasSingleBean(VigilReadRouter.class);
      VigilClient client = context.getBean(VigilClient.class);
      assertThat(client.topology()).isEqualTo(Topology.standalone(Endpoint.of("127.0.0.1", server.port())));
      client.set("auto:vigil", "yes");
      assertThat(client.get("auto:vigil")).isEqualTo("yes");
      assertThat(clientInfo(client)).contains("db=2");
    });
  }

  @Test
  void withoutAnyPropertyTheClientTargetsLocalhost6379() {
    runner.withUserConfiguration(ClientOverride.class).run(context -> {
      PropertiesVigilConnectionDetails details = context.getBean(PropertiesVigilConnectionDetails.class);
      assertThat(details.getNode()).isEqualTo(Endpoint.of("localhost", 6379));
      assertThat(details.getSentinel()).isNull();
    });
  }

  @Test
  void springDataRedisHostPortAndDatabaseAreHonouredWithoutVigilProperties() {
    runner.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port(),
        "spring.data.redis.database=3", "spring.data.redis.username=app").withUserConfiguration(ClientOverride.class)
        .run(context -> {
          PropertiesVigilConnectionDetails details = context.getBean(PropertiesVigilConnectionDetails.class);
          assertThat(details.getPrefix()).isEqualTo("spring.data.redis");
          assertThat(details.getNode()).isEqualTo(Endpoint.of("127.0.0.1", server.port()));
          assertThat(details.getDatabase()).isEqualTo(3);
          assertThat(details.getUsername()).isEqualTo("app");
        });
  }

  @Test
  void springDataRedisUrlIsHonouredAndTheClientWorks() {
    runner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:" + port() + "/1").run(context -> {
      VigilClient client = context.getBean(VigilClient.class);
      client.set("auto:url", "1");
      assertThat(clientInfo(client)).contains("db=1");
    });
  }

  @Test
  void springDataRedisSentinelPropertiesSelectSentinelMode() {
    runner.withPropertyValues("spring.data.redis.sentinel.master=cache",
        "spring.data.redis.sentinel.nodes=10.0.0.1:26379, 10.0.0.2:26380",
        "spring.data.redis.sentinel.username=sentry", "spring.data.redis.sentinel.password=sentinel-pw",
        "spring.data.redis.password=data-pw").withUserConfiguration(ClientOverride.class).run(context -> {
          VigilConnectionDetails details = context.getBean(VigilConnectionDetails.class);
          assertThat(details.getNode()).isNull();
          assertThat(details.getSentinel().getMaster()).isEqualTo("cache");
          assertThat(details.getSentinel().getNodes())
              .containsExactly(Endpoint.of("10.0.0.1", 26379), Endpoint.of("10.0.0.2", 26380));
          assertThat(details.getSentinel().getUsername()).isEqualTo("sentry");
          assertThat(details.getSentinel().getPassword()).isEqualTo("sentinel-pw");
          assertThat(details.getPassword()).isEqualTo("data-pw");
        });
  }

  @Test
  void anyVigilConnectionPropertyDisablesTheSpringDataRedisFallback() {
    runner.withPropertyValues("vigil.port=" + port(), "spring.data.redis.host=10.9.9.9",
        "spring.data.redis.sentinel.master=cache", "spring.data.redis.sentinel.nodes=10.0.0.1:26379")
        .withUserConfiguration(ClientOverride.class).run(context -> {
          PropertiesVigilConnectionDetails details = context.getBean(PropertiesVigilConnectionDetails.class);
          assertThat(details.getPrefix()).isEqualTo("vigil");
          assertThat(details.getNode()).isEqualTo(Endpoint.of("localhost", server.port()));
        });
  }

  @Test
  void sentinelModeIsInferredFromVigilSentinelNodes() {
    runner.withPropertyValues("vigil.sentinel.master=mymaster", "vigil.sentinel.nodes[0]=127.0.0.1:26379",
        "vigil.sentinel.nodes[1]=[::1]:26380", "vigil.sentinel.nodes[2]=sentinel-3")
        .withUserConfiguration(ClientOverride.class).run(context -> {
          VigilConnectionDetails.Sentinel sentinel = context.getBean(VigilConnectionDetails.class).getSentinel();
          assertThat(sentinel.getMaster()).isEqualTo("mymaster");
          assertThat(sentinel.getNodes()).containsExactly(Endpoint.of("127.0.0.1", 26379), Endpoint.of("::1", 26380),
              Endpoint.of("sentinel-3", 26379));
        });
  }

  @Test
  void redisSentinelUrlSetsNodesMasterAndCredentials() {
    runner.withPropertyValues("vigil.url=rediss-sentinel://app:p%40ss@s1:26379,s2:26380/orders")
        .withUserConfiguration(ClientOverride.class).run(context -> {
          VigilConnectionDetails details = context.getBean(VigilConnectionDetails.class);
          assertThat(details.getSentinel().getMaster()).isEqualTo("orders");
          assertThat(details.getSentinel().getNodes()).containsExactly(Endpoint.of("s1", 26379), Endpoint.of("s2", 26380));
          assertThat(details.getUsername()).isEqualTo("app");
          assertThat(details.getPassword()).isEqualTo("p@ss");
          assertThat(details.isSslEnabled()).isTrue();
        });
  }

  @Test
  void optionsBindToTheirTypes() {
    runner.withPropertyValues("vigil.port=" + port(), "vigil.command-timeout=750ms", "vigil.connect-timeout=2s",
        "vigil.connections-per-node=2", "vigil.max-exclusive-connections=8", "vigil.client-name=orders",
        "vigil.retry.max-attempts=3", "vigil.retry.initial-backoff=10ms", "vigil.retry.max-backoff=1s",
        "vigil.retry.jitter=0.25", "vigil.retry.accept-duplicates=true", "vigil.sentinel.poll-interval=500ms")
        .run(context -> {
          VigilProperties p = context.getBean(VigilProperties.class);
          assertThat(p.getCommandTimeout()).isEqualTo(Duration.ofMillis(750));
          assertThat(p.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(p.getConnectionsPerNode()).isEqualTo(2);
          assertThat(p.getMaxExclusiveConnections()).isEqualTo(8);
          assertThat(p.getRetry().getMaxAttempts()).isEqualTo(3);
          assertThat(p.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(10));
          assertThat(p.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(1));
          assertThat(p.getRetry().getJitter()).isEqualTo(0.25);
          assertThat(p.getRetry().isAcceptDuplicates()).isTrue();
          assertThat(p.getSentinel().getPollInterval()).isEqualTo(Duration.ofMillis(500));
          VigilClient client = context.getBean(VigilClient.class);
          assertThat(client.toString()).contains("commandTimeout 750 ms");
          assertThat(client.execute("CLIENT", "GETNAME").toString()).contains("orders");
        });
  }

  @Test
  void tlsVerifiesHostNamesUnlessThePropertyTurnsItOff() {
    // Nothing listens there: the shared plain-text server is spared the TLS client's handshakes.
    String nowhere = Integer.toString(Ports.freeLoopbackPort());
    runner.withPropertyValues("vigil.port=" + nowhere, "vigil.ssl.enabled=true")
        .run(context -> {
          assertThat(context.getBean(VigilProperties.class).getSsl().isVerifyHostname()).isTrue();
          assertThat(context.getBean(VigilClient.class).toString()).contains(", tls").doesNotContain("without");
        });
    runner.withPropertyValues("vigil.port=" + nowhere, "vigil.ssl.enabled=true", "vigil.ssl.verify-hostname=false")
        .run(context -> assertThat(context.getBean(VigilClient.class).toString())
            .contains("tls without host-name verification"));
  }

  @Test
  void clientIsClosedWithTheContext() {
    List<VigilClient> clients = new ArrayList<>();
    runner.withPropertyValues("vigil.port=" + port()).run(context -> {
      VigilClient client = context.getBean(VigilClient.class);
      assertThat(client.ping()).isEqualTo("PONG");
      clients.add(client);
    });
    assertThatThrownBy(() -> clients.get(0).ping()).isInstanceOf(VigilException.class);
  }

  @Test
  void customizersRunInOrderAfterTheProperties() {
    runner.withPropertyValues("vigil.port=" + port(), "vigil.client-name=from-properties")
        .withUserConfiguration(OrderedCustomizers.class).run(context -> {
          assertThat(context.getBean(OrderedCustomizers.class).calls).containsExactly("first", "second");
          assertThat(context.getBean(VigilClient.class).execute("CLIENT", "GETNAME").toString())
              .contains("from-second");
        });
  }

  @Test
  void userClientBacksOffTheAutoConfiguredOne() {
    runner.withPropertyValues("vigil.port=" + port()).withUserConfiguration(ClientOverride.class).run(context -> {
      assertThat(context).hasSingleBean(VigilClient.class);
      assertThat(context.getBean(VigilClient.class)).isSameAs(context.getBean(ClientOverride.class).client);
    });
  }

  @Test
  void userConnectionDetailsReplaceTheProperties() {
    runner.withPropertyValues("vigil.host=10.9.9.9", "vigil.port=1")
        .withBean(VigilConnectionDetails.class,
            () -> VigilConnectionDetails.standalone(Endpoint.of("127.0.0.1", secondServer.port())))
        .run(context -> {
          assertThat(context).hasSingleBean(VigilConnectionDetails.class)
              .doesNotHaveBean(PropertiesVigilConnectionDetails.class);
          VigilClient client = context.getBean(VigilClient.class);
          assertThat(client.topology()).isEqualTo(Topology.standalone(Endpoint.of("127.0.0.1", secondServer.port())));
          assertThat(client.ping()).isEqualTo("PONG");
        });
  }

  @Test
  void userReadRouterBacksOffTheDefault() {
    VigilReadRouter mine = client -> client;
    runner.withPropertyValues("vigil.port=" + port()).withBean(VigilReadRouter.class, () -> mine).run(context -> {
      assertThat(context).hasSingleBean(VigilReadRouter.class);
      assertThat(context.getBean(VigilReadRouter.class)).isSameAs(mine);
    });
  }

  @Test
  void defaultReadRouterSendsEverythingToTheClientItself() {
    runner.withPropertyValues("vigil.port=" + port()).run(context -> {
      VigilClient client = context.getBean(VigilClient.class);
      ClientView<String, String> view = context.getBean(VigilReadRouter.class).route(client);
      assertThat(view).isSameAs(client);
    });
  }

  @Test
  void meterRegistryIsHandedToTheBuilderWhenOneExists() {
    ApplicationContextRunner metrics = runner.withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class))
        .withPropertyValues("vigil.port=" + port());
    metrics.run(context -> assertThat(context).doesNotHaveBean("vigilMetricsCustomizer"));
    metrics.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      assertThat(context).hasBean("vigilMetricsCustomizer").hasSingleBean(VigilClient.class);
    });
  }

  @Test
  void metricsBindingIsAbsentWithoutMicrometerOnTheClassPath() {
    runner.withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class))
        .withPropertyValues("vigil.port=" + port()).withClassLoader(new FilteredClassLoader("io.micrometer.core"))
        .run(context -> assertThat(context).doesNotHaveBean("vigilMetricsCustomizer"));
  }

  @Test
  void meterRegistryOfSpringBootMetricsIsUsed() {
    runner.withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class,
        org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration.class,
        org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration.class,
        org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("vigil.port=" + port())
        .run(context -> assertThat(context).hasBean("vigilMetricsCustomizer").hasSingleBean(VigilClient.class));
  }

  @Test
  void userMetricsCustomizerBacksOffTheDefault() {
    List<String> calls = new ArrayList<>();
    runner.withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class))
        .withPropertyValues("vigil.port=" + port()).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean("vigilMetricsCustomizer", VigilClientBuilderCustomizer.class, () -> b -> calls.add("mine"))
        .run(context -> {
          assertThat(context).hasSingleBean(VigilClientBuilderCustomizer.class);
          assertThat(calls).containsExactly("mine");
        });
  }

  private static String clientInfo(VigilClient client) {
    RespValue info = client.execute("CLIENT", "INFO");
    if (info instanceof RespVerbatimString) {
      return ((RespVerbatimString) info).asString();
    }
    return ((RespBulkString) info).asString();
  }

  @Configuration(proxyBeanMethods = false)
  static class ClientOverride {
    final VigilClient client = VigilClient.builder().node("127.0.0.1", server.port()).build();

    @Bean
    VigilClient myClient() {
      return client;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OrderedCustomizers {
    final List<String> calls = new ArrayList<>();

    @Bean
    @Order(2)
    VigilClientBuilderCustomizer second() {
      return b -> {
        calls.add("second");
        b.clientName("from-second");
      };
    }

    @Bean
    @Order(1)
    VigilClientBuilderCustomizer first() {
      return b -> {
        calls.add("first");
        b.clientName("from-first");
      };
    }
  }
}
