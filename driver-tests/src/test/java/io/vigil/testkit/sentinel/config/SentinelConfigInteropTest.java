package io.vigil.testkit.sentinel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code redis-sentinel} is the judge of the config format, in both directions. */
class SentinelConfigInteropTest {

  @BeforeAll
  static void requireSentinel() {
    RealRedis.require("redis-sentinel");
  }

  @Test
  void realSentinelAcceptsWhatWeWrite(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sentinel.conf");
    Files.writeString(file, "sentinel monitor mymaster 127.0.0.1 1 2\n");
    SentinelConfig config = SentinelConfigParser.parse(file);
    config.myId("0123456789abcdef0123456789abcdef01234567");
    config.currentEpoch(12);
    MonitoredMaster m = config.masters().get("mymaster");
    m.downAfterMillis(1500);
    m.failoverTimeoutMillis(9000);
    m.parallelSyncs(3);
    m.configEpoch(11);
    m.leaderEpoch(12);
    m.authPass("secret with space");
    m.knownReplicas().add(new MonitoredMaster.HostPort("127.0.0.1", 2));
    SentinelConfigWriter.flush(config);

    try (RedisServerProcess sentinel = RedisServerProcess.sentinelBuilder().configFile(file).directory(dir).start();
        RespSocket s = RespSocket.connect(sentinel.address())) {
      assertThat(RespSocket.text(s.call("SENTINEL", "MYID"))).isEqualTo("0123456789abcdef0123456789abcdef01234567");
      List<String> fields = RespSocket.texts(s.call("SENTINEL", "MASTER", "mymaster"));
      assertThat(value(fields, "quorum")).isEqualTo("2");
      assertThat(value(fields, "down-after-milliseconds")).isEqualTo("1500");
      assertThat(value(fields, "failover-timeout")).isEqualTo("9000");
      assertThat(value(fields, "parallel-syncs")).isEqualTo("3");
      assertThat(value(fields, "config-epoch")).isEqualTo("11");
      assertThat(value(fields, "num-slaves")).isEqualTo("1");
      String info = RespSocket.text(s.call("INFO", "sentinel"));
      assertThat(info).contains("sentinel_masters:1");
    }
  }

  @Test
  void weReadWhatRealSentinelRewrites(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sentinel.conf");
    Files.writeString(file, String.join("\n",
        "sentinel monitor mymaster 127.0.0.1 1 2",
        "sentinel down-after-milliseconds mymaster 2500",
        "sentinel auth-pass mymaster 1234",
        ""));
    try (RedisServerProcess sentinel = RedisServerProcess.sentinelBuilder().configFile(file).directory(dir).start();
        RespSocket s = RespSocket.connect(sentinel.address())) {
      String myId = RespSocket.text(s.call("SENTINEL", "MYID"));
      assertThat(RespSocket.text(s.call("SENTINEL", "FLUSHCONFIG"))).isEqualTo("OK");

      SentinelConfig reread = SentinelConfigParser.parse(file);
      assertThat(reread.myId()).isEqualTo(myId);
      MonitoredMaster m = reread.masters().get("mymaster");
      assertThat(m.downAfterMillis()).isEqualTo(2500);
      assertThat(m.authPass()).isEqualTo("1234");
      assertThat(reread.port()).isEqualTo(sentinel.port());
    }
  }

  private static String value(List<String> flat, String key) {
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      if (flat.get(i).equals(key)) {
        return flat.get(i + 1);
      }
    }
    throw new AssertionError("no field " + key + " in " + flat);
  }
}
