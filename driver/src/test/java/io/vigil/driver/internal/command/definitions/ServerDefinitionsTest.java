package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.args.ClientKillArgs;
import io.vigil.driver.args.ClientType;
import io.vigil.driver.args.FlushMode;
import io.vigil.resp.RespSimpleString;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerDefinitionsTest {

  private final RecordingRunner redis = new RecordingRunner(RespSimpleString.OK);

  @Test
  void subcommandsAndOptionsWriteRedisForms() {
    assertThat(redis.wire(r -> r.info("server", "clients"))).containsExactly("INFO", "server", "clients");
    assertThat(redis.wire(r -> r.flushall(FlushMode.ASYNC))).containsExactly("FLUSHALL", "ASYNC");
    assertThat(redis.wire(r -> r.configGet("maxmemory*", "save"))).containsExactly("CONFIG", "GET", "maxmemory*", "save");
    Map<String, String> pairs = new LinkedHashMap<>();
    pairs.put("a", "1");
    pairs.put("b", "2");
    assertThat(redis.wire(r -> r.configSet(pairs))).containsExactly("CONFIG", "SET", "a", "1", "b", "2");
    assertThat(redis.wire(r -> r.clientKill(ClientKillArgs.none().skipMe(false).localAddress("127.0.0.1:1")
        .type(ClientType.REPLICA).id(9).user("u").address("127.0.0.1:2"))))
        .containsExactly("CLIENT", "KILL", "ID", "9", "TYPE", "replica", "USER", "u", "ADDR", "127.0.0.1:2",
            "LADDR", "127.0.0.1:1", "SKIPME", "no");
    assertThat(redis.wire(r -> r.clientList(4, 5))).containsExactly("CLIENT", "LIST", "ID", "4", "5");
    assertThat(redis.wire(r -> r.clientNoEvict(true))).containsExactly("CLIENT", "NO-EVICT", "on");
    assertThat(redis.wire(r -> r.memoryUsage("k", 0))).containsExactly("MEMORY", "USAGE", "k", "SAMPLES", "0");
    assertThat(redis.wire(r -> r.latencyReset())).containsExactly("LATENCY", "RESET");
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsSent() {
    redis.assertRejected(r -> r.info("server", null), r -> r.info("server", null), "INFO", "section");
    redis.assertRejected(r -> r.configGet(), r -> r.configGet(), "CONFIG GET", "pattern");
    redis.assertRejected(r -> r.configSet(Map.of()), r -> r.configSet(Map.of()), "CONFIG SET", "parameter");
    redis.assertRejected(r -> r.configSet("maxmemory", null), r -> r.configSet("maxmemory", null), "CONFIG SET",
        "value");
    redis.assertRejected(r -> r.clientSetname("a b"), r -> r.clientSetname("a b"), "CLIENT SETNAME", "a b");
    redis.assertRejected(r -> r.clientSetname("line\n"), r -> r.clientSetname("line\n"), "CLIENT SETNAME");
    redis.assertRejected(r -> r.clientKill(ClientKillArgs.none().skipMe(true)),
        r -> r.clientKill(ClientKillArgs.none().skipMe(true)), "CLIENT KILL", "at least one filter");
    redis.assertRejected(r -> r.clientList(new long[0]), r -> r.clientList(new long[0]), "CLIENT LIST", "id");
    redis.assertRejected(r -> r.clientList(0L), r -> r.clientList(0L), "CLIENT LIST", "id", "0");
    redis.assertRejected(r -> r.memoryUsage("k", -1), r -> r.memoryUsage("k", -1), "MEMORY USAGE", "SAMPLES");
    redis.assertRejected(r -> r.slowlogGet(-2), r -> r.slowlogGet(-2), "SLOWLOG GET", "count");
    redis.assertRejected(r -> r.flushdb(null), r -> r.flushdb(null), "FLUSHDB", "mode");
    redis.assertRejected(r -> r.ping(null), r -> r.ping(null), "PING", "message");
    redis.assertRejected(r -> r.latencyHistory(null), r -> r.latencyHistory(null), "LATENCY HISTORY", "event");
  }
}
