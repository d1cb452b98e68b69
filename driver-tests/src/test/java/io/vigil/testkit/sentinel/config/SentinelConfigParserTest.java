package io.vigil.testkit.sentinel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SentinelConfigParserTest {

  private static final String TYPICAL = String.join("\n",
      "bind 0.0.0.0",
      "daemonize yes",
      "protected-mode no",
      "port 26379",
      "logfile \"./myredis/sentinel26379.log\"",
      "pidfile /var/run/redis-sentinel26379.pid",
      "dir ./myredis",
      "sentinel monitor mymaster 127.0.0.1 6379 2",
      "sentinel auth-pass mymaster 1234");

  @Test
  void typicalFileIsReadUnchanged() {
    SentinelConfig config = SentinelConfigParser.parse("sentinel.conf", TYPICAL);
    assertThat(config.port()).isEqualTo(26379);
    assertThat(config.bind()).containsExactly("0.0.0.0");
    assertThat(config.protectedMode()).isFalse();
    assertThat(config.logfile()).isEqualTo("./myredis/sentinel26379.log");
    assertThat(config.dir()).isEqualTo("./myredis");
    MonitoredMaster m = config.masters().get("mymaster");
    assertThat(m.host()).isEqualTo("127.0.0.1");
    assertThat(m.port()).isEqualTo(6379);
    assertThat(m.quorum()).isEqualTo(2);
    assertThat(m.authPass()).isEqualTo("1234");
    assertThat(m.downAfterMillis()).isEqualTo(30_000);
  }

  @Test
  void daemonizeIsIgnoredWithAWarning() {
    SentinelConfig config = SentinelConfigParser.parse("sentinel.conf", TYPICAL);
    assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("'daemonize yes' is ignored"));
  }

  @Test
  void rememberedStateIsRead() {
    SentinelConfig config = SentinelConfigParser.parse("s.conf", String.join("\n",
        "sentinel myid 0123456789abcdef0123456789abcdef01234567",
        "sentinel monitor m 10.0.0.1 6379 2",
        "sentinel down-after-milliseconds m 1000",
        "sentinel failover-timeout m 5000",
        "sentinel parallel-syncs m 2",
        "sentinel config-epoch m 3",
        "sentinel leader-epoch m 4",
        "sentinel known-replica m 10.0.0.2 6380",
        "sentinel known-slave m 10.0.0.3 6381",
        "sentinel known-sentinel m 10.0.0.9 26380 fedcba9876543210fedcba9876543210fedcba98",
        "sentinel current-epoch 4",
        "sentinel announce-ip 192.0.2.1",
        "sentinel announce-port 36379",
        "sentinel resolve-hostnames yes"));
    MonitoredMaster m = config.masters().get("m");
    assertThat(config.myId()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(config.currentEpoch()).isEqualTo(4);
    assertThat(m.downAfterMillis()).isEqualTo(1000);
    assertThat(m.failoverTimeoutMillis()).isEqualTo(5000);
    assertThat(m.parallelSyncs()).isEqualTo(2);
    assertThat(m.configEpoch()).isEqualTo(3);
    assertThat(m.leaderEpoch()).isEqualTo(4);
    assertThat(m.knownReplicas()).extracting(Object::toString).containsExactly("10.0.0.2:6380", "10.0.0.3:6381");
    assertThat(m.knownSentinels()).singleElement()
        .satisfies(s -> assertThat(s.runId()).startsWith("fedcba"));
    assertThat(config.announceIp()).isEqualTo("192.0.2.1");
    assertThat(config.announcePort()).isEqualTo(36379);
    assertThat(config.resolveHostnames()).isTrue();
  }

  @Test
  void zeroQuorumStopsWithFileLineAndRedisReason() {
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "port 1\n\nsentinel monitor m 127.0.0.1 6379 0"))
        .isInstanceOf(SentinelConfigException.class)
        .hasMessage("s.conf:3: 'sentinel monitor m 127.0.0.1 6379 0': Quorum must be 1 or greater.");
  }

  @Test
  void optionForAnUnknownMasterIsRefused() {
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "sentinel auth-pass nosuch x"))
        .isInstanceOf(SentinelConfigException.class)
        .satisfies(e -> {
          SentinelConfigException c = (SentinelConfigException) e;
          assertThat(c.lineNumber()).isEqualTo(1);
          assertThat(c.reason()).isEqualTo("No such master with specified name.");
        });
  }

  @Test
  void unknownSentinelOptionAndDirectiveAreRefused() {
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "sentinel frobnicate yes"))
        .hasMessageEndingWith("Unrecognized sentinel configuration statement.");
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "frobnicate yes"))
        .hasMessageEndingWith("Bad directive or wrong number of arguments");
  }

  @Test
  void malformedValuesNameTheProblem() {
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "sentinel myid abc"))
        .hasMessageEndingWith("Malformed Sentinel id in myid option.");
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "sentinel monitor m h 70000 1"))
        .hasMessageContaining("Invalid port 70000");
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "sentinel monitor m h 1 1\nsentinel down-after-milliseconds m 0"))
        .hasMessageStartingWith("s.conf:2:")
        .hasMessageEndingWith("Negative or zero time parameter.");
    assertThatThrownBy(() -> SentinelConfigParser.parse("s.conf", "port \"26379"))
        .hasMessageEndingWith("Unbalanced quotes in configuration line");
  }
}
