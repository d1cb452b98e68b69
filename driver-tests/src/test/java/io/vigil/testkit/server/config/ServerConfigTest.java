package io.vigil.testkit.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** redis.conf files and command-line directives, as redis-server reads them. */
class ServerConfigTest {

  @TempDir
  Path dir;

  private Path write(String... lines) throws Exception {
    Path file = dir.resolve("redis.conf");
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void readsTheDirectivesTheIssueLists() throws Exception {
    Path file = write("# a comment", "port 7000", "bind 127.0.0.1 ::1", "requirepass \"s3cr et\"",
        "masterauth pw", "masteruser u", "replica-read-only no", "replica-priority 50",
        "repl-backlog-size 2mb", "appendonly yes", "appendfsync always", "dir " + dir,
        "dbfilename x.rdb", "save 900 1", "save 300 10", "databases 4", "maxclients 100",
        "protected-mode no", "logfile \"\"", "pidfile /tmp/x.pid", "min-replicas-to-write 1",
        "min-replicas-max-lag 5", "replicaof 10.0.0.1 6380");
    ServerConfig c = ServerConfig.load(file, List.of());
    assertThat(c.get("port")).isEqualTo("7000");
    assertThat(c.get("bind")).isEqualTo("127.0.0.1 ::1");
    assertThat(c.get("requirepass")).isEqualTo("s3cr et");
    assertThat(c.get("replica-priority")).isEqualTo("50");
    assertThat(c.get("slave-priority")).isEqualTo("50");
    assertThat(c.get("repl-backlog-size")).isEqualTo("2097152");
    assertThat(c.get("save")).isEqualTo("900 1 300 10");
    assertThat(c.get("replicaof")).isEqualTo("10.0.0.1 6380");
    assertThat(c.get("databases")).isEqualTo("4");
    assertThat(c.getBool("appendonly")).isTrue();
    assertThat(c.get("min-slaves-to-write")).isEqualTo("1");
  }

  @Test
  void commandLineArgumentsOverrideTheFile() throws Exception {
    Path file = write("port 7000");
    ServerConfig c = ServerConfig.load(file, List.of("--port", "7001", "--save", "", "--loglevel", "warning"));
    assertThat(c.get("port")).isEqualTo("7001");
    assertThat(c.get("save")).isEmpty();
    assertThat(c.get("loglevel")).isEqualTo("warning");
  }

  @Test
  void multiArgumentDirectivesAcceptOneQuotedArgumentAsRedisDoes() throws Exception {
    Path file = write("save \"900 1 300 10\"", "bind \"127.0.0.1 ::1\"");
    ServerConfig c = ServerConfig.load(file,
        List.of("--replicaof", "10.0.0.1 6380", "--client-output-buffer-limit", "replica 256mb 64mb 60"));
    assertThat(c.get("save")).isEqualTo("900 1 300 10");
    assertThat(c.get("bind")).isEqualTo("127.0.0.1 ::1");
    assertThat(c.get("replicaof")).isEqualTo("10.0.0.1 6380");
    assertThat(c.get("client-output-buffer-limit")).contains("slave 268435456 67108864 60");
    assertThatThrownBy(() -> ServerConfig.load(null, List.of("--replicaof", "10.0.0.1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Bad directive or wrong number of arguments");
  }

  @Test
  void unknownDirectiveStopsStartupNamingFileAndLine() throws Exception {
    Path file = write("port 7000", "", "no-such-directive yes");
    assertThatThrownBy(() -> ServerConfig.load(file, List.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***")
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at line 3")
        .hasMessageContaining(">>> 'no-such-directive yes'")
        .hasMessageContaining("Bad directive or wrong number of arguments");
  }

  @Test
  void badValuesAreReportedWithRedisReasons() throws Exception {
    assertThatThrownBy(() -> ServerConfig.load(write("port abc"), List.of()))
        .hasMessageContaining("argument couldn't be parsed into an integer");
    assertThatThrownBy(() -> ServerConfig.load(write("appendonly maybe"), List.of()))
        .hasMessageContaining("argument must be 'yes' or 'no'");
    assertThatThrownBy(() -> ServerConfig.load(write("port 70000"), List.of()))
        .hasMessageContaining("argument must be between 0 and 65535 inclusive");
    assertThatThrownBy(() -> ServerConfig.load(null, List.of("--nosuch", "1")))
        .hasMessageContaining("the command line arguments");
    assertThatThrownBy(() -> ServerConfig.load(write("requirepass \"open"), List.of()))
        .hasMessageContaining("Unbalanced quotes");
  }

  @Test
  void daemonizeYesIsIgnoredWithAWarning() throws Exception {
    ServerConfig c = ServerConfig.load(write("daemonize yes"), List.of());
    assertThat(c.get("daemonize")).isEqualTo("yes"); // shown as configured, never acted on
    assertThat(c.warnings()).anyMatch(w -> w.contains("daemonize yes is ignored"));
  }

  @Test
  void configSetRefusesImmutableAndBadValues() {
    ServerConfig c = ServerConfig.defaults();
    assertThat(c.set("daemonize", "yes")).isEqualTo("can't set immutable config");
    assertThat(c.set("maxclients", "0")).contains("between 1 and");
    assertThat(c.set("hz", "20")).isNull();
    assertThat(c.get("hz")).isEqualTo("20");
    assertThat(c.matching("repl-*")).containsKey("repl-backlog-size");
  }

  @Test
  void outputBufferLimitLinesMergeByClientClass() throws Exception {
    ServerConfig c = ServerConfig.load(write("client-output-buffer-limit pubsub 64mb 16mb 90",
        "client-output-buffer-limit replica 512mb 128mb 60"), List.of());
    assertThat(c.get("client-output-buffer-limit"))
        .isEqualTo("normal 0 0 0 slave 536870912 134217728 60 pubsub 67108864 16777216 90");
    assertThat(c.set("client-output-buffer-limit", "normal 1mb 0 0")).isNull();
    assertThat(c.get("client-output-buffer-limit")).startsWith("normal 1048576 0 0 slave 536870912");
    assertThat(c.set("client-output-buffer-limit", "nosuchclass 1 2 3")).isNotNull();
  }

  @Test
  void rewriteWritesRedisSpellings() throws Exception {
    Path file = write("client-output-buffer-limit pubsub 64mb 16mb 90", "appendfilename x.aof",
        "auto-aof-rewrite-min-size 64mb", "oom-score-adj-values 0 200 800");
    ServerConfig c = ServerConfig.load(file, List.of());
    c.rewrite();
    assertThat(Files.readAllLines(file)).containsExactly(
        "client-output-buffer-limit normal 0 0 0",
        "client-output-buffer-limit replica 256mb 64mb 60",
        "client-output-buffer-limit pubsub 64mb 16mb 90",
        "appendfilename \"x.aof\"",
        "auto-aof-rewrite-min-size 64mb",
        "oom-score-adj-values 0 200 800");
    assertThat(ServerConfig.load(file, List.of()).get("client-output-buffer-limit"))
        .isEqualTo(c.get("client-output-buffer-limit"));
  }

  @Test
  void rewriteKeepsCommentsAndUpdatesValues() throws Exception {
    Path file = write("# keep me", "port 7000", "save 900 1", "appendonly no");
    ServerConfig c = ServerConfig.load(file, List.of());
    c.set("appendonly", "yes");
    c.set("maxmemory", "100mb");
    c.set("save", "");
    c.rewrite();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).startsWith("# keep me", "port 7000", "save \"\"", "appendonly yes");
    assertThat(lines).contains("# Generated by CONFIG REWRITE", "maxmemory 100mb");
    ServerConfig again = ServerConfig.load(file, List.of());
    assertThat(again.get("maxmemory")).isEqualTo("104857600");
    assertThat(again.get("save")).isEmpty();
  }
}
