package io.vigil.testkit.sentinel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentinelConfigWriterTest {

  @Test
  void rewriteKeepsUserLinesAndRemembersLearnedState(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sentinel.conf");
    Files.writeString(file, String.join("\n",
        "# my sentinel",
        "port 26380",
        "sentinel monitor mymaster 127.0.0.1 6379 2",
        "sentinel auth-pass mymaster \"p w\"",
        "dir /tmp",
        ""));
    SentinelConfig config = SentinelConfigParser.parse(file);
    config.myId("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    config.currentEpoch(7);
    MonitoredMaster m = config.masters().get("mymaster");
    m.address("127.0.0.1", 6380);
    m.configEpoch(7);
    m.knownReplicas().add(new MonitoredMaster.HostPort("127.0.0.1", 6379));
    m.knownSentinels().add(new MonitoredMaster.KnownSentinel("127.0.0.1", 26381, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));

    SentinelConfigWriter.flush(config);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.subList(0, 5)).containsExactly(
        "# my sentinel",
        "port 26380",
        "sentinel myid aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "sentinel monitor mymaster 127.0.0.1 6380 2",
        "dir /tmp");
    assertThat(lines).contains(SentinelConfigWriter.GENERATED_MARKER,
        "sentinel auth-pass mymaster \"p w\"",
        "sentinel config-epoch mymaster 7",
        "sentinel known-replica mymaster 127.0.0.1 6379",
        "sentinel known-sentinel mymaster 127.0.0.1 26381 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        "sentinel current-epoch 7");
    assertThat(Files.list(dir)).as("no temporary file left").hasSize(1);

    SentinelConfig reread = SentinelConfigParser.parse(file);
    assertThat(reread.myId()).isEqualTo(config.myId());
    assertThat(reread.currentEpoch()).isEqualTo(7);
    MonitoredMaster again = reread.masters().get("mymaster");
    assertThat(again.port()).isEqualTo(6380);
    assertThat(again.authPass()).isEqualTo("p w");
    assertThat(again.knownReplicas()).hasSize(1);
    assertThat(again.knownSentinels()).hasSize(1);
  }

  @Test
  void secondRewriteIsStable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.conf");
    Files.writeString(file, "port 1\nsentinel monitor m 127.0.0.1 6379 1\n");
    SentinelConfig config = SentinelConfigParser.parse(file);
    config.myId("cccccccccccccccccccccccccccccccccccccccc");
    SentinelConfigWriter.flush(config);
    String first = Files.readString(file);
    SentinelConfigWriter.flush(SentinelConfigParser.parse(file));
    assertThat(Files.readString(file)).isEqualTo(first);
  }
}
