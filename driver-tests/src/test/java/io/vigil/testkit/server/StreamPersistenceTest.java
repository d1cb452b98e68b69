package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams survive the Java server's restarts: from {@code SAVE}'s dump.rdb exactly, and from the
 * append-only file as redis-server replays that same file.
 */
class StreamPersistenceTest {

  @TempDir
  Path dir;

  private VigilServer start(String... directives) {
    VigilServer.Builder b = VigilServer.builder().directive("dir", dir.toString());
    for (int i = 0; i + 1 < directives.length; i += 2) {
      b.directive(directives[i], directives[i + 1]);
    }
    return b.start();
  }

  @Test
  void savedStreamsComeBackWhole() {
    Map<String, RespValue> before;
    try (VigilServer server = start("save", "");
        RespTestClient client = new RespTestClient(server.address())) {
      StreamFixtures.populate(client);
      assertThat(client.call("SAVE")).isEqualTo(RespSimpleString.OK);
      before = StreamFixtures.snapshot(client);
    }
    try (VigilServer server = start("save", "");
        RespTestClient client = new RespTestClient(server.address())) {
      StreamFixtures.assertNearlySame(before, StreamFixtures.snapshot(client), 0);
    }
  }

  @Test
  void appendOnlyFileReplaysStreamsAsRedisReplaysIt() {
    RealRedis.requireServer();
    Map<String, RespValue> before;
    try (VigilServer server = start("appendonly", "yes", "save", "");
        RespTestClient client = new RespTestClient(server.address())) {
      StreamFixtures.populate(client);
      client.call("XADD", "s", "MAXLEN", "~", "150", "*", "f1", "auto", "f2", "id");
      client.call("XTRIM", "big", "MINID", "~", "5");
      before = StreamFixtures.snapshot(client);
    }
    Map<String, RespValue> replayed;
    try (VigilServer server = start("appendonly", "yes", "save", "");
        RespTestClient client = new RespTestClient(server.address())) {
      replayed = StreamFixtures.snapshot(client);
    }
    // what a replay of XCLAIMs does not bring back, in Redis as here: when consumers were last
    // seen, and the group read counters that 7.0 does not replicate
    StreamFixtures.assertNearlySame(StreamFixtures.masked(before, "seen-time", "entries-read", "lag"),
        StreamFixtures.masked(replayed, "seen-time", "entries-read", "lag"), 0);
    try (RedisServerProcess redis = RedisServerProcess.builder().directory(dir)
            .directive("appendonly", "yes").directive("dir", dir.toString()).start();
        RespTestClient real = new RespTestClient(redis.address())) {
      StreamFixtures.assertNearlySame(StreamFixtures.masked(StreamFixtures.snapshot(real), "seen-time"),
          StreamFixtures.masked(replayed, "seen-time"), 0);
    }
  }
}
