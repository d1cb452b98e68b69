package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.VigilClient;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTest {

  private static final String PASSWORD = "default-Pa55-word";
  private static final String WRONG = "wrong-Pa55-word-XYZ";

  static RedisServerProcess redis;

  @BeforeAll
  static void start() {
    // The password is set after start: the launcher's readiness probe is an unauthenticated PING.
    redis = RedisFixture.start();
    try (VigilClient admin = RedisFixture.client(redis).build()) {
      admin.execute("ACL", "SETUSER", "app", "on", ">app-Pa55", "~*", "+@all");
      admin.execute("CONFIG", "SET", "requirepass", PASSWORD);
    }
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void rightPasswordAuthenticatesWithResp3AndResp2() {
    for (RespVersion protocol : RespVersion.values()) {
      try (VigilClient client = RedisFixture.client(redis).password(PASSWORD).protocol(protocol).build()) {
        assertThat(client.set("k", "v")).isEqualTo("OK");
      }
    }
  }

  @Test
  void aclUserAndPasswordFromTheUriAuthenticate() {
    try (VigilClient client = VigilClient.create("redis://app:app-Pa55@127.0.0.1:" + redis.port() + "/2")) {
      assertThat(client.execute("ACL", "WHOAMI")).isEqualTo(RespBulkString.of("app"));
      assertThat(client.info("keyspace")).doesNotContain("db0:keys=0"); // SELECT 2 applied: writes land in db2
      client.set("in-db2", "v");
      assertThat(client.info("keyspace")).contains("db2:keys=");
    }
  }

  @Test
  void wrongPasswordFailsFastWithTheServerReasonAndNeverLogsThePassword() {
    String logs = captureStderr(() -> {
      try (VigilClient client = RedisFixture.client(redis).password(WRONG).build()) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.get("k"))
            .isInstanceOf(CommandNotSentException.class)
            .hasMessageContaining("WRONGPASS")
            .hasMessageNotContaining(WRONG)
            .hasCauseInstanceOf(ConnectionException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).as("failed before the 2 s timeout").isLessThan(1500);
      }
    });

    assertThat(logs).contains("WRONGPASS").doesNotContain(WRONG).doesNotContain(PASSWORD);
  }

  @Test
  void missingPasswordSaysTheNodeNeedsOne() {
    try (VigilClient client = RedisFixture.client(redis).build()) {
      assertThatThrownBy(() -> client.get("k"))
          .isInstanceOf(CommandNotSentException.class)
          .hasMessageContaining("NOAUTH")
          .hasMessageContaining("configure one");
    }
  }

  private static String captureStderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** Writes to the real stream and to a buffer. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
