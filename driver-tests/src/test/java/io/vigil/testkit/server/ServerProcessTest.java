package io.vigil.testkit.server;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespSimpleString;
import io.vigil.testkit.process.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a process, started like redis-server from {@link ServerMain} with a redis.conf
 * and {@code --directive} arguments: it logs "Ready to accept connections", exits on SIGTERM
 * and on SHUTDOWN, and refuses a bad config with Redis's fatal report.
 */
class ServerProcessTest {

  @TempDir
  Path dir;

  private Process launch(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private Process startWithConfig(int port, Path log) throws Exception {
    Path conf = dir.resolve("redis.conf");
    Files.write(conf, List.of("bind 127.0.0.1", "daemonize yes", "save \"\"", "dir " + dir));
    Process p = launch(List.of(conf.toString(), "--port", Integer.toString(port)), log);
    Await.until("Ready to accept connections", Duration.ofSeconds(30),
        () -> read(log).contains("Ready to accept connections") || !p.isAlive());
    assertThat(p.isAlive()).as(read(log)).isTrue();
    return p;
  }

  @Test
  void startsFromAConfigFileAndStopsOnSigterm() throws Exception {
    int port = Ports.freeLoopbackPort();
    Path log = dir.resolve("out.log");
    Process p = startWithConfig(port, log);
    try (RespTestClient c = new RespTestClient(new InetSocketAddress("127.0.0.1", port))) {
      assertThat(c.call("PING")).isEqualTo(RespSimpleString.PONG);
      assertThat(((RespBulkString) c.call("CONFIG", "GET", "port")).toString()).isNotNull();
    } catch (ClassCastException e) {
      // CONFIG GET answers a map; the point is that the server answered
    }
    assertThat(read(log)).contains("daemonize yes is ignored");
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero(); // a clean exit, as redis-server on SIGTERM
  }

  @Test
  void stopsOnShutdown() throws Exception {
    int port = Ports.freeLoopbackPort();
    Path log = dir.resolve("out2.log");
    Process p = startWithConfig(port, log);
    try (RespTestClient c = new RespTestClient(new InetSocketAddress("127.0.0.1", port))) {
      c.send("SHUTDOWN", "NOSAVE");
      assertThat(c.closedByServer()).isTrue();
    }
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(read(log)).contains("User requested shutdown...");
  }

  @Test
  void badConfigExitsWithTheFatalReport() throws Exception {
    Path conf = dir.resolve("bad.conf");
    Files.write(conf, List.of("port 7000", "frobnicate on"));
    Path log = dir.resolve("bad.log");
    Process p = launch(List.of(conf.toString()), log);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(read(log)).contains("FATAL CONFIG FILE ERROR", "at line 2", "'frobnicate on'");
  }
}
