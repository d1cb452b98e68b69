package io.vigil.testkit.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.Ports;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.ServerMain;
import io.vigil.testkit.server.VigilServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAVE and dump.rdb at start-up, the multi-part append-only file (replayed at start-up, readable
 * by Redis 7.0, truncated tails, started over after a replica's full sync), and a master killed with SIGKILL keeping every acknowledged
 * write.
 */
class PersistenceTest {

  @TempDir
  Path dir;

  private VigilServer start(String... directives) {
    VigilServer.Builder b = VigilServer.builder().directive("dir", dir.toString());
    for (int i = 0; i + 1 < directives.length; i += 2) {
      b.directive(directives[i], directives[i + 1]);
    }
    return b.start();
  }

  private static String call(InetSocketAddress node, String... args) {
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      return RespSocket.text(s.call(args));
    }
  }

  @Test
  void saveWritesDumpRdbLoadedAtStartUp() {
    try (VigilServer server = start()) {
      call(server.address(), "RPUSH", "list", "a", "b");
      call(server.address(), "SET", "ttl", "v", "EX", "1000");
      assertThat(call(server.address(), "SAVE")).isEqualTo("OK");
      assertThat(call(server.address(), "BGSAVE")).isEqualTo("Background saving started");
      assertThat(call(server.address(), "INFO", "persistence")).contains("rdb_saves:2\r\n", "rdb_changes_since_last_save:0\r\n",
          "aof_enabled:0\r\n");
    }
    assertThat(dir.resolve("dump.rdb")).exists();
    try (VigilServer server = start()) {
      assertThat(call(server.address(), "LINDEX", "list", "1")).isEqualTo("b");
      assertThat(Long.parseLong(call(server.address(), "TTL", "ttl"))).isBetween(990L, 1000L);
    }
  }

  @Test
  void savePointsSaveOnTheirOwn() {
    try (VigilServer server = VigilServer.builder().directive("dir", dir.toString()).directive("save", "1", "1")
        .start()) {
      call(server.address(), "SET", "k", "v");
      await("dump.rdb written by the save point", Duration.ofSeconds(10),
          () -> Files.exists(dir.resolve("dump.rdb")));
    }
  }

  @Test
  void appendOnlyFileIsReplayedAtStartUp() {
    try (VigilServer server = start("appendonly", "yes")) {
      call(server.address(), "SET", "a", "1");
      call(server.address(), "SELECT", "2");
      try (RespSocket s = RespSocket.connect(server.address(), Duration.ofSeconds(10))) {
        s.call("SELECT", "2");
        s.call("HSET", "h", "f", "v");
        s.call("MULTI");
        s.call("INCR", "n");
        s.call("INCR", "n");
        s.call("EXEC");
      }
    }
    Path aofDir = dir.resolve("appendonlydir");
    assertThat(aofDir.resolve("appendonly.aof.manifest")).content().isEqualTo(
        "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
    try (VigilServer server = start("appendonly", "yes")) {
      assertThat(call(server.address(), "GET", "a")).isEqualTo("1");
      try (RespSocket s = RespSocket.connect(server.address(), Duration.ofSeconds(10))) {
        s.call("SELECT", "2");
        assertThat(RespSocket.text(s.call("HGET", "h", "f"))).isEqualTo("v");
        assertThat(RespSocket.text(s.call("GET", "n"))).isEqualTo("2");
      }
    }
  }

  @Test
  void replicaStartsItsAppendOnlyFileOverAfterAFullSyncSoARestartLoadsTheSyncedDataSet() throws IOException {
    Path replicaDir = Files.createDirectories(dir.resolve("replica"));
    try (VigilServer master = VigilServer.builder().start();
        VigilServer replica = VigilServer.builder().directive("dir", replicaDir.toString())
            .directive("appendonly", "yes").start()) {
      call(replica.address(), "SET", "before-sync", "gone");
      call(master.address(), "SET", "synced", "1");
      call(replica.address(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
      await("the full sync", Duration.ofSeconds(10), () -> "1".equals(call(replica.address(), "GET", "synced")));
      call(master.address(), "SET", "streamed", "2");
      await("the stream", Duration.ofSeconds(10), () -> "2".equals(call(replica.address(), "GET", "streamed")));
    }
    Path aofDir = replicaDir.resolve("appendonlydir");
    assertThat(aofDir.resolve("appendonly.aof.manifest")).content().isEqualTo(
        "file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n");
    assertThat(aofDir.resolve("appendonly.aof.1.incr.aof")).doesNotExist();
    try (VigilServer restarted = VigilServer.builder().directive("dir", replicaDir.toString())
        .directive("appendonly", "yes").start()) {
      assertThat(call(restarted.address(), "EXISTS", "before-sync")).isEqualTo("0");
      assertThat(call(restarted.address(), "GET", "synced")).isEqualTo("1");
      assertThat(call(restarted.address(), "GET", "streamed")).isEqualTo("2");
    }
  }

  @Test
  void truncatedAofTailIsCutWhenAllowedAndRefusedOtherwise() throws IOException {
    try (VigilServer server = start("appendonly", "yes")) {
      call(server.address(), "SET", "a", "1");
      call(server.address(), "SET", "b", "2");
    }
    Path incr = dir.resolve("appendonlydir").resolve("appendonly.aof.1.incr.aof");
    long complete = Files.size(incr);
    Files.write(incr, "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
    assertThatThrownBy(() -> start("appendonly", "yes", "aof-load-truncated", "no"))
        .hasMessageContaining("Unexpected end of file").hasMessageContaining("offset " + complete);
    try (VigilServer server = start("appendonly", "yes")) {
      assertThat(call(server.address(), "GET", "b")).isEqualTo("2");
      assertThat(call(server.address(), "EXISTS", "c")).isEqualTo("0");
    }
    assertThat(Files.size(incr)).isEqualTo(complete);
  }

  @Test
  void redisLoadsTheAppendOnlyFileThisServerWrites() throws IOException {
    RealRedis.requireServer();
    try (VigilServer server = start("appendonly", "yes")) {
      call(server.address(), "SET", "before", "x");
      call(server.address(), "ZADD", "z", "1", "m");
      call(server.address(), "SET", "ttl", "y", "EX", "1000");
    }
    try (RedisServerProcess redis = RedisServerProcess.builder().directory(dir)
        .directive("appendonly", "yes").directive("dir", dir.toString()).start()) {
      assertThat(call(redis.address(), "GET", "before")).isEqualTo("x");
      assertThat(call(redis.address(), "ZSCORE", "z", "m")).isEqualTo("1");
      assertThat(Long.parseLong(call(redis.address(), "TTL", "ttl"))).isBetween(990L, 1000L);
    }
  }

  @Test
  void killedMasterKeepsEveryAcknowledgedWrite() throws Exception {
    int port = Ports.freeLoopbackPort();
    Path log = dir.resolve("server.log");
    List<String> args = List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec");
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    Process p = launch(args, log);
    int acknowledged = 0;
    try {
      awaitReady(p, log);
      try (RespSocket s = RespSocket.connect(address, Duration.ofSeconds(10))) {
        for (int i = 0; i < 2000; i++) {
          if ("OK".equals(RespSocket.text(s.call("SET", "key:" + i, "value:" + i)))) {
            acknowledged = i + 1;
          }
          s.call("INCR", "counter");
        }
      }
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    } finally {
      p.destroyForcibly();
    }
    assertThat(acknowledged).isEqualTo(2000);
    Process again = launch(args, dir.resolve("server2.log"));
    try {
      awaitReady(again, dir.resolve("server2.log"));
      try (RespSocket s = RespSocket.connect(address, Duration.ofSeconds(10))) {
        for (int i = 0; i < acknowledged; i++) {
          assertThat(RespSocket.text(s.call("GET", "key:" + i))).isEqualTo("value:" + i);
        }
        assertThat(RespSocket.text(s.call("GET", "counter"))).isEqualTo("2000");
      }
    } finally {
      again.destroy();
      again.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Process launch(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitReady(Process p, Path log) {
    await("Ready to accept connections in " + log, Duration.ofSeconds(30),
        () -> read(log).contains("Ready to accept connections") || !p.isAlive());
    assertThat(p.isAlive()).as(read(log)).isTrue();
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, 50_000_000);
    }
  }
}
