package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.ConnectionException;
import io.vigil.driver.Endpoint;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.Ports;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sentinel mode over TLS against real redis-sentinel and redis-server, both serving a
 * certificate that names only {@code localhost}, the sentinel announcing the master as
 * {@code 127.0.0.1}: host names are verified for the sentinels and for the data nodes they
 * announce, after the address mapper.
 */
class TlsSentinelTest {

  private static final String MASTER = "tlsmaster";

  static TestCertificates certificates;
  static RedisServerProcess master;
  static RedisServerProcess sentinel;
  static int masterTlsPort;
  static int sentinelTlsPort;

  @BeforeAll
  static void start() throws IOException {
    RealRedis.require("redis-sentinel");
    certificates = TestCertificates.get();
    masterTlsPort = Ports.freeLoopbackPort();
    master = RedisFixture.start(certificates.serverDirectives(masterTlsPort).toArray(String[]::new));
    sentinelTlsPort = Ports.freeLoopbackPort();
    Path dir = Files.createTempDirectory("vigil-tls-sentinel-");
    List<String> conf = new ArrayList<>(List.of(
        "sentinel monitor " + MASTER + " 127.0.0.1 " + masterTlsPort + " 1",
        "sentinel down-after-milliseconds " + MASTER + " 5000",
        "tls-replication yes")); // the sentinel reaches the master over TLS too
    List<String> tls = certificates.serverDirectives(sentinelTlsPort);
    for (int i = 0; i < tls.size(); i += 2) {
      conf.add(tls.get(i) + " " + tls.get(i + 1));
    }
    Path file = Files.writeString(dir.resolve("sentinel.conf"), String.join("\n", conf) + "\n");
    sentinel = RedisServerProcess.sentinelBuilder().configFile(file).directory(dir).start();
    warmUpTls();
  }

  /**
   * One TLS connection to the sentinel before the tests: the JVM's first loads and sets up the
   * TLS classes, which on a busy machine can outlast the client's 500 ms sentinel probe.
   */
  private static void warmUpTls() {
    try (VigilClient direct = VigilClient.builder().node(TestCertificates.NODE_NAME, sentinelTlsPort)
        .sslContext(certificates.trustingContext()).commandTimeout(Duration.ofSeconds(10)).build()) {
      assertThat(direct.execute("PING").toString()).contains("PONG");
    }
  }

  @AfterAll
  static void stop() {
    if (sentinel != null) {
      sentinel.close();
    }
    if (master != null) {
      master.close();
    }
  }

  private static VigilClient.Builder client(String sentinelHost) {
    return VigilClient.builder().sentinels(sentinelHost + ":" + sentinelTlsPort).masterName(MASTER)
        .sslContext(certificates.trustingContext())
        .connectTimeout(Duration.ofSeconds(3)).commandTimeout(Duration.ofSeconds(3));
  }

  /** Sentinel announces 127.0.0.1; the certificate calls the same host localhost. */
  private static Endpoint byName(Endpoint announced) {
    return announced.host().equals("127.0.0.1") ? Endpoint.of(TestCertificates.NODE_NAME, announced.port()) : announced;
  }

  @Test
  void namesTheCertificatesCarryConnectSentinelAndMaster() {
    try (VigilClient client = client(TestCertificates.NODE_NAME).addressMapper(TlsSentinelTest::byName).build()) {
      assertThat(client.currentMaster()).isEqualTo(Endpoint.of(TestCertificates.NODE_NAME, masterTlsPort));
      assertThat(client.set("tls-sentinel", "yes")).isEqualTo("OK");
      assertThat(client.get("tls-sentinel")).isEqualTo("yes");
    }
  }

  @Test
  void sentinelTheCertificateDoesNotNameIsRefusedWithBothNames() {
    assertThatThrownBy(() -> client("127.0.0.1").addressMapper(TlsSentinelTest::byName).build())
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("TLS handshake with 127.0.0.1:" + sentinelTlsPort + " failed")
        .hasMessageContaining("does not name the host 127.0.0.1")
        .hasMessageContaining("DNS:localhost");
  }

  @Test
  void announcedMasterTheCertificateDoesNotNameIsRefusedWithBothNames() {
    try (VigilClient client = client(TestCertificates.NODE_NAME)
        .connectTimeout(Duration.ofSeconds(1)).commandTimeout(Duration.ofSeconds(1)).build()) {
      assertThatThrownBy(() -> client.set("k", "v"))
          .hasMessageContaining("TLS handshake with 127.0.0.1:" + masterTlsPort + " failed")
          .hasMessageContaining("does not name the host 127.0.0.1")
          .hasMessageContaining("DNS:localhost");
    }
  }

  @Test
  void withoutHostNameVerificationAddressesServeOverTrustedTls() {
    try (VigilClient client = client("127.0.0.1").verifyHostname(false).build()) {
      assertThat(client.currentMaster()).isEqualTo(Endpoint.of("127.0.0.1", masterTlsPort));
      assertThat(client.set("tls-sentinel-any-name", "yes")).isEqualTo("OK");
    }
  }
}
