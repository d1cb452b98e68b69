package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.Ports;
import io.vigil.testkit.process.RedisServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS against redis-server's own TLS port, its certificate signed by a test CA and naming only
 * {@code localhost}: the client checks the chain and the host name on the path every user takes,
 * {@code sslContext(...)}.
 */
class TlsTest {

  static RedisServerProcess redis;
  static int tlsPort;
  static TestCertificates certificates;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    certificates = TestCertificates.get();
    tlsPort = Ports.freeLoopbackPort();
    redis = RedisFixture.start(certificates.serverDirectives(tlsPort).toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  private static VigilClient.Builder client(String host) {
    return VigilClient.builder().node(host, tlsPort).sslContext(certificates.trustingContext())
        .commandTimeout(Duration.ofSeconds(3));
  }

  @Test
  void hostNamedByTheCertificateCarriesCommands() {
    try (VigilClient client = client(TestCertificates.NODE_NAME).build()) {
      assertThat(client.set("over-tls", "yes")).isEqualTo("OK");
      assertThat(client.get("over-tls")).isEqualTo("yes");
      assertThat(client.info("server")).contains("tcp_port:" + redis.port());
    }
  }

  @Test
  void hostTheCertificateDoesNotNameIsRefusedWithBothNames() {
    try (VigilClient client = client("127.0.0.1").build()) {
      assertThatThrownBy(() -> client.set("k", "v"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("TLS handshake with 127.0.0.1:" + tlsPort + " failed")
          .hasMessageContaining("does not name the host 127.0.0.1")
          .hasMessageContaining("DNS:localhost")
          .hasMessageContaining("verifyHostname(false)");
    }
  }

  @Test
  void withoutHostNameVerificationATrustedCertificateServesAnyName() {
    try (VigilClient client = client("127.0.0.1").verifyHostname(false).build()) {
      assertThat(client.set("any-name", "yes")).isEqualTo("OK");
      assertThat(client.get("any-name")).isEqualTo("yes");
    }
  }

  @Test
  void withoutHostNameVerificationTheChainIsStillChecked() {
    try (VigilClient client = VigilClient.builder().uri("rediss://" + TestCertificates.NODE_NAME + ":" + tlsPort)
        .verifyHostname(false).commandTimeout(Duration.ofSeconds(3)).build()) {
      assertThatThrownBy(() -> client.set("k", "v"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("TLS handshake with localhost:" + tlsPort + " failed")
          .hasMessageContaining("trust store");
    }
  }

  @Test
  void untrustedCertificateNeverCarriesACommand() {
    try (VigilClient client = VigilClient.builder().uri("rediss://" + TestCertificates.NODE_NAME + ":" + tlsPort)
        .commandTimeout(Duration.ofSeconds(3)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.set("k", "v"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("TLS handshake with localhost:" + tlsPort + " failed")
          .hasMessageContaining("trust store");
      assertThat((System.nanoTime() - start) / 1_000_000).as("failed before the timeout").isLessThan(2500);
    }
  }
}
