package io.vigil.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.server.VigilServer;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLoggingListener;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Bad properties fail the start with a report naming the property and the fix; secrets stay out of it. */
@ExtendWith(OutputCaptureExtension.class)
class VigilFailFastTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class, SslAutoConfiguration.class));

  private void assertFailure(String property, String inDescription, String inAction, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      FailureAnalysis analysis = new InvalidVigilPropertyFailureAnalyzer().analyze(failure);
      assertThat(analysis).as("analysis of %s", failure).isNotNull();
      assertThat(analysis.getDescription()).contains("'" + property + "'").contains(inDescription);
      assertThat(analysis.getAction()).contains(inAction);
    });
  }

  @Test
  void sentinelModeWithoutNodesNamesTheNodesProperty() {
    assertFailure("vigil.sentinel.nodes", "is not set", "vigil.sentinel.nodes=127.0.0.1:26379",
        "vigil.mode=sentinel", "vigil.sentinel.master=mymaster");
  }

  @Test
  void sentinelNodesWithoutMasterNamesTheMasterProperty() {
    assertFailure("vigil.sentinel.master", "is not set", "vigil.sentinel.master=mymaster",
        "vigil.sentinel.nodes=127.0.0.1:26379");
  }

  @Test
  void malformedSentinelAddressNamesTheEntry() {
    assertFailure("vigil.sentinel.nodes[1]", "the port 'abc' is not a number", "host:port",
        "vigil.sentinel.master=mymaster", "vigil.sentinel.nodes=127.0.0.1:26379,127.0.0.1:abc");
  }

  @Test
  void malformedSpringDataRedisSentinelAddressNamesItsOwnProperty() {
    assertFailure("spring.data.redis.sentinel.nodes[0]", "65536", "host:port",
        "spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=127.0.0.1:65536");
  }

  @Test
  void negativeTimeoutNamesTheTimeoutProperty() {
    assertFailure("vigil.command-timeout", "-1000ms", "positive duration", "vigil.port=6379",
        "vigil.command-timeout=-1s");
  }

  @Test
  void maxBackoffBelowInitialNamesMaxBackoff() {
    assertFailure("vigil.retry.max-backoff", "must not be below", "at least vigil.retry.initial-backoff",
        "vigil.port=6379", "vigil.retry.initial-backoff=1s", "vigil.retry.max-backoff=10ms");
  }

  @Test
  void outOfRangePoolSizeNamesThePoolProperty() {
    assertFailure("vigil.connections-per-node", "between 1 and 64", "between 1 and 64", "vigil.port=6379",
        "vigil.connections-per-node=0");
  }

  @Test
  void standaloneModeWithSentinelNodesIsAContradiction() {
    assertFailure("vigil.mode", "standalone", "Remove vigil.mode=standalone", "vigil.mode=standalone",
        "vigil.sentinel.nodes=127.0.0.1:26379");
  }

  @Test
  void unsupportedUrlSchemeNamesTheUrlProperty() {
    assertFailure("vigil.url", "'http' is not supported", "redis://", "vigil.url=http://localhost:6379");
  }

  @Test
  void unknownSslBundleNamesTheBundleProperty() {
    assertFailure("vigil.ssl.bundle", "no SSL bundle has that name", "spring.ssl.bundle.jks.redis", "vigil.port=6379",
        "vigil.ssl.bundle=redis");
  }

  @Test
  void unknownModeFailsBindingWithThePropertyName() {
    runner.withPropertyValues("vigil.mode=cluster").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("cluster");
      Throwable t = context.getStartupFailure();
      while (t != null && !(t instanceof BindException)) {
        t = t.getCause();
      }
      assertThat(t).isInstanceOf(BindException.class);
      assertThat(((BindException) t).getName()).hasToString("vigil.mode");
    });
  }

  @Test
  void unreachableSentinelsFailTheStartWithWhereToLook() {
    int closedPort;
    try (VigilServer gone = VigilServer.builder().start()) {
      closedPort = gone.port();
    }
    runner.withPropertyValues("vigil.sentinel.master=mymaster", "vigil.sentinel.nodes=127.0.0.1:" + closedPort,
        "vigil.connect-timeout=1s").run(context -> {
          assertThat(context).hasFailed();
          FailureAnalysis analysis = new VigilConnectionFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).contains("127.0.0.1:" + closedPort);
          assertThat(analysis.getAction()).contains("vigil.sentinel.nodes");
        });
  }

  @Test
  void failureAnalyzersAreRegistered() {
    // Other modules' analyzers need constructor arguments; only whether ours loads matters here.
    List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
        null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));
    assertThat(analyzers).anyMatch(a -> a instanceof InvalidVigilPropertyFailureAnalyzer)
        .anyMatch(a -> a instanceof VigilConnectionFailureAnalyzer);
  }

  @Test
  void passwordInABadUrlIsMaskedInTheReport(CapturedOutput output) {
    runner.withPropertyValues("vigil.url=redis://app:Hunter2-secret@localhost:notaport/0").run(context -> {
      assertThat(context).hasFailed();
      FailureAnalysis analysis = new InvalidVigilPropertyFailureAnalyzer().analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains("vigil.url").contains("app:****@")
          .doesNotContain("Hunter2-secret");
      assertThat(context.getStartupFailure()).hasStackTraceContaining("app:****@");
    });
    assertThat(output).doesNotContain("Hunter2-secret");
  }

  @Test
  void passwordsNeverReachTheLogs(CapturedOutput output) {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    logging.setLogLevel("io.vigil", LogLevel.TRACE);
    try (VigilServer secured = VigilServer.builder().directive("requirepass", "Hunter2-secret").start()) {
      Consumer<String> noSecret = s -> assertThat(s).doesNotContain("Hunter2-secret");
      runner.withPropertyValues("vigil.port=" + secured.port(), "vigil.password=Hunter2-secret")
          .withInitializer(ConditionEvaluationReportLoggingListener.forLogLevel(LogLevel.INFO)).run(context -> {
            assertThat(context).hasNotFailed();
            io.vigil.driver.VigilClient client = context.getBean(io.vigil.driver.VigilClient.class);
            assertThat(client.ping()).isEqualTo("PONG");
            noSecret.accept(client.toString());
            noSecret.accept(context.getBean(VigilProperties.class).toString());
            noSecret.accept(context.getBean(VigilConnectionDetails.class).toString());
          });
    } finally {
      logging.setLogLevel("io.vigil", null);
    }
    assertThat(output).contains("io.vigil");
    assertThat(output).doesNotContain("Hunter2-secret");
  }
}
