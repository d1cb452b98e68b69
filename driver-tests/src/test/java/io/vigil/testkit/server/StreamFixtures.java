package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams built by commands with every feature the RDB encoding and replication carry: nodes
 * split by entry count and by bytes, tombstones from XDEL and exact trimming, entries whose
 * fields differ from their node's first, integer, empty, binary and LZF-compressible values,
 * groups with pending entries, consumers (one idle), a NOACK reader, a numeric group name, an
 * emptied stream, one made empty by MKSTREAM, XSETID metadata, an expiry and a binary key; and
 * what a server reports about them, to compare two servers. IDs are explicit, so the same
 * commands build the same streams on any server.
 */
final class StreamFixtures {

  private StreamFixtures() {}

  /** The keys {@link #populate} creates. */
  static final List<byte[]> KEYS = List.of(bytes("s"), bytes("e"), bytes("mk"), bytes("x"), bytes("big"),
      new byte[] {'b', 'i', 'n', (byte) 0xff, 0, 'k'});

  /** The commands that build the streams. */
  static List<byte[][]> commands() {
    List<byte[][]> out = new ArrayList<>();
    for (int i = 1; i <= 250; i++) {
      out.add(args("XADD", "s", i + "-0", "f1", "v" + i, "f2", Integer.toString(i)));
    }
    out.add(args("XADD", "s", "251-0", "other", "x"));
    out.add(args("XADD", "s", "251-1", "f1", "", "f2", ""));
    out.add(new byte[][] {bytes("XADD"), bytes("s"), bytes("252-0"), bytes("f1"), bytes("abc".repeat(100)),
        bytes("f2"), new byte[] {'b', 0, (byte) 0xff, '\r', '\n'}});
    out.add(args("XDEL", "s", "5-0", "6-0", "150-0"));
    out.add(args("XTRIM", "s", "MAXLEN", "245"));
    out.add(args("XGROUP", "CREATE", "s", "g1", "0"));
    out.add(args("XGROUP", "CREATE", "s", "g2", "$"));
    out.add(args("XGROUP", "CREATE", "s", "123", "100-0", "ENTRIESREAD", "90"));
    out.add(args("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "10", "STREAMS", "s", ">"));
    out.add(args("XREADGROUP", "GROUP", "g1", "bob", "COUNT", "5", "STREAMS", "s", ">"));
    out.add(args("XREADGROUP", "GROUP", "g1", "carol", "NOACK", "COUNT", "3", "STREAMS", "s", ">"));
    out.add(args("XCLAIM", "s", "g1", "dave", "0", "12-0", "13-0"));
    out.add(args("XACK", "s", "g1", "14-0", "15-0"));
    out.add(args("XGROUP", "CREATECONSUMER", "s", "g2", "idle"));
    out.add(args("XREADGROUP", "GROUP", "123", "erin", "COUNT", "2", "STREAMS", "s", ">"));
    out.add(args("XADD", "e", "1-0", "a", "1"));
    out.add(args("XADD", "e", "2-0", "b", "2"));
    out.add(args("XGROUP", "CREATE", "e", "g", "0"));
    out.add(args("XREADGROUP", "GROUP", "g", "c", "STREAMS", "e", ">"));
    out.add(args("XDEL", "e", "1-0", "2-0"));
    out.add(args("XGROUP", "CREATE", "mk", "g", "$", "MKSTREAM"));
    out.add(args("XADD", "x", "1-0", "a", "1"));
    out.add(args("XSETID", "x", "5-0", "ENTRIESADDED", "7", "MAXDELETEDID", "3-0"));
    out.add(args("PEXPIREAT", "x", "4102444800000"));
    for (int i = 1; i <= 10; i++) {
      StringBuilder value = new StringBuilder();
      for (int j = 0; j < 1000; j++) {
        value.append((char) ('a' + (i * 7 + j * j) % 26));
      }
      out.add(args("XADD", "big", i + "-0", "v", value.toString()));
    }
    out.add(new byte[][] {bytes("XADD"), KEYS.get(5), bytes("1-0"), bytes("a"), bytes("1")});
    return out;
  }

  /** Runs {@link #commands()} on {@code client}; every reply must be a success. */
  static void populate(RespTestClient client) {
    for (byte[][] command : commands()) {
      client.send(command);
      RespValue reply = client.read();
      assertThat(reply.isError()).as("%s -> %s", new String(command[0], StandardCharsets.UTF_8), reply).isFalse();
    }
  }

  /**
   * What {@code client}'s server reports about every fixture key: type, expiry, and
   * {@code XINFO STREAM FULL COUNT 0} (every entry, group, pending entry and consumer).
   */
  static Map<String, RespValue> snapshot(RespTestClient client) {
    Map<String, RespValue> out = new LinkedHashMap<>();
    for (byte[] key : KEYS) {
      String name = new String(key, StandardCharsets.ISO_8859_1);
      out.put(name + " type", call(client, bytes("TYPE"), key));
      out.put(name + " expiry", call(client, bytes("PEXPIRETIME"), key));
      out.put(name + " info", call(client, bytes("XINFO"), bytes("STREAM"), key, bytes("FULL"), bytes("COUNT"),
          bytes("0")));
    }
    return out;
  }

  /** Asserts two snapshots are equal but for integers within {@code tolerance} (clock readings). */
  static void assertNearlySame(Map<String, RespValue> expected, Map<String, RespValue> actual, long tolerance) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String k : expected.keySet()) {
      assertThat(DifferentialTest.nearlyEqual(expected.get(k), actual.get(k), tolerance))
          .as("%s\n  expected: %s\n  actual:   %s", k, DifferentialTest.show(expected.get(k)),
              DifferentialTest.show(actual.get(k)))
          .isTrue();
    }
  }

  /**
   * {@code snapshot} with the values of the named XINFO fields replaced by a placeholder, for
   * what a replay recomputes (a consumer's seen time is when the replay ran).
   */
  static Map<String, RespValue> masked(Map<String, RespValue> snapshot, String... fields) {
    Map<String, RespValue> out = new LinkedHashMap<>();
    snapshot.forEach((k, v) -> out.put(k, mask(v, List.of(fields))));
    return out;
  }

  private static RespValue mask(RespValue v, List<String> fields) {
    List<RespValue> items = v instanceof io.vigil.resp.RespArray a ? a.elements()
        : v instanceof io.vigil.resp.RespMap m ? m.keysAndValues() : null;
    if (items == null) {
      return v;
    }
    List<RespValue> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      boolean masked = i > 0 && items.get(i - 1) instanceof io.vigil.resp.RespBulkString name
          && fields.contains(name.asString());
      out.add(masked ? io.vigil.resp.RespBulkString.of("<masked>") : mask(items.get(i), fields));
    }
    return v instanceof io.vigil.resp.RespMap ? new io.vigil.resp.RespMap(out) : new io.vigil.resp.RespArray(out);
  }

  private static RespValue call(RespTestClient client, byte[]... args) {
    client.send(args);
    return client.read();
  }

  static byte[][] args(String... words) {
    byte[][] out = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      out[i] = bytes(words[i]);
    }
    return out;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
