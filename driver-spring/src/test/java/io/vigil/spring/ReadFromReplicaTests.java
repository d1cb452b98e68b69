package io.vigil.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.driver.ClientView;
import io.vigil.driver.VigilClient;
import io.vigil.spring.metrics.VigilMetricsAutoConfiguration;
import io.vigil.testkit.Await;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declarative read routing against a real redis-server master and replica: reads inside a
 * {@link ReadFromReplica} method go to the replica, everything else to the master.
 */
class ReadFromReplicaTests {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private static RedisServerProcess master;
  private static RedisServerProcess replica;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VigilMetricsAutoConfiguration.class, VigilAutoConfiguration.class,
          SslAutoConfiguration.class))
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  @BeforeAll
  static void startServers() {
    RealRedis.requireServer();
    master = RedisServerProcess.builder().start();
    // A writable replica: a key written to it alone tells which node served a read or a write.
    replica = RedisServerProcess.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.port()))
        .directive("replica-read-only", "no").start();
  }

  /** Sends one command to a node directly and returns its reply line. */
  private static String send(RedisServerProcess node, String... args) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout(5000);
      StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        command.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      socket.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      return line.startsWith("$") && !line.equals("$-1") ? in.readLine() : line;
    }
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

  private ApplicationContextRunner onMaster(String... properties) {
    return runner.withPropertyValues("vigil.host=127.0.0.1", "vigil.port=" + master.port())
        .withPropertyValues(properties);
  }

  private static double reads(MeterRegistry registry, String role) {
    Counter c = registry.find("vigil.reads").tag("role", role).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void readsInsideTheScopeGoToTheReplicaAndEverythingElseToTheMaster() {
    onMaster().withUserConfiguration(Services.class).run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      Catalog catalog = context.getBean(Catalog.class);

      catalog.write("rr:item", "v1");
      Await.until("a read in the scope served by the replica", DEADLINE, () -> {
        double before = reads(registry, "replica");
        return "v1".equals(catalog.read("rr:item")) && reads(registry, "replica") > before;
      });

      double replicaReads = reads(registry, "replica");
      assertThat(catalog.readOutside("rr:item")).isEqualTo("v1");
      assertThat(context.getBean(VigilRoutingClient.class).get("rr:item")).isEqualTo("v1");
      assertThat(reads(registry, "replica")).as("reads outside a scope").isEqualTo(replicaReads);
      assertThat(VigilReadScope.current()).isNull();
    });
  }

  @Test
  void aKeyOnlyOnTheReplicaIsSeenInsideTheScopeOnlyAndWritesInsideReachTheMaster() {
    onMaster().withUserConfiguration(Services.class).run(context -> {
      Catalog catalog = context.getBean(Catalog.class);
      assertThat(send(replica, "SET", "rr:replica-only", "r")).isEqualTo("+OK");
      Await.until("a read in the scope served by the replica", DEADLINE,
          () -> "r".equals(catalog.read("rr:replica-only")));
      assertThat(catalog.readOutside("rr:replica-only")).as("read outside a scope").isNull();
      assertThat(context.getBean(VigilRoutingClient.class).get("rr:replica-only")).isNull();

      catalog.write("rr:written-in-scope", "w");
      assertThat(send(master, "GET", "rr:written-in-scope")).as("on the master").isEqualTo("w");
    });
  }

  @Test
  void worksWithSpringBootsAopAutoConfiguration() {
    onMaster().withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
        .withUserConfiguration(Services.class).run(context -> {
          assertThat(send(replica, "SET", "rr:aop", "a")).isEqualTo("+OK");
          Catalog catalog = context.getBean(Catalog.class);
          Await.until("a read in the scope served by the replica", DEADLINE, () -> "a".equals(catalog.read("rr:aop")));
          assertThat(catalog.readOutside("rr:aop")).isNull();
        });
  }

  @Test
  void anotherThreadDoesNotInheritTheScope() {
    onMaster().withUserConfiguration(Services.class).run(context -> {
      List<VigilReadScope> seen = context.getBean(Catalog.class).handOff();
      assertThat(seen.get(0)).isNotNull();
      assertThat(seen.get(1)).as("on the executor's thread").isNull();
    });
  }

  @Test
  void aMalformedMaxLagFailsTheCallNamingIt() {
    onMaster().withUserConfiguration(Services.class).run(context -> assertThatThrownBy(
        () -> context.getBean(Inner.class).malformed()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLag = \"soon\"").hasMessageContaining("100ms"));
  }

  @Test
  void theViewForAPolicyIsBuiltOnce() {
    onMaster().run(context -> {
      VigilClient client = context.getBean(VigilClient.class);
      VigilReadRouter router = context.getBean(VigilReadRouter.class);
      assertThat(router.route(client)).isSameAs(client);
      try (VigilReadScope.Closer scope = VigilReadScope.open(ReadFromReplica.Policy.REPLICA, Duration.ofSeconds(1))) {
        ClientView<String, String> view = router.route(client);
        assertThat(view).isNotSameAs(client).isSameAs(router.route(client));
      }
      assertThat(router.route(client)).isSameAs(client);
    });
  }

  @Test
  void classAnnotationAppliesToEveryMethod() {
    onMaster().withUserConfiguration(Services.class).run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      context.getBean(VigilClient.class).set("rr:class", "c");
      Report report = context.getBean(Report.class);
      Await.until("a read in the class scope served by the replica", DEADLINE, () -> {
        double before = reads(registry, "replica");
        return "c".equals(report.read("rr:class")) && reads(registry, "replica") > before;
      });
      assertThat(report.scope()).isEqualTo(new VigilReadScope(ReadFromReplica.Policy.REPLICA, Duration.ofSeconds(5)));
    });
  }

  @Test
  void nestedScopesInnermostWinsAndTheOuterIsRestored() {
    onMaster().withUserConfiguration(Services.class).run(context -> {
      List<VigilReadScope> seen = context.getBean(Catalog.class).nested();
      assertThat(seen).containsExactly(
          new VigilReadScope(ReadFromReplica.Policy.REPLICA_PREFERRED, Duration.ofSeconds(5)),
          new VigilReadScope(ReadFromReplica.Policy.NEAREST, Duration.ofMillis(100)),
          new VigilReadScope(ReadFromReplica.Policy.REPLICA_PREFERRED, Duration.ofSeconds(5)));
      assertThat(VigilReadScope.current()).isNull();
    });
  }

  @Test
  void anExceptionStillClosesTheScope() {
    onMaster().withUserConfiguration(Services.class).run(context -> {
      Catalog catalog = context.getBean(Catalog.class);
      assertThatThrownBy(catalog::fail).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      assertThat(VigilReadScope.current()).isNull();
    });
  }

  @Test
  void clientViewInjectionStillGetsTheClient() {
    onMaster().withUserConfiguration(Services.class).run(context -> {
      assertThat(context).hasSingleBean(VigilRoutingClient.class);
      assertThat(context.getBean(Holder.class).view).isSameAs(context.getBean(VigilClient.class));
    });
  }

  @Test
  void routingClientAndRouterBackOff() {
    VigilReadRouter router = client -> client;
    onMaster().withBean(VigilReadRouter.class, () -> router).run(context -> {
      assertThat(context).hasSingleBean(VigilReadRouter.class);
      assertThat(context.getBean(VigilReadRouter.class)).isSameAs(router);
    });
    onMaster().withUserConfiguration(OwnRoutingClient.class).run(context -> assertThat(context).hasSingleBean(VigilRoutingClient.class).hasBean("myRouting"));
  }

  @Test
  void clientWideReadPolicyAppliesOutsideScopes() {
    onMaster("vigil.read-policy=replica-preferred", "vigil.read.max-lag=5s").run(context -> {
      assertThat(context.getBean(VigilClient.class).readPolicy().target())
          .isEqualTo(io.vigil.driver.ReadPolicy.Target.REPLICA_PREFERRED);
      assertThat(context.getBean(VigilClient.class).readPolicy().maxLag()).isEqualTo(Duration.ofSeconds(5));
    });
  }

  @Test
  void unknownReadPolicyFailsTheStartNamingTheProperty() {
    onMaster("vigil.read-policy=replicas").run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = new InvalidVigilPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("'vigil.read-policy'").contains("replicas");
      assertThat(analysis.getAction()).contains("replica-preferred");
    });
  }

  @Test
  void nonPositiveMaxLagFailsTheStartNamingTheProperty() {
    onMaster("vigil.read.max-lag=0s").run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = new InvalidVigilPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains("'vigil.read.max-lag'");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class Services {

    @Bean
    Catalog catalog(VigilRoutingClient redis, Inner inner) {
      return new Catalog(redis, inner);
    }

    @Bean
    Inner inner() {
      return new Inner();
    }

    @Bean
    Report report(VigilRoutingClient redis) {
      return new Report(redis);
    }

    @Bean
    Holder holder(ClientView<String, String> view) {
      return new Holder(view);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRoutingClient {
    @Bean
    VigilRoutingClient myRouting(VigilClient client) {
      return VigilRoutingClient.of(client, c -> c);
    }
  }

  static class Holder {
    final ClientView<String, String> view;

    Holder(ClientView<String, String> view) {
      this.view = view;
    }
  }

  static class Catalog {
    private final VigilRoutingClient redis;
    private final Inner inner;

    Catalog(VigilRoutingClient redis, Inner inner) {
      this.redis = redis;
      this.inner = inner;
    }

    @ReadFromReplica
    public String read(String key) {
      return redis.get(key);
    }

    @ReadFromReplica
    public void write(String key, String value) {
      redis.set(key, value);
    }

    public String readOutside(String key) {
      return redis.get(key);
    }

    @ReadFromReplica(maxLag = "5s")
    public List<VigilReadScope> nested() {
      List<VigilReadScope> seen = new ArrayList<>();
      seen.add(VigilReadScope.current());
      seen.add(inner.scope());
      seen.add(VigilReadScope.current());
      return seen;
    }

    @ReadFromReplica
    public List<VigilReadScope> handOff() throws Exception {
      List<VigilReadScope> seen = new ArrayList<>();
      seen.add(VigilReadScope.current());
      ExecutorService executor = Executors.newSingleThreadExecutor();
      try {
        seen.add(executor.submit(VigilReadScope::current).get());
      } finally {
        executor.shutdown();
      }
      return seen;
    }

    @ReadFromReplica
    public void fail() {
      throw new IllegalStateException("boom");
    }
  }

  static class Inner {
    @ReadFromReplica(policy = ReadFromReplica.Policy.NEAREST, maxLag = "100ms")
    public VigilReadScope scope() {
      return VigilReadScope.current();
    }

    @ReadFromReplica(maxLag = "soon")
    public void malformed() {
    }
  }

  @ReadFromReplica(policy = ReadFromReplica.Policy.REPLICA, maxLag = "5s")
  static class Report {
    private final VigilRoutingClient redis;

    Report(VigilRoutingClient redis) {
      this.redis = redis;
    }

    public String read(String key) {
      return redis.get(key);
    }

    public VigilReadScope scope() {
      return VigilReadScope.current();
    }
  }
}
