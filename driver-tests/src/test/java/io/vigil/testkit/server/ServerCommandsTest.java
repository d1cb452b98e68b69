package io.vigil.testkit.server;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server and connection commands whose replies differ per run (ids, addresses, times). */
class ServerCommandsTest {

  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    vigil = VigilServer.builder().directive("requirepass", "pw").start();
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  private static RespTestClient authed() {
    RespTestClient c = new RespTestClient(vigil.address());
    assertThat(c.call("AUTH", "pw")).isEqualTo(RespSimpleString.OK);
    return c;
  }

  @Test
  void requirepassGatesCommandsUntilAuth() {
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      assertThat(c.call("GET", "k")).isEqualTo(RespError.of("NOAUTH Authentication required."));
      assertThat(c.call("AUTH", "wrong")).isEqualTo(
          RespError.of("WRONGPASS invalid username-password pair or user is disabled."));
      assertThat(c.call("HELLO", "3", "AUTH", "default", "pw")).isNotInstanceOf(RespError.class);
      assertThat(c.call("GET", "k")).isNotInstanceOf(RespError.class);
    }
  }

  @Test
  void infoHasRedisFieldsAndAFortyHexRunId() {
    try (RespTestClient c = authed()) {
      String info = ((RespBulkString) c.call("INFO")).asString();
      assertThat(info).contains("# Server\r\nredis_version:7.0.15\r\n", "# Replication\r\nrole:master\r\n",
          "connected_clients:", "used_memory:", "rdb_changes_since_last_save:", "keyspace_hits:",
          "master_replid:", "# CPU\r\n", "# Keyspace\r\n");
      assertThat(info).containsPattern("run_id:[0-9a-f]{40}\r\n");
      assertThat(vigil.runId()).matches("[0-9a-f]{40}");
    }
  }

  @Test
  void infoCountsCommandsAndErrors() {
    try (RespTestClient c = authed()) {
      c.call("SET", "stat", "x");
      c.call("INCR", "stat");
      c.call("GET");
      String info = ((RespBulkString) c.call("INFO", "commandstats", "errorstats")).asString();
      assertThat(info).containsPattern("cmdstat_set:calls=\\d+,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=0\r\n");
      assertThat(info).containsPattern("cmdstat_incr:calls=\\d+,usec=\\d+,usec_per_call=[0-9.]+,rejected_calls=0,failed_calls=[1-9]");
      assertThat(info).containsPattern("cmdstat_get:calls=\\d+,usec=\\d+,usec_per_call=[0-9.]+,rejected_calls=[1-9]");
      assertThat(info).containsPattern("errorstat_ERR:count=\\d+\r\n");
    }
  }

  @Test
  void roleAndTime() {
    try (RespTestClient c = authed()) {
      assertThat(c.call("ROLE")).isEqualTo(RespArray.of(RespBulkString.of("master"), RespInteger.ZERO, RespArray.EMPTY));
      RespArray time = (RespArray) c.call("TIME");
      long seconds = Long.parseLong(((RespBulkString) time.get(0)).asString());
      assertThat(seconds).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
    }
  }

  @Test
  void clientKillByTypeAsSentinelDoes() {
    try (RespTestClient admin = authed(); RespTestClient normal = authed(); RespTestClient sub = authed()) {
      sub.call("SUBSCRIBE", "ch");
      assertThat(admin.call("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(RespInteger.ONE);
      assertThat(sub.closedByServer()).isTrue();
      assertThat(admin.call("CLIENT", "KILL", "TYPE", "normal")).isEqualTo(RespInteger.ONE);
      assertThat(normal.closedByServer()).isTrue();
      assertThat(admin.call("CLIENT", "KILL", "TYPE", "master")).isEqualTo(RespInteger.ZERO);
      assertThat(admin.call("CLIENT", "KILL", "TYPE", "replica")).isEqualTo(RespInteger.ZERO);
      assertThat(admin.call("PING")).isEqualTo(RespSimpleString.PONG);
    }
  }

  @Test
  void sentinelReconfigurationTransactionPiecesQueue() {
    try (RespTestClient c = authed()) {
      c.call("MULTI");
      assertThat(c.call("CLIENT", "KILL", "TYPE", "normal")).isEqualTo(RespSimpleString.QUEUED);
      assertThat(c.call("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(RespSimpleString.QUEUED);
      RespValue exec = c.call("EXEC");
      assertThat(exec).isInstanceOf(RespArray.class);
    }
  }

  @Test
  void clientListAndSetname() {
    try (RespTestClient c = authed()) {
      assertThat(c.call("CLIENT", "SETNAME", "me")).isEqualTo(RespSimpleString.OK);
      String list = ((RespBulkString) c.call("CLIENT", "LIST")).asString();
      assertThat(list).containsPattern("id=\\d+ addr=127\\.0\\.0\\.1:\\d+ laddr=127\\.0\\.0\\.1:\\d+ fd=\\d+ name=me age=\\d+ idle=\\d+ flags=N db=0 .* cmd=client\\|list user=default redir=-1 resp=2\n");
      String info = ((RespBulkString) c.call("CLIENT", "INFO")).asString();
      assertThat(info).contains("name=me", "cmd=client|info");
    }
  }

  @Test
  void monitorStreamsCommands() {
    try (RespTestClient mon = authed(); RespTestClient c = authed()) {
      assertThat(mon.call("MONITOR")).isEqualTo(RespSimpleString.OK);
      c.call("SET", "watched", "a b");
      RespValue line = mon.read();
      assertThat(((RespSimpleString) line).value()).matches("\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"set\" \"watched\" \"a b\"|\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"SET\" \"watched\" \"a b\"");
    }
  }

  @Test
  void commandReportsRedisMetadata() {
    try (RespTestClient c = authed()) {
      RespArray info = (RespArray) c.call("COMMAND", "INFO", "get", "set");
      RespArray get = (RespArray) info.get(0);
      assertThat(get.get(0)).isEqualTo(RespBulkString.of("get"));
      assertThat(get.get(1)).isEqualTo(RespInteger.of(2));
      assertThat(get.get(2)).isEqualTo(RespArray.of(RespSimpleString.of("readonly"), RespSimpleString.of("fast")));
      RespArray set = (RespArray) info.get(1);
      assertThat(set.get(2)).isEqualTo(RespArray.of(RespSimpleString.of("write"), RespSimpleString.of("denyoom")));
      assertThat(((RespInteger) c.call("COMMAND", "COUNT")).value()).isGreaterThan(150);
    }
  }

  @Test
  void scanVisitsEveryKeyPresentForTheWholeIteration() {
    try (RespTestClient c = authed()) {
      c.call("SELECT", "5");
      for (int i = 0; i < 3000; i++) {
        c.send("SET", "scan:" + i, "v");
      }
      c.read(3000);
      java.util.Set<String> seen = new java.util.HashSet<>();
      String cursor = "0";
      int calls = 0;
      do {
        RespArray page = (RespArray) c.call("SCAN", cursor, "COUNT", "100", "MATCH", "scan:*");
        cursor = ((RespBulkString) page.get(0)).asString();
        for (RespValue k : ((RespArray) page.get(1)).elements()) {
          seen.add(((RespBulkString) k).asString());
        }
        if (calls == 5) {
          c.call("SET", "scan:added-late", "v"); // may or may not be returned
          c.call("DEL", "scan:2999");
        }
        calls++;
      } while (!cursor.equals("0"));
      seen.remove("scan:added-late");
      seen.remove("scan:2999");
      assertThat(seen).hasSize(2999);
      assertThat(calls).isBetween(20, 40);
      c.call("FLUSHDB");
    }
  }

  @Test
  void configSetPortMovesTheListener() {
    try (VigilServer own = VigilServer.builder().start();
        RespTestClient c = new RespTestClient(own.address())) {
      int newPort = io.vigil.testkit.process.Ports.freeLoopbackPort();
      c.send("CONFIG", "SET", "port", Integer.toString(newPort));
      c.send("PING"); // pipelined behind the rebind: must answer after it
      assertThat(c.read()).isEqualTo(RespSimpleString.OK);
      assertThat(c.read()).isEqualTo(RespSimpleString.PONG);
      try (RespTestClient moved = new RespTestClient(new java.net.InetSocketAddress("127.0.0.1", newPort))) {
        assertThat(moved.call("PING")).isEqualTo(RespSimpleString.PONG);
        String info = ((RespBulkString) moved.call("INFO", "server")).asString();
        assertThat(info).contains("tcp_port:" + newPort + "\r\n");
      }
      assertThat(c.call("CONFIG", "SET", "port", Integer.toString(newPort))).isEqualTo(RespSimpleString.OK);
      try (RespTestClient other = new RespTestClient(vigil.address())) {
        // a port another server listens on cannot be taken: the error leaves this one in place
        assertThat(c.call("CONFIG", "SET", "port", Integer.toString(vigil.port())))
            .isEqualTo(io.vigil.resp.RespError.of("ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port"));
        assertThat(((RespArray) c.call("CONFIG", "GET", "port")).get(1))
            .isEqualTo(RespBulkString.of(Integer.toString(newPort)));
      }
    }
  }

  @Test
  void idleClientsAreClosedAfterTimeout() {
    try (VigilServer own = VigilServer.builder().directive("timeout", "1").start();
        RespTestClient idle = new RespTestClient(own.address());
        RespTestClient subscriber = new RespTestClient(own.address())) {
      assertThat(idle.call("PING")).isEqualTo(RespSimpleString.PONG);
      subscriber.call("SUBSCRIBE", "ch");
      idle.timeout(10_000);
      assertThat(idle.closedByServer()).isTrue();
      try (RespTestClient admin = new RespTestClient(own.address())) {
        assertThat(admin.call("PUBSUB", "NUMSUB", "ch")).isEqualTo(
            RespArray.of(RespBulkString.of("ch"), RespInteger.ONE));
      }
    }
  }

  @Test
  void evalRunsLua() {
    try (RespTestClient c = authed()) {
      assertThat(c.call("EVAL", "return tonumber(ARGV[1]) + 1", "0", "41")).isEqualTo(RespInteger.of(42));
    }
  }

  @Test
  void waitWithoutReplicasAnswersZero() {
    try (RespTestClient c = authed()) {
      assertThat(c.call("WAIT", "0", "0")).isEqualTo(RespInteger.ZERO);
      assertThat(c.call("WAIT", "1", "50")).isEqualTo(RespInteger.ZERO);
    }
  }

  @Test
  void slowlogRecordsWhenThresholdIsZero() {
    try (RespTestClient c = authed()) {
      c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
      c.call("SLOWLOG", "RESET");
      c.call("SET", "slow", "1");
      Await.until("slowlog entry", Duration.ofSeconds(5),
          () -> ((RespInteger) c.call("SLOWLOG", "LEN")).value() >= 1);
      c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000");
    }
  }
}
