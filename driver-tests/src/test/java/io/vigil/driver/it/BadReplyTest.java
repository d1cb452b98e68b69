package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.VigilClient;
import io.vigil.resp.RespProtocolException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies no real server sends, from a scripted fake on a loopback port. */
class BadReplyTest {

  /** Refuses HELLO (so the client falls back to RESP2), then answers by command name. */
  private static String script(List<String> command) {
    switch (command.get(0).toUpperCase()) {
      case "HELLO":
        return "-ERR unknown command 'HELLO', with args beginning with: '3'\r\n";
      case "PING":
        return "+PONG\r\n";
      case "GET":
        return command.get(1).equals("garbage") ? "?this is not RESP\r\n" : "$2\r\nok\r\n";
      case "INCR":
        return "+not-a-number\r\n";
      default:
        return "-ERR unexpected command\r\n";
    }
  }

  private static VigilClient client(FakeRedis fake) {
    return VigilClient.builder().node("127.0.0.1", fake.port()).refreshCommandTable(false)
        .commandTimeout(Duration.ofSeconds(2)).reconnectBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).build();
  }

  @Test
  void invalidBytesFailTheCommandAsOutcomeUnknownNamingTheProblemAndTheClientReconnects() throws Exception {
    try (FakeRedis fake = new FakeRedis(BadReplyTest::script); VigilClient client = client(fake)) {
      assertThat(client.ping()).isEqualTo("PONG");

      assertThatThrownBy(() -> client.get("garbage"))
          .isInstanceOf(OutcomeUnknownException.class)
          .hasMessageContaining("GET was written to 127.0.0.1:" + fake.port())
          .hasMessageContaining("unknown RESP type byte")
          .hasRootCauseInstanceOf(RespProtocolException.class);

      assertThat(client.get("fine")).isEqualTo("ok"); // on a new connection
    }
  }

  @Test
  void wellFormedReplyOfTheWrongTypeFailsOnlyThatCommand() throws Exception {
    try (FakeRedis fake = new FakeRedis(BadReplyTest::script); VigilClient client = client(fake)) {
      assertThatThrownBy(() -> client.incr("n"))
          .isInstanceOf(UnexpectedReplyException.class)
          .hasMessageContaining("expected an integer")
          .hasMessageContaining("not-a-number");

      assertThat(client.ping()).isEqualTo("PONG"); // same connection, still in step
    }
  }

  @Test
  void serverWithoutHelloIsSpokenToInResp2() throws Exception {
    try (FakeRedis fake = new FakeRedis(BadReplyTest::script); VigilClient client = client(fake)) {
      assertThat(client.get("x")).isEqualTo("ok");

      assertThat(fake.received.get(0)).containsExactly("HELLO", "3");
      assertThat(fake.received.get(1)).containsExactly("GET", "x");
    }
  }

  @Test
  void serverHangingUpMidCommandFailsItAsOutcomeUnknown() throws Exception {
    try (FakeRedis fake = new FakeRedis(c -> c.get(0).equals("DEL") ? null : script(c)); VigilClient client = client(fake)) {
      client.ping();

      assertThatThrownBy(() -> client.del("k")).isInstanceOf(OutcomeUnknownException.class);
    }
  }
}
