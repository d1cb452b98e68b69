package io.vigil.testkit.server;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.server.persistence.StreamRdb;
import io.vigil.testkit.server.rdb.FieldValue;
import io.vigil.testkit.server.rdb.RdbReader;
import io.vigil.testkit.server.rdb.RdbStream;
import io.vigil.testkit.server.rdb.RdbVisitor;
import io.vigil.testkit.server.rdb.RdbWriter;
import io.vigil.testkit.server.rdb.ScoredMember;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams in {@code dump.rdb} between the Java server and a real redis-server 7.0: what Redis
 * saves, the Java server loads into its own streams and saves again as the same bytes; what the
 * Java server saves, Redis loads (deep-sanitized) into the same streams.
 */
class StreamRdbInteropTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void requireRedis() {
    RealRedis.requireServer();
  }

  @Test
  void streamsRealRedisSavesComeBackAsTheSameBytes() throws IOException {
    try (RedisServerProcess redis = RedisServerProcess.builder().directory(dir.resolve("real")).start();
        RespTestClient client = new RespTestClient(redis.address())) {
      StreamFixtures.populate(client);
      assertThat(client.call("SAVE")).isEqualTo(RespSimpleString.OK);
      Path dump = redis.directory().resolve("dump.rdb");
      byte[] theirs = Files.readAllBytes(dump);
      assertThat(rewriteThroughJavaStreams(theirs)).isEqualTo(theirs);
    }
  }

  @Test
  void javaServerLoadsRealRedisDumpWithTheSameStreams() throws IOException {
    Path javaDir = Files.createDirectories(dir.resolve("java"));
    try (RedisServerProcess redis = RedisServerProcess.builder().directory(dir.resolve("real")).start();
        RespTestClient real = new RespTestClient(redis.address())) {
      StreamFixtures.populate(real);
      assertThat(real.call("SAVE")).isEqualTo(RespSimpleString.OK);
      Files.copy(redis.directory().resolve("dump.rdb"), javaDir.resolve("dump.rdb"));
      try (VigilServer vigil = VigilServer.builder().directive("dir", javaDir.toString()).start();
          RespTestClient java = new RespTestClient(vigil.address())) {
        StreamFixtures.assertNearlySame(StreamFixtures.snapshot(real), StreamFixtures.snapshot(java), 0);
      }
    }
  }

  @Test
  void realRedisLoadsTheStreamsTheJavaServerSaves() throws IOException, InterruptedException {
    Path javaDir = Files.createDirectories(dir.resolve("java"));
    Map<String, RespValue> saved;
    try (VigilServer vigil = VigilServer.builder().directive("dir", javaDir.toString()).start();
        RespTestClient java = new RespTestClient(vigil.address())) {
      StreamFixtures.populate(java);
      assertThat(java.call("SAVE")).isEqualTo(RespSimpleString.OK);
      saved = StreamFixtures.snapshot(java);
    }
    Path file = javaDir.resolve("dump.rdb");
    Process check = new ProcessBuilder("redis-check-rdb", file.toString()).redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), ISO_8859_1);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("RDB looks OK");
    // sanitize-dump-payload makes Redis check every listpack and PEL of the streams on load
    try (RedisServerProcess redis = RedisServerProcess.builder().directory(javaDir)
            .directive("sanitize-dump-payload", "yes").start();
        RespTestClient real = new RespTestClient(redis.address())) {
      assertThat(redis.log()).contains("DB loaded from disk");
      StreamFixtures.assertNearlySame(saved, StreamFixtures.snapshot(real), 0);
    }
  }

  /**
   * Reads an RDB of streams, turns each into the Java server's stream and back, and writes the
   * file again with the same aux fields and database layout.
   */
  private static byte[] rewriteThroughJavaStreams(byte[] rdb) throws IOException {
    List<IoStep> steps = new ArrayList<>();
    RdbVisitor recorder = new RdbVisitor() {
      @Override public void aux(byte[] key, byte[] value) {
        steps.add(w -> w.aux(key, value));
      }
      @Override public void selectDb(int db) {
        steps.add(w -> w.selectDb(db));
      }
      @Override public void resizeDb(long size, long expires) {
        steps.add(w -> w.resizeDb(size, expires));
      }
      @Override public boolean stream(byte[] key, RdbStream stream, long expireAtMs) {
        RdbStream again = StreamRdb.toRdb(StreamRdb.fromRdb(stream));
        steps.add(w -> w.stream(key, again, expireAtMs));
        return true;
      }
      @Override public void string(byte[] key, byte[] value, long expireAtMs) {
        throw new AssertionError("only streams expected");
      }
      @Override public void list(byte[] key, List<byte[]> elements, long expireAtMs) {
        throw new AssertionError("only streams expected");
      }
      @Override public void set(byte[] key, List<byte[]> members, long expireAtMs) {
        throw new AssertionError("only streams expected");
      }
      @Override public void sortedSet(byte[] key, List<ScoredMember> entries, long expireAtMs) {
        throw new AssertionError("only streams expected");
      }
      @Override public void hash(byte[] key, List<FieldValue> entries, long expireAtMs) {
        throw new AssertionError("only streams expected");
      }
    };
    try (InputStream in = new BufferedInputStream(new java.io.ByteArrayInputStream(rdb))) {
      new RdbReader(in).read(recorder);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(out);
    w.header();
    for (IoStep step : steps) {
      step.apply(w);
    }
    w.end();
    return out.toByteArray();
  }

  @FunctionalInterface
  private interface IoStep {
    void apply(RdbWriter w) throws IOException;
  }
}
