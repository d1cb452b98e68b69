package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.testkit.junit.RealRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code redis-cli}, as users run it, against the Java server: one-shot, interactive and --pipe. */
class RedisCliTest {

  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    RealRedis.require("redis-cli");
    vigil = VigilServer.builder().start();
  }

  @AfterAll
  static void stop() {
    if (vigil != null) {
      vigil.close();
    }
  }

  private static String cli(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
        Integer.toString(vigil.port())));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void oneShotCommands() throws Exception {
    assertThat(cli(null, "PING")).isEqualTo("PONG\n");
    assertThat(cli(null, "SET", "cli:k", "hello world")).isEqualTo("OK\n");
    assertThat(cli(null, "GET", "cli:k")).isEqualTo("hello world\n");
    assertThat(cli(null, "RPUSH", "cli:l", "a", "b")).isEqualTo("2\n");
    assertThat(cli(null, "LRANGE", "cli:l", "0", "-1")).isEqualTo("a\nb\n");
    assertThat(cli(null, "NOSUCH")).startsWith("ERR unknown command 'NOSUCH'");
    assertThat(cli(null, "--no-raw", "HGETALL", "none")).isEqualTo("(empty array)\n");
    assertThat(cli(null, "-3", "HELLO", "3")).contains("proto", "3");
  }

  @Test
  void interactiveSessionFromStdin() throws Exception {
    String out = cli("SET cli:i 1\nINCR cli:i\nGET cli:i\nQUIT\n");
    assertThat(out).isEqualTo("OK\n2\n2\n"); // redis-cli prints nothing for QUIT
  }

  @Test
  void pipeModeLoadsMassInsertion() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      String k = "pipe:" + i;
      sb.append("*3\r\n$3\r\nSET\r\n$").append(k.length()).append("\r\n").append(k)
          .append("\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
    }
    String out = cli(sb.toString(), "--pipe");
    assertThat(out).contains("errors: 0, replies: 5000");
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      assertThat(c.call("GET", "pipe:4999")).isEqualTo(RespBulkString.of("4999"));
      assertThat(c.call("EXISTS", "pipe:0", "pipe:2500")).isEqualTo(RespInteger.of(2));
    }
  }
}
