package io.vigil.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VigilClientBuilderTest {

  @Test
  void uriGivesHostPortCredentialsAndDatabase() {
    VigilClient.Builder b = VigilClient.builder().uri("redis://app:p%40ss@cache.local:6380/3");

    assertThat(b.toString()).contains("cache.local:6380").contains("user app").contains("database 3")
        .contains("password (hidden)").doesNotContain("p@ss");
  }

  @Test
  void uriWithoutPortUsesTheDefault() {
    assertThat(VigilClient.builder().uri("redis://localhost").toString()).contains("localhost:6379");
  }

  @Test
  void secureSchemeTurnsTlsOn() {
    assertThat(VigilClient.builder().uri("rediss://localhost:6380").toString()).contains("tls");
  }

  @Test
  void badSchemeIsNamedAndThePasswordIsMasked() {
    assertThatThrownBy(() -> VigilClient.builder().uri("http://u:topsecret@localhost:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'http'").hasMessageNotContaining("topsecret");
  }

  @Test
  void nonNumericDatabaseIsRejectedWithTheValue() {
    assertThatThrownBy(() -> VigilClient.builder().uri("redis://localhost:6379/zero"))
        .hasMessageContaining("'zero'");
  }

  @Test
  void invalidOptionsAreRejectedAtOnceNamingTheValue() {
    assertThatThrownBy(() -> VigilClient.builder().commandTimeout(Duration.ZERO))
        .hasMessage("commandTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> VigilClient.builder().connectionsPerNode(0))
        .hasMessage("connectionsPerNode must be between 1 and 64, got 0");
    assertThatThrownBy(() -> VigilClient.builder().database(-1))
        .hasMessage("database must not be negative, got -1");
    assertThatThrownBy(() -> VigilClient.builder().clientName("has space"))
        .hasMessageContaining("'has space'");
    assertThatThrownBy(() -> Endpoint.of("localhost", 70000))
        .hasMessage("port must be between 1 and 65535, got 70000");
  }

  @Test
  void buildingWithoutANodeSaysWhatToCall() {
    assertThatThrownBy(() -> VigilClient.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("node(host, port)");
  }
}
