package io.vigil.testkit.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.VigilServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DUMP payloads crossing between the Java server and a real redis-server 7.0.15, for every type
 * and encoding: each value is built on both, real Redis's payload is restored on the Java server
 * and the Java server's on real Redis, and the restored values must equal the originals (with
 * their encoding and their TTL), as must the payloads wherever Redis's encoding is deterministic.
 */
class DumpInteropTest {

  private static RedisServerProcess redis;
  private static VigilServer vigil;
  private static RespSocket real;
  private static RespSocket java;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().directive("save", "").start();
    vigil = VigilServer.builder().start();
    real = RespSocket.connect(redis.address(), Duration.ofSeconds(10));
    java = RespSocket.connect(vigil.address(), Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {real, java, vigil, redis}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing test fixtures
      }
    }
  }

  /** The same writes on both servers. */
  private static void both(String... command) {
    RespValue a = real.call(command);
    RespValue b = java.call(command);
    assertThat(b).as("%s", String.join(" ", command)).isEqualTo(a);
  }

  private static void both(List<String> command) {
    both(command.toArray(new String[0]));
  }

  private static List<String> bulk(String command, String key, int n, java.util.function.IntFunction<List<String>> item) {
    List<String> out = new ArrayList<>(List.of(command, key));
    for (int i = 0; i < n; i++) {
      out.addAll(item.apply(i));
    }
    return out;
  }

  private static byte[] dump(RespSocket s, String key) {
    RespValue v = s.call("DUMP", key);
    assertThat(v).as("DUMP %s", key).isInstanceOf(RespBulkString.class);
    return ((RespBulkString) v).bytes();
  }

  private static RespValue restore(RespSocket s, String key, long ttl, byte[] payload) {
    s.sendBytes(b("RESTORE"), b(key), b(Long.toString(ttl)), payload);
    return s.read();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A value as comparable text: hash and set orders are hash orders, so those are sorted. */
  private static String contents(RespSocket s, String key) {
    String type = RespSocket.text(s.call("TYPE", key));
    switch (type) {
      case "string":
        return "string " + RespSocket.text(s.call("GET", key));
      case "list":
        return "list " + RespSocket.texts(s.call("LRANGE", key, "0", "-1"));
      case "set": {
        List<String> m = new ArrayList<>(RespSocket.texts(s.call("SMEMBERS", key)));
        Collections.sort(m);
        return "set " + m;
      }
      case "zset":
        return "zset " + RespSocket.texts(s.call("ZRANGE", key, "0", "-1", "WITHSCORES"));
      case "hash": {
        List<String> flat = RespSocket.texts(s.call("HGETALL", key));
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
          m.put(flat.get(i), flat.get(i + 1));
        }
        return "hash " + m;
      }
      default:
        return type;
    }
  }

  private static String encoding(RespSocket s, String key) {
    return RespSocket.text(s.call("OBJECT", "ENCODING", key));
  }

  /** Crosses {@code key}'s payloads both ways and checks the restored values. */
  private static void crossCheck(String key, boolean samePayload) {
    byte[] fromReal = dump(real, key);
    byte[] fromJava = dump(java, key);
    if (samePayload) {
      assertThat(fromJava).as("Java's DUMP of %s equals Redis's", key).isEqualTo(fromReal);
    }
    assertThat(RespSocket.text(restore(java, key + ":r", 0, fromReal))).as("Java RESTORE of Redis's %s", key)
        .isEqualTo("OK");
    assertThat(RespSocket.text(restore(real, key + ":j", 3_600_000, fromJava))).as("Redis RESTORE of Java's %s", key)
        .isEqualTo("OK");
    String original = contents(real, key);
    assertThat(contents(java, key)).as("%s built on both", key).isEqualTo(original);
    assertThat(contents(java, key + ":r")).as("Redis's %s restored on Java", key).isEqualTo(original);
    assertThat(contents(real, key + ":j")).as("Java's %s restored on Redis", key).isEqualTo(original);
    assertThat(encoding(java, key + ":r")).as("encoding of Redis's %s restored on Java", key)
        .isEqualTo(encoding(real, key));
    assertThat(encoding(real, key + ":j")).as("encoding of Java's %s restored on Redis", key)
        .isEqualTo(encoding(java, key));
    assertThat(Long.parseLong(RespSocket.text(real.call("PTTL", key + ":j")))).isBetween(3_500_000L, 3_600_000L);
  }

  @Test
  void stringsOfEveryEncodingCrossBothWays() {
    both("SET", "int", "12345");
    both("SET", "bigint", "-9223372036854775808");
    both("SET", "embstr", "hello world");
    both("SET", "lzf", "abcdefgh".repeat(40));
    both("SET", "random", "q7#Zk!pW0@x" + "r".repeat(5) + "T9%mB2&vL");
    both("APPEND", "raw", "12");
    for (String key : List.of("int", "bigint", "embstr", "lzf", "random", "raw")) {
      crossCheck(key, true);
    }
  }

  @Test
  void listsSmallAndSpanningSeveralNodesCrossBothWays() {
    both("RPUSH", "list", "a", "b", "1", "-70000", "x".repeat(80));
    both(bulk("RPUSH", "biglist", 3000, i -> List.of("element-" + i + "-" + "x".repeat(i % 50))));
    both("RPUSH", "hugeitem", "y".repeat(10_000), "z");
    crossCheck("list", true);
    crossCheck("biglist", true);
    crossCheck("hugeitem", true);
  }

  @Test
  void setsAsIntsetsAndHashtablesCrossBothWays() {
    both("SADD", "intset", "1", "2", "3", "-5", "100000", "9223372036854775807");
    both("SADD", "strings", "a", "b", "c");
    both(bulk("SADD", "bigints", 600, i -> List.of(Integer.toString(i * 3))));
    crossCheck("intset", true);
    crossCheck("strings", false); // hashtable members are written in hash order
    crossCheck("bigints", false);
  }

  @Test
  void sortedSetsAsListpacksAndSkiplistsCrossBothWays() {
    both("ZADD", "zset", "1.5", "m", "2", "n", "-inf", "lo", "inf", "hi", "0.1", "tenth");
    both(bulk("ZADD", "bigzset", 300, i -> List.of(Integer.toString(i * 7 % 301), "member-" + i)));
    both("ZADD", "longmember", "1", "m".repeat(70));
    crossCheck("zset", true);
    crossCheck("bigzset", true);
    crossCheck("longmember", true);
  }

  @Test
  void hashesAsListpacksAndHashtablesCrossBothWays() {
    both("HSET", "hash", "f1", "v1", "f2", "2", "f3", "");
    both(bulk("HSET", "bighash", 600, i -> List.of("field-" + i, "value-" + "y".repeat(i % 80))));
    both("HSET", "longvalue", "f", "v".repeat(70));
    crossCheck("hash", true);
    crossCheck("bighash", false);
    crossCheck("longvalue", false);
  }

  @Test
  void hyperLogLogsSparseAndDenseCrossBothWaysAndCountTheSame() {
    both(bulk("PFADD", "sparse", 100, i -> List.of("s" + i)));
    both(bulk("PFADD", "dense", 5000, i -> List.of("d" + i)));
    both("PFCOUNT", "sparse");
    for (String key : List.of("sparse", "dense")) {
      crossCheck(key, true);
      RespValue count = real.call("PFCOUNT", key);
      assertThat(java.call("PFCOUNT", key + ":r")).isEqualTo(count);
      assertThat(real.call("PFCOUNT", key + ":j")).isEqualTo(count);
      assertThat(java.call("PFDEBUG", "ENCODING", key + ":r")).isEqualTo(real.call("PFDEBUG", "ENCODING", key));
    }
    assertThat(real.call("PFCOUNT", "sparse:j", "dense:j")).isEqualTo(java.call("PFCOUNT", "sparse:r", "dense:r"));
  }

  @Test
  void restoreRefusesPayloadsAsRedisDoes() {
    both("SET", "s", "value");
    byte[] payload = dump(real, "s");
    byte[] badCrc = payload.clone();
    badCrc[badCrc.length - 1] ^= 1;
    byte[] newerVersion = payload.clone();
    newerVersion[newerVersion.length - 10] = 11;
    for (byte[] bad : List.of(badCrc, newerVersion)) {
      assertThat(restore(java, "x", 0, bad)).isEqualTo(restore(real, "x", 0, bad));
    }
    RespValue busy = restore(java, "s", 0, payload);
    assertThat(RespSocket.text(busy)).isEqualTo("BUSYKEY Target key name already exists.");
    assertThat(busy).isEqualTo(restore(real, "s", 0, payload));
    assertThat(RespSocket.text(java.call("EXISTS", "x"))).isEqualTo("0");
  }
}
