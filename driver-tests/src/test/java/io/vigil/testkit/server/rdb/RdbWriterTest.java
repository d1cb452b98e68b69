package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RdbWriterTest {

  private static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  /** The bytes one string key takes after the header, SELECTDB and RESIZEDB. */
  private static String stringKeyHex(RdbOptions options, String value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(out, options);
    w.header();
    int start = out.size();
    w.string(b("k"), b(value), RdbVisitor.NO_EXPIRY);
    return HexFormat.of().formatHex(Arrays.copyOfRange(out.toByteArray(), start, out.size()));
  }

  @Test
  void stringsUseRdbIntegerEncodingsWhenCanonical() throws IOException {
    RdbOptions d = RdbOptions.DEFAULTS;
    assertThat(stringKeyHex(d, "5")).isEqualTo("00016bc005");
    assertThat(stringKeyHex(d, "-128")).isEqualTo("00016bc080");
    assertThat(stringKeyHex(d, "1234")).isEqualTo("00016bc1d204");
    assertThat(stringKeyHex(d, "-70000")).isEqualTo("00016bc290eefeff");
    assertThat(stringKeyHex(d, "2147483648")).isEqualTo("00016b0a32313437343833363438");
    assertThat(stringKeyHex(d, "007")).isEqualTo("00016b03303037");
    assertThat(stringKeyHex(d, "")).isEqualTo("00016b00");
  }

  @Test
  void longStringsAreCompressedOnlyWhenEnabledAndWorthIt() throws IOException {
    String run = "a".repeat(59);
    assertThat(stringKeyHex(RdbOptions.DEFAULTS, run)).isEqualTo("00016bc3093b016161e02e00016161");
    assertThat(stringKeyHex(RdbOptions.builder().compression(false).build(), run))
        .isEqualTo("00016b3b" + "61".repeat(59));
    // 20 bytes is never compressed, however repetitive
    assertThat(stringKeyHex(RdbOptions.DEFAULTS, "a".repeat(20))).isEqualTo("00016b14" + "61".repeat(20));
  }

  @Test
  void writesTheAuxFieldsRedisWritesInItsOrder() throws IOException {
    RecordingVisitor v = roundTrip(w -> w.header()
        .auxFields(1700000000, 123456, new RdbWriter.ReplicationAux(3, "a".repeat(40), 987654321L), true).end());
    assertThat(v.aux).containsExactly(Map.entry("redis-ver", "7.0.15"), Map.entry("redis-bits", "64"),
        Map.entry("ctime", "1700000000"), Map.entry("used-mem", "123456"), Map.entry("repl-stream-db", "3"),
        Map.entry("repl-id", "a".repeat(40)), Map.entry("repl-offset", "987654321"), Map.entry("aof-base", "1"));
  }

  @Test
  void theModelReadsBackUnchanged() throws IOException {
    RdbTestData data = RdbTestData.standard(1_700_000_000_000L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    data.write(new RdbWriter(out, RdbOptions.builder().listPackedThreshold(RdbTestData.PACKED_THRESHOLD).build()), 0);
    RecordingVisitor v = new RecordingVisitor();
    new RdbReader(new ByteArrayInputStream(out.toByteArray())).read(v);
    assertThat(v.ended).isTrue();
    for (RdbTestData.Entry e : data.entries()) {
      RecordingVisitor.Loaded got = v.dbs.get(e.db).get(e.key);
      assertThat(got).as(e.key).isNotNull();
      assertThat(got.expireAtMs).as(e.key).isEqualTo(e.expireAtMs);
      assertThat(RdbTestData.canonical(e.kind, got.value)).as(e.key).isEqualTo(RdbTestData.canonical(e.kind, e.value));
    }
  }

  @Test
  void listsAreSplitIntoListpackNodesOfAtMost8Kb() throws IOException {
    List<byte[]> elements = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      elements.add(b("element-" + "x".repeat(90) + i));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(out, RdbOptions.builder().compression(false).build());
    w.header();
    int start = out.size();
    w.list(b("l"), elements, RdbVisitor.NO_EXPIRY);
    byte[] body = Arrays.copyOfRange(out.toByteArray(), start, out.size());
    // type, key, then the node count: each ~103-byte entry costs 106 bytes, so 77 fit in 8 KB
    assertThat(body[0]).isEqualTo((byte) 18);
    assertThat(body[3]).isEqualTo((byte) 13); // ceil(1000 / 77)
  }

  @Test
  void rejectsMisuse() throws IOException {
    RdbWriter fresh = new RdbWriter(new ByteArrayOutputStream());
    assertThatThrownBy(() -> fresh.string(b("k"), b("v"), -1)).hasMessageContaining("header() first");
    RdbWriter w = new RdbWriter(new ByteArrayOutputStream()).header();
    assertThatThrownBy(() -> w.set(b("s"), List.of(), -1)).hasMessageContaining("empty collection");
    assertThatThrownBy(() -> w.sortedSet(b("z"), List.of(new ScoredMember(b("m"), Double.NaN)), -1))
        .hasMessageContaining("NaN");
    w.end();
    assertThatThrownBy(w::end).hasMessageContaining("already");
    assertThatThrownBy(() -> RdbOptions.builder().listMaxListpackSize(-6)).hasMessageContaining("-6");
  }

  @Test
  void checksumOffWritesZero() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long crc = new RdbWriter(out, RdbOptions.builder().checksum(false).build()).header().end();
    assertThat(crc).isZero();
    assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo("524544495330303130ff0000000000000000");
  }

  @FunctionalInterface
  private interface Script {
    void run(RdbWriter w) throws IOException;
  }

  private static RecordingVisitor roundTrip(Script script) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    script.run(new RdbWriter(out));
    RecordingVisitor v = new RecordingVisitor();
    new RdbReader(new ByteArrayInputStream(out.toByteArray())).read(v);
    return v;
  }
}
