package io.vigil.driver.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.AuthenticationException;
import io.vigil.driver.ConnectionException;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespVersion;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeTest {

  private final EmbeddedConnection c = new EmbeddedConnection();

  @AfterEach
  void close() {
    c.channel.finishAndReleaseAll();
  }

  private static ConnectionSettings settings(String user, String password, int db, String name, RespVersion protocol) {
    return new ConnectionSettings(user, password, db, name, protocol, null, Duration.ofSeconds(1),
        Duration.ofSeconds(1), RespLimits.DEFAULT, Ticker.SYSTEM);
  }

  @Test
  void helloCarriesAuthAndNameAndSwitchesToResp3() {
    CompletableFuture<Void> done = Handshake.run(c.connection, settings("app", "s3cret", 0, "worker", RespVersion.RESP3));

    assertThat(c.written()).containsExactly("*7\r\n$5\r\nHELLO\r\n$1\r\n3\r\n$4\r\nAUTH\r\n$3\r\napp\r\n$6\r\ns3cret\r\n"
        + "$7\r\nSETNAME\r\n$6\r\nworker\r\n");
    c.reply("%1\r\n+proto\r\n:3\r\n");

    assertThat(done).isCompleted();
    assertThat(c.connection.protocol()).isEqualTo(RespVersion.RESP3);
  }

  @Test
  void serverWithoutHelloGetsAuthSetnameAndSelectInResp2() {
    CompletableFuture<Void> done = Handshake.run(c.connection, settings(null, "s3cret", 2, "worker", RespVersion.RESP3));
    c.written();
    c.reply("-ERR unknown command 'HELLO', with args beginning with: '3'\r\n");

    assertThat(c.written()).containsExactly("*2\r\n$4\r\nAUTH\r\n$6\r\ns3cret\r\n"
        + "*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$6\r\nworker\r\n");
    c.reply("+OK\r\n+OK\r\n");
    assertThat(c.written()).containsExactly("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n");
    c.reply("+OK\r\n");

    assertThat(done).isCompleted();
    assertThat(c.connection.protocol()).isEqualTo(RespVersion.RESP2);
  }

  @Test
  void resp2SettingNeverSendsHello() {
    CompletableFuture<Void> done = Handshake.run(c.connection, settings(null, null, 0, null, RespVersion.RESP2));

    assertThat(c.written()).isEmpty();
    assertThat(done).isCompleted();
  }

  @Test
  void refusedPasswordFailsWithTheServerTextButNotThePassword() {
    CompletableFuture<Void> done = Handshake.run(c.connection, settings("app", "s3cret", 0, null, RespVersion.RESP3));
    c.written();
    c.reply("-WRONGPASS invalid username-password pair or user is disabled.\r\n");

    assertThatThrownBy(done::join).cause().isInstanceOf(ConnectionException.class)
        .hasMessageContaining("127.0.0.1:6379")
        .hasMessageContaining("WRONGPASS invalid username-password pair")
        .hasMessageNotContaining("s3cret")
        .cause().isInstanceOf(AuthenticationException.class);
  }

  @Test
  void missingPasswordSaysHowToConfigureOne() {
    CompletableFuture<Void> done = Handshake.run(c.connection, settings(null, null, 0, null, RespVersion.RESP3));
    c.written();
    c.reply("-NOAUTH HELLO must be called with the client already authenticated\r\n");

    assertThatThrownBy(done::join).cause().isInstanceOf(ConnectionException.class)
        .hasMessageContaining("configure one");
  }

  @Test
  void settingsNeverPrintThePassword() {
    assertThat(settings("app", "s3cret", 0, null, RespVersion.RESP3).toString())
        .doesNotContain("s3cret").contains("(hidden)");
  }
}
