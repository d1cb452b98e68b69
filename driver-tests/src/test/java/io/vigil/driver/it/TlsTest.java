package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.VigilClient;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.Ports;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS against redis-server's own TLS port, with a self-signed certificate made by the JDK's keytool. */
class TlsTest {

  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  static RedisServerProcess redis;
  static int tlsPort;
  static KeyStore trustStore;

  @BeforeAll
  static void start() throws Exception {
    RealRedis.requireServer();
    Path dir = Files.createTempDirectory("vigil-tls-");
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "redis", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD);
    }
    Certificate cert = keys.getCertificate("redis");
    Path certPem = dir.resolve("cert.pem");
    Path keyPem = dir.resolve("key.pem");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", keys.getKey("redis", STORE_PASSWORD).getEncoded()));

    trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("redis", cert);

    tlsPort = Ports.freeLoopbackPort();
    redis = RedisFixture.start("tls-port", Integer.toString(tlsPort), "tls-cert-file", certPem.toString(),
        "tls-key-file", keyPem.toString(), "tls-ca-cert-file", certPem.toString(), "tls-auth-clients", "no");
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void trustedCertificateCarriesCommandsOverTls() throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);

    try (VigilClient client = VigilClient.builder().node("127.0.0.1", tlsPort).sslContext(context)
        .commandTimeout(Duration.ofSeconds(5)).build()) {
      assertThat(client.set("over-tls", "yes")).isEqualTo("OK");
      assertThat(client.get("over-tls")).isEqualTo("yes");
      assertThat(client.info("server")).contains("tcp_port:" + redis.port());
    }
  }

  @Test
  void untrustedCertificateNeverCarriesACommand() {
    try (VigilClient client = VigilClient.builder().uri("rediss://127.0.0.1:" + tlsPort)
        .commandTimeout(Duration.ofSeconds(3)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.set("k", "v"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("TLS handshake with 127.0.0.1:" + tlsPort + " failed")
          .hasMessageContaining("trust store");
      assertThat((System.nanoTime() - start) / 1_000_000).as("failed before the timeout").isLessThan(2500);
    }
  }
}
