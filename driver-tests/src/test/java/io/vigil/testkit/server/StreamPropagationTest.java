package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.Await;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands a Java master sends its replicas for stream commands are the ones redis-server
 * 7.0 sends, command by command: generated IDs filled in, approximate trims made exact, group
 * reads and claims as idempotent XCLAIMs, NOACK reads as consumer creation and SETID, several
 * effects of one command or one blocked read wrapped in MULTI/EXEC, reads of history not at all.
 * Delivery times ({@code TIME}) and generated IDs come from each server's clock and are
 * compared by position only.
 */
class StreamPropagationTest {

  private static final Set<String> IGNORED = Set.of("PING", "SELECT", "REPLCONF");

  private static RedisServerProcess redis;
  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().directive("save", "").start();
    vigil = VigilServer.builder().start();
  }

  @AfterAll
  static void stop() {
    if (vigil != null) {
      vigil.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void streamCommandsReachReplicasAsRedisSendsThem() {
    List<List<String>> real = propagated(redis.address());
    List<List<String>> java = propagated(vigil.address());
    assertThat(real).as("what Redis propagated").hasSizeGreaterThan(40)
        .anyMatch(c -> c.get(0).equals("XCLAIM")).anyMatch(c -> c.get(0).equals("MULTI"));
    assertThat(java).isEqualTo(real);
  }

  private static List<List<String>> propagated(InetSocketAddress address) {
    try (RespTestClient client = new RespTestClient(address);
        RespTestClient reader = new RespTestClient(address)) {
      client.call("FLUSHALL");
      try (ReplicationTap tap = new ReplicationTap(address)) {
        Map<String, String> generated = new HashMap<>();
        for (String[] command : script()) {
          RespValue reply = client.call(command);
          if (command[0].equals("XADD") && List.of(command).contains("*") && reply instanceof RespBulkString id) {
            generated.put(id.asString(), "<generated-id-" + generated.size() + ">");
          }
        }
        // one blocked reader of new entries, one NOACK: each served by an XADD
        reader.send("XREADGROUP", "GROUP", "gb", "blocked", "COUNT", "2", "BLOCK", "0", "STREAMS", "s", ">");
        awaitBlocked(client);
        client.call("XADD", "s", "50-0", "f", "1");
        client.call("XADD", "s", "50-1", "f", "2");
        assertThat(reader.read().isError()).isFalse();
        client.call("XGROUP", "CREATE", "s", "gq", "$");
        reader.send("XREADGROUP", "GROUP", "gq", "quiet", "NOACK", "BLOCK", "0", "STREAMS", "s", ">");
        awaitBlocked(client);
        client.call("XADD", "s", "51-0", "f", "3");
        assertThat(reader.read().isError()).isFalse();
        client.call("SET", "end-of-script", "1");

        List<List<String>> out = new ArrayList<>();
        while (true) {
          List<String> command = tap.next();
          if (IGNORED.contains(command.get(0).toUpperCase(java.util.Locale.ROOT))) {
            continue;
          }
          if (command.equals(List.of("SET", "end-of-script", "1"))) {
            return out;
          }
          List<String> normalized = new ArrayList<>(command.size());
          for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            boolean time = i > 0 && command.get(i - 1).equals("TIME");
            normalized.add(time ? "<time>" : generated.getOrDefault(word, word));
          }
          out.add(normalized);
        }
      }
    }
  }

  private static void awaitBlocked(RespTestClient client) {
    Await.until("a blocked reader", Duration.ofSeconds(5), () -> {
      RespValue info = client.call("INFO", "clients");
      return info instanceof RespBulkString b && b.asString().contains("blocked_clients:1\r\n");
    });
  }

  private static List<String[]> script() {
    List<String[]> s = new ArrayList<>();
    s.add(new String[] {"XADD", "s", "1-1", "f", "a"});
    s.add(new String[] {"XADD", "s", "1-*", "f", "b"});
    s.add(new String[] {"XADD", "s", "2-*", "f", "c", "g", "d"});
    s.add(new String[] {"XADD", "t", "*", "x", "1"});
    s.add(new String[] {"XADD", "t", "MAXLEN", "~", "5", "*", "x", "2"});
    s.add(new String[] {"XADD", "s", "MINID", "~", "0", "3-0", "f", "e"});
    s.add(new String[] {"XADD", "s", "NOMKSTREAM", "MAXLEN", "=", "100", "4-0", "f", "e"});
    s.add(new String[] {"XADD", "nokey", "NOMKSTREAM", "1-0", "f", "e"});
    s.add(new String[] {"XADD", "s", "1-0", "f", "too-small"});
    for (int i = 5; i < 20; i++) {
      s.add(new String[] {"XADD", "s", i + "-0", "f", "v" + i});
    }
    s.add(new String[] {"XTRIM", "s", "MAXLEN", "~", "2"});
    s.add(new String[] {"XTRIM", "s", "MAXLEN", "17"});
    s.add(new String[] {"XTRIM", "s", "MINID", "3"});
    s.add(new String[] {"XTRIM", "s", "MAXLEN", "100"});
    s.add(new String[] {"XDEL", "s", "5-0", "99-0"});
    s.add(new String[] {"XDEL", "s", "99-0"});
    s.add(new String[] {"XGROUP", "CREATE", "s", "g", "0"});
    s.add(new String[] {"XGROUP", "CREATE", "s", "g", "0"});
    s.add(new String[] {"XGROUP", "CREATE", "s", "h", "$", "ENTRIESREAD", "3"});
    s.add(new String[] {"XGROUP", "CREATE", "fresh", "g", "$", "MKSTREAM"});
    s.add(new String[] {"XREADGROUP", "GROUP", "g", "alice", "COUNT", "3", "STREAMS", "s", ">"});
    s.add(new String[] {"XREADGROUP", "GROUP", "g", "bob", "NOACK", "COUNT", "2", "STREAMS", "s", ">"});
    s.add(new String[] {"XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", "0"});
    s.add(new String[] {"XREADGROUP", "GROUP", "g", "carol", "STREAMS", "s", "0"});
    s.add(new String[] {"XREAD", "STREAMS", "s", "0"});
    s.add(new String[] {"XRANGE", "s", "-", "+"});
    s.add(new String[] {"XDEL", "s", "2-0"});
    s.add(new String[] {"XCLAIM", "s", "g", "dave", "0", "1-1", "2-0", "2", "JUSTID"});
    s.add(new String[] {"XCLAIM", "s", "g", "dave", "0", "12-0", "FORCE", "RETRYCOUNT", "7"});
    s.add(new String[] {"XCLAIM", "s", "g", "erin", "0", "99-0", "LASTID", "15-0"});
    s.add(new String[] {"XCLAIM", "s", "g", "erin", "0", "99-0", "LASTID", "1-0"});
    s.add(new String[] {"XCLAIM", "s", "g", "erin", "9999999", "1-1"});
    s.add(new String[] {"XDEL", "s", "12-0"});
    s.add(new String[] {"XAUTOCLAIM", "s", "g", "frank", "0", "0", "COUNT", "10"});
    s.add(new String[] {"XAUTOCLAIM", "s", "g", "frank", "0", "0", "JUSTID"});
    s.add(new String[] {"XACK", "s", "g", "1-1", "99-0"});
    s.add(new String[] {"XACK", "s", "g", "99-0"});
    s.add(new String[] {"XPENDING", "s", "g"});
    s.add(new String[] {"XGROUP", "SETID", "s", "h", "$"});
    s.add(new String[] {"XGROUP", "CREATECONSUMER", "s", "h", "gina"});
    s.add(new String[] {"XGROUP", "CREATECONSUMER", "s", "h", "gina"});
    s.add(new String[] {"XGROUP", "DELCONSUMER", "s", "h", "gina"});
    s.add(new String[] {"XGROUP", "DELCONSUMER", "s", "h", "nobody"});
    s.add(new String[] {"XGROUP", "DESTROY", "s", "h"});
    s.add(new String[] {"XGROUP", "DESTROY", "s", "h"});
    s.add(new String[] {"XSETID", "s", "40-0", "ENTRIESADDED", "40", "MAXDELETEDID", "30-0"});
    s.add(new String[] {"MULTI"});
    s.add(new String[] {"XADD", "s", "41-0", "f", "m"});
    s.add(new String[] {"XREADGROUP", "GROUP", "g", "hal", "STREAMS", "s", ">"});
    s.add(new String[] {"XADD", "s", "42-*", "f", "n"});
    s.add(new String[] {"EXEC"});
    s.add(new String[] {"XGROUP", "CREATE", "s", "gb", "$"});
    return s;
  }
}
