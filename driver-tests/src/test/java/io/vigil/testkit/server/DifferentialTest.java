package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each command script under {@code src/test/resources/differential/} against the Java
 * server and a real {@code redis-server}, and compares the replies exactly.
 *
 * <p>Script syntax: one command per line, arguments split like redis-cli (double quotes with
 * escapes). {@code # ...} is a comment. Directives, on their own line, apply to the next
 * command: {@code @unordered} (compare arrays as multisets, where Redis's order is a hash
 * order), {@code @replies N} (the command produces N replies), {@code @any} (run it, ignore
 * the reply: randomness or timing), {@code @repeat N} (run the next command N times with
 * {@code {i}} replaced by 0..N-1, comparing every reply). {@code @resp3} on a line of its own
 * switches both connections to RESP3 with HELLO 3. {@code @client N} switches to the Nth
 * connection pair (0-3, opened on first use), and {@code @read} reads one more reply (a pushed
 * message) on the current pair without sending anything. {@code @near N} lets integers in the
 * next reply differ by up to N (idle times and delivery times, which follow each server's
 * clock); everything else in it must still match. {@code @blocked N} waits (up to 5 s, asking
 * on a connection of its own) until both servers report N blocked clients, so a command sent
 * after a blocking one is read after it.
 * A script listed as {@code name@resp3} is
 * {@code name.txt} run with both connections in RESP3 from the start.
 */
class DifferentialTest {

  private static final List<String> SCRIPTS = List.of("strings", "keys", "expiry", "hashes",
      "lists", "sets", "zsets", "transactions", "pubsub", "errors", "resp3", "server", "large", "misc", "clients", "types", "bits", "sort",
      "hyperloglog", "hyperloglog@resp3", "geo", "geo@resp3",
      "bitfield", "bitfield@resp3", "lcs", "lcs@resp3", "dump", "dump@resp3", "object", "object@resp3",
      "scripting", "functions", "streams", "streams@resp3", "streams-groups",
      "streams-groups@resp3");

  private static RedisServerProcess redis;
  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().directive("enable-debug-command", "yes").start();
    vigil = VigilServer.builder().port(0).directive("enable-debug-command", "yes").start();
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

  static Stream<String> scripts() {
    return SCRIPTS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void scriptAnswersLikeRedis(String script) {
    boolean startInResp3 = script.endsWith("@resp3");
    List<String> lines = readScript(startInResp3 ? script.substring(0, script.length() - "@resp3".length()) : script);
    List<String> mismatches = new ArrayList<>();
    int commands = 0;
    RespTestClient[] reals = new RespTestClient[4];
    RespTestClient[] javas = new RespTestClient[4];
    reals[0] = new RespTestClient(redis.address());
    javas[0] = new RespTestClient(vigil.address());
    RespTestClient real = reals[0];
    RespTestClient java = javas[0];
    try {
      for (RespTestClient c : List.of(real, java)) {
        c.call("FLUSHALL");
        c.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
        if (startInResp3) {
          c.call("HELLO", "3");
        }
      }
      boolean unordered = false;
      long near = -1;
      boolean any = false;
      int replies = 1;
      int repeat = 1;
      int repeatIndex = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).trim();
        if (line.startsWith("@repeat ")) {
          repeat = Integer.parseInt(line.substring(8).trim());
          repeatIndex = 0;
          continue;
        }
        if (repeat > 1 || repeatIndex > 0) {
          line = line.replace("{i}", Integer.toString(repeatIndex));
          if (++repeatIndex < repeat) {
            i--; // run this line again
          } else {
            repeat = 1;
            repeatIndex = 0;
          }
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.equals("@unordered")) {
          unordered = true;
          continue;
        }
        if (line.equals("@any")) {
          any = true;
          continue;
        }
        if (line.startsWith("@blocked ")) {
          int n = Integer.parseInt(line.substring(9).trim());
          try (RespTestClient realObserver = new RespTestClient(redis.address());
              RespTestClient javaObserver = new RespTestClient(vigil.address())) {
            awaitBlocked(realObserver, n);
            awaitBlocked(javaObserver, n);
          }
          continue;
        }
        if (line.startsWith("@near ")) {
          near = Long.parseLong(line.substring(6).trim());
          continue;
        }
        if (line.startsWith("@replies ")) {
          replies = Integer.parseInt(line.substring(9).trim());
          continue;
        }
        if (line.equals("@resp3")) {
          real.call("HELLO", "3");
          java.call("HELLO", "3");
          continue;
        }
        if (line.startsWith("@client ")) {
          int n = Integer.parseInt(line.substring(8).trim());
          if (reals[n] == null) {
            reals[n] = new RespTestClient(redis.address());
            javas[n] = new RespTestClient(vigil.address());
            if (startInResp3) {
              reals[n].call("HELLO", "3");
              javas[n].call("HELLO", "3");
            }
          }
          real = reals[n];
          java = javas[n];
          continue;
        }
        if (line.equals("@read")) {
          RespValue e = real.read();
          RespValue a = java.read();
          commands++;
          if (!e.equals(a)) {
            mismatches.add(script + ".txt:" + (i + 1) + ": @read\n    redis: " + show(e)
                + "\n    vigil: " + show(a));
          }
          continue;
        }
        List<byte[]> args = Args.split(line);
        real.send(args.toArray(new byte[0][]));
        java.send(args.toArray(new byte[0][]));
        List<RespValue> expected = real.read(replies);
        List<RespValue> actual = java.read(replies);
        commands++;
        if (!any) {
          for (int r = 0; r < replies; r++) {
            RespValue e = unordered ? normalize(expected.get(r)) : expected.get(r);
            RespValue a = unordered ? normalize(actual.get(r)) : actual.get(r);
            if (near >= 0 ? !nearlyEqual(e, a, near) : !e.equals(a)) {
              mismatches.add(script + ".txt:" + (i + 1) + ": " + line + "\n    redis: "
                  + show(expected.get(r)) + "\n    vigil: " + show(actual.get(r)));
            }
          }
        }
        unordered = false;
        any = false;
        near = -1;
        replies = 1;
      }
    } finally {
      for (int n = 0; n < 4; n++) {
        if (reals[n] != null) {
          reals[n].close();
          javas[n].close();
        }
      }
    }
    assertThat(mismatches).as("%d commands compared in %s", commands, script).isEmpty();
  }

  /** Polls INFO until the server has {@code n} blocked clients. */
  private static void awaitBlocked(RespTestClient client, int n) {
    io.vigil.testkit.Await.until("blocked_clients:" + n, java.time.Duration.ofSeconds(5), () -> {
      RespValue info = client.call("INFO", "clients");
      String text = info instanceof RespBulkString b ? b.asString()
          : info instanceof io.vigil.resp.RespVerbatimString v ? new String(v.bytes(), StandardCharsets.UTF_8)
          : String.valueOf(info);
      return text.contains("blocked_clients:" + n + "\r\n");
    });
  }

  /** Equal, except that integers may differ by up to {@code tolerance}. */
  static boolean nearlyEqual(RespValue e, RespValue a, long tolerance) {
    if (e instanceof io.vigil.resp.RespInteger x && a instanceof io.vigil.resp.RespInteger y) {
      return Math.abs(x.value() - y.value()) <= tolerance;
    }
    List<RespValue> xs = e instanceof RespArray x ? x.elements() : e instanceof RespMap m ? m.keysAndValues() : null;
    List<RespValue> ys = a instanceof RespArray y ? y.elements() : a instanceof RespMap m ? m.keysAndValues() : null;
    if (xs == null || ys == null || e.getClass() != a.getClass()) {
      return e.equals(a);
    }
    if (xs.size() != ys.size()) {
      return false;
    }
    for (int i = 0; i < xs.size(); i++) {
      if (!nearlyEqual(xs.get(i), ys.get(i), tolerance)) {
        return false;
      }
    }
    return true;
  }

  /** Sorts aggregate elements (recursively) so hash-ordered replies compare equal. */
  static RespValue normalize(RespValue v) {
    Comparator<RespValue> byText = Comparator.comparing(DifferentialTest::show);
    if (v instanceof RespArray a) {
      List<RespValue> items = new ArrayList<>();
      for (RespValue e : a.elements()) {
        items.add(normalize(e));
      }
      items.sort(byText);
      return new RespArray(items);
    }
    if (v instanceof RespSet s) {
      List<RespValue> items = new ArrayList<>(s.elements());
      items.sort(byText);
      return new RespSet(items);
    }
    if (v instanceof RespMap m) {
      List<List<RespValue>> pairs = new ArrayList<>();
      for (int i = 0; i < m.size(); i++) {
        pairs.add(List.of(m.key(i), m.value(i)));
      }
      pairs.sort(Comparator.comparing(p -> show(p.get(0))));
      List<RespValue> flat = new ArrayList<>();
      pairs.forEach(flat::addAll);
      return new RespMap(flat);
    }
    return v;
  }

  static String show(RespValue v) {
    if (v instanceof RespBulkString b) {
      return "\"" + b.asString() + "\"";
    }
    if (v instanceof RespError e) {
      return "-" + e.message();
    }
    if (v instanceof RespArray a) {
      List<String> parts = new ArrayList<>();
      a.elements().forEach(e -> parts.add(show(e)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(v);
  }

  private static List<String> readScript(String name) {
    try (InputStream in = DifferentialTest.class.getResourceAsStream("/differential/" + name + ".txt")) {
      assertThat(in).as("script %s", name).isNotNull();
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits a script line like redis-cli does (double quotes with escapes, single quotes). */
  static final class Args {
    static List<byte[]> split(String line) {
      List<byte[]> out = new ArrayList<>();
      int i = 0;
      int n = line.length();
      while (i < n) {
        while (i < n && line.charAt(i) == ' ') {
          i++;
        }
        if (i >= n) {
          break;
        }
        java.io.ByteArrayOutputStream cur = new java.io.ByteArrayOutputStream();
        char q = line.charAt(i);
        if (q == '"' || q == '\'') {
          i++;
          while (i < n && line.charAt(i) != q) {
            char ch = line.charAt(i);
            if (ch == '\\' && q == '"' && i + 1 < n) {
              char e = line.charAt(++i);
              if (e == 'x') {
                cur.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
                i += 2;
              } else {
                cur.write(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
              }
            } else {
              byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
              cur.write(b, 0, b.length);
            }
            i++;
          }
          i++;
        } else {
          while (i < n && line.charAt(i) != ' ') {
            byte[] b = String.valueOf(line.charAt(i)).getBytes(StandardCharsets.UTF_8);
            cur.write(b, 0, b.length);
            i++;
          }
        }
        out.add(cur.toByteArray());
      }
      return out;
    }
  }
}
