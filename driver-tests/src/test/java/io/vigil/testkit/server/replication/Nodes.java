package io.vigil.testkit.server.replication;

import io.vigil.resp.RespValue;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Test helpers for replication: INFO fields, a node's data set as comparable text, waiting. */
final class Nodes {

  private Nodes() {}

  /** One RESP call on a fresh connection. */
  static RespValue call(InetSocketAddress node, String... args) {
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      return s.call(args);
    }
  }

  /** INFO section fields in order. */
  static Map<String, String> info(InetSocketAddress node, String section) {
    String text = RespSocket.text(call(node, "INFO", section));
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return out;
  }

  static long offset(InetSocketAddress node) {
    return Long.parseLong(info(node, "replication").get("master_repl_offset"));
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    await(() -> what, timeout, condition);
  }

  /** Waits for {@code condition}; {@code what} is evaluated on timeout, to show the state then. */
  static void await(java.util.function.Supplier<String> what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, 50_000_000);
    }
  }

  /** Waits until the replica's link is up and its offset reached the master's. */
  static void awaitInSync(InetSocketAddress master, InetSocketAddress replica) {
    await("replica " + replica + " in sync with " + master, Duration.ofSeconds(20), () -> {
      Map<String, String> r = info(replica, "replication");
      return "up".equals(r.get("master_link_status"))
          && Long.parseLong(r.get("slave_repl_offset")) == offset(master);
    });
  }

  /**
   * Every key of databases 0 to 3 with its type, contents and whether it has a TTL, as sorted
   * text (sets and hashes sorted so encodings do not matter).
   */
  static Map<String, String> dataSet(InetSocketAddress node) {
    Map<String, String> out = new TreeMap<>();
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      for (int db = 0; db < 4; db++) {
        s.call("SELECT", Integer.toString(db));
        for (String key : RespSocket.texts(s.call("KEYS", "*"))) {
          String type = RespSocket.text(s.call("TYPE", key));
          String value;
          switch (type) {
            case "string": value = RespSocket.text(s.call("GET", key)); break;
            case "list": value = RespSocket.texts(s.call("LRANGE", key, "0", "-1")).toString(); break;
            case "set": value = sorted(RespSocket.texts(s.call("SMEMBERS", key))); break;
            case "zset": value = RespSocket.texts(s.call("ZRANGE", key, "0", "-1", "WITHSCORES")).toString(); break;
            case "hash": value = pairs(s.call("HGETALL", key)); break;
            default: value = "?";
          }
          long pttl = Long.parseLong(RespSocket.text(s.call("PEXPIRETIME", key)));
          out.put(db + ":" + key, type + " " + value + (pttl > 0 ? " expires " + pttl : ""));
        }
      }
    }
    return out;
  }

  /** Asserts both nodes hold the same data, naming only the keys that differ. */
  static void assertSameData(InetSocketAddress expected, InetSocketAddress actual) {
    Map<String, String> want = dataSet(expected);
    Map<String, String> got = dataSet(actual);
    List<String> diffs = new ArrayList<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(want.keySet());
    keys.addAll(got.keySet());
    for (String k : keys) {
      String a = want.get(k);
      String b = got.get(k);
      if (!java.util.Objects.equals(a, b)) {
        diffs.add(k + ": expected " + abbreviate(a) + " but " + actual + " has " + abbreviate(b));
      }
    }
    if (!diffs.isEmpty()) {
      throw new AssertionError(diffs.size() + " of " + keys.size() + " keys differ between " + expected + " and "
          + actual + ":\n" + String.join("\n", diffs));
    }
    if (want.isEmpty()) {
      throw new AssertionError("no data on " + expected);
    }
  }

  private static String abbreviate(String s) {
    return s == null || s.length() < 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
  }

  private static String sorted(List<String> items) {
    List<String> copy = new ArrayList<>(items);
    Collections.sort(copy);
    return copy.toString();
  }

  private static String pairs(RespValue v) {
    List<String> flat = RespSocket.texts(v);
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put(flat.get(i), flat.get(i + 1));
    }
    return m.toString();
  }

  /** Writes a mix of every type, with expiries, compressible strings and small and large encodings. */
  static void populate(InetSocketAddress node, String prefix) {
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      s.call("SET", prefix + "int", "12345");
      s.call("SET", prefix + "raw", "hello world");
      s.call("SET", prefix + "lzf", "abcdefgh".repeat(40));
      s.call("SET", prefix + "ttl", "soon", "EX", "3600");
      s.call("RPUSH", prefix + "list", "a", "b", "c", "1", "2");
      List<String> big = new ArrayList<>(List.of("RPUSH", prefix + "biglist"));
      for (int i = 0; i < 2000; i++) {
        big.add("element-" + i + "-" + "x".repeat(i % 50));
      }
      s.call(big.toArray(new String[0]));
      s.call("SADD", prefix + "intset", "1", "2", "3", "100000");
      s.call("SADD", prefix + "set", "x", "y", "z");
      s.call("ZADD", prefix + "zset", "1", "a", "2.5", "b", "-3", "c");
      List<String> zbig = new ArrayList<>(List.of("ZADD", prefix + "bigzset"));
      for (int i = 0; i < 300; i++) {
        zbig.add(Integer.toString(i * 7 % 301));
        zbig.add("member-" + i);
      }
      s.call(zbig.toArray(new String[0]));
      s.call("HSET", prefix + "hash", "f1", "v1", "f2", "2");
      List<String> hbig = new ArrayList<>(List.of("HSET", prefix + "bighash"));
      for (int i = 0; i < 600; i++) {
        hbig.add("field-" + i);
        hbig.add("value-" + "y".repeat(i % 80));
      }
      s.call(hbig.toArray(new String[0]));
      s.call("PEXPIRE", prefix + "hash", "7200000");
      s.call("SELECT", "3");
      s.call("SET", prefix + "db3", "three");
      s.call("SELECT", "0");
    }
  }

  /** Live writes of every kind, including a transaction and a relative expiry. */
  static void liveWrites(InetSocketAddress node, String prefix) {
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      s.call("SET", prefix + "live", "1", "PX", "600000");
      s.call("INCR", prefix + "int");
      s.call("LPUSH", prefix + "list", "head");
      s.call("SREM", prefix + "set", "x");
      s.call("ZINCRBY", prefix + "zset", "10", "a");
      s.call("HDEL", prefix + "bighash", "field-1");
      s.call("DEL", prefix + "raw");
      s.call("MULTI");
      s.call("SET", prefix + "tx1", "a");
      s.call("APPEND", prefix + "tx1", "b");
      s.call("EXEC");
      s.call("SELECT", "2");
      s.call("SET", prefix + "db2", "two");
    }
  }
}
