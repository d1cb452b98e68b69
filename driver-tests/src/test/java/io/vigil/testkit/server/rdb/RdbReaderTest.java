package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdbReaderTest {

  private static final byte[] FIXTURE = HexFormat.of().parseHex(RdbFixtures.REDIS_7_0_15_SMALL);

  private static RecordingVisitor read(byte[] rdb) throws IOException {
    RecordingVisitor v = new RecordingVisitor();
    new RdbReader(new ByteArrayInputStream(rdb)).read(v);
    return v;
  }

  private static String text(Object bytes) {
    return new String((byte[]) bytes, ISO_8859_1);
  }

  @Test
  void readsAFileSavedByRedis() throws IOException {
    RecordingVisitor v = read(FIXTURE);
    assertThat(v.ended).isTrue();
    assertThat(v.aux).containsEntry("redis-ver", "7.0.15").containsEntry("aof-base", "0");
    assertThat(v.dbs.get(0).keySet()).containsExactly("n", "l", "h", "long", "z", "s", "k");
    assertThat(text(v.dbs.get(0).get("n").value)).isEqualTo("1234");
    assertThat(text(v.dbs.get(0).get("long").value)).isEqualTo("a".repeat(59));
    assertThat(v.dbs.get(0).get("k").expireAtMs).isEqualTo(4102444800000L);
    assertThat(v.dbs.get(0).get("n").expireAtMs).isEqualTo(RdbVisitor.NO_EXPIRY);
    assertThat(v.dbs.get(0).get("l").type).isEqualTo(RdbType.LIST_QUICKLIST_2);
    @SuppressWarnings("unchecked")
    List<byte[]> list = (List<byte[]>) v.dbs.get(0).get("l").value;
    assertThat(list).extracting(RdbReaderTest::text).containsExactly("a", "1", "-70000");
    assertThat(v.dbs.get(0).get("s").type).isEqualTo(RdbType.SET_INTSET);
    assertThat(v.dbs.get(0).get("z").value).isEqualTo(List.of(new ScoredMember(b("m"), 1.5), new ScoredMember(b("n"), 2)));
    assertThat(v.dbs.get(0).get("h").value).isEqualTo(List.of(new FieldValue(b("f"), b("v"))));
    assertThat(text(v.dbs.get(2).get("other").value)).isEqualTo("x");
  }

  @Test
  void writerReproducesTheRedisFileByteForByte() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    read(FIXTURE).replay(new RdbWriter(out));
    assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(RdbFixtures.REDIS_7_0_15_SMALL);
  }

  @Test
  void readsFromAChannel() throws IOException {
    RecordingVisitor v = new RecordingVisitor();
    long n = RdbReader.of(Channels.newChannel(new ByteArrayInputStream(FIXTURE))).read(v);
    assertThat(n).isEqualTo(FIXTURE.length);
    assertThat(v.ended).isTrue();
  }

  @Test
  void stopsExactlyAfterTheChecksum() throws IOException {
    byte[] withStream = Arrays.copyOf(FIXTURE, FIXTURE.length + 14);
    System.arraycopy("*1\r\n$4\r\nPING\r\n".getBytes(ISO_8859_1), 0, withStream, FIXTURE.length, 14);
    ByteArrayInputStream in = new ByteArrayInputStream(withStream);
    assertThat(new RdbReader(in).read(new RecordingVisitor())).isEqualTo(FIXTURE.length);
    assertThat(new String(in.readAllBytes(), ISO_8859_1)).isEqualTo("*1\r\n$4\r\nPING\r\n");
  }

  @Test
  void truncationAtEveryPositionFailsNamingTheOffset() {
    for (int cut = 0; cut < FIXTURE.length; cut++) {
      RecordingVisitor v = new RecordingVisitor();
      byte[] partial = Arrays.copyOf(FIXTURE, cut);
      int at = cut;
      assertThatThrownBy(() -> new RdbReader(new ByteArrayInputStream(partial)).read(v))
          .as("cut at %s", cut)
          .isInstanceOfSatisfying(RdbFormatException.class, e -> {
            assertThat(e.offset()).isEqualTo(at);
            assertThat(e.isUnsupported()).isFalse();
            assertThat(e.getMessage()).contains("truncated RDB", "byte offset " + at);
          });
      assertThat(v.ended).as("end() after a cut at %s", cut).isFalse();
    }
  }

  @Test
  void truncationInsideEveryWrittenEncodingFailsNamingTheOffset() throws IOException {
    // tiny thresholds so that a small file holds ZSET_2, hashtable sets and hashes, plain nodes
    RdbOptions tiny = RdbOptions.builder().zsetMaxListpackEntries(1).hashMaxListpackEntries(1)
        .setMaxIntsetEntries(1).listPackedThreshold(30).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(out, tiny).header().auxFields(1, 2, null, false);
    w.selectDb(5).resizeDb(6, 1);
    w.string(b("s"), b("x".repeat(100)), 1234567890123L);
    w.list(b("l"), List.of(b("a"), b("y".repeat(40)), b("-3")), RdbVisitor.NO_EXPIRY);
    w.set(b("i"), List.of(b("1"), b("2")), RdbVisitor.NO_EXPIRY);
    w.sortedSet(b("z"), List.of(new ScoredMember(b("m"), 1), new ScoredMember(b("n"), 2.5)), RdbVisitor.NO_EXPIRY);
    w.hash(b("h"), List.of(new FieldValue(b("f"), b("1")), new FieldValue(b("g"), b("2"))), RdbVisitor.NO_EXPIRY);
    w.freq(3).string(b("lfu"), b("v"), RdbVisitor.NO_EXPIRY);
    w.end();
    byte[] file = out.toByteArray();
    RecordingVisitor whole = read(file);
    assertThat(whole.dbs.get(5).values()).extracting(k -> k.type).containsExactly(RdbType.STRING,
        RdbType.LIST_QUICKLIST_2, RdbType.SET, RdbType.ZSET_2, RdbType.HASH, RdbType.STRING);
    for (int cut = 0; cut < file.length; cut++) {
      byte[] partial = Arrays.copyOf(file, cut);
      int at = cut;
      assertThatThrownBy(() -> read(partial)).as("cut at %s", cut)
          .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.offset()).isEqualTo(at));
    }
  }

  @Test
  void aChangedByteAnywhereIsNeverLoaded() {
    for (int i = 0; i < FIXTURE.length; i++) {
      for (int flip : new int[] {0x01, 0x80, 0xFF}) {
        byte[] bad = FIXTURE.clone();
        bad[i] ^= (byte) flip;
        RecordingVisitor v = new RecordingVisitor();
        assertThatThrownBy(() -> new RdbReader(new ByteArrayInputStream(bad)).read(v))
            .as("byte %s xor %s", i, flip).isInstanceOf(RdbFormatException.class);
        assertThat(v.ended).isFalse();
      }
    }
  }

  @Test
  void checksumMismatchNamesTheChecksumOffset() {
    byte[] bad = FIXTURE.clone();
    bad[bad.length - 1] ^= 1;
    assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(RdbFormatException.class, e -> {
      assertThat(e.offset()).isEqualTo(FIXTURE.length - 8);
      assertThat(e.getMessage()).contains("checksum mismatch");
    });
  }

  @Test
  void aZeroChecksumIsNotVerified() throws IOException {
    byte[] unchecked = FIXTURE.clone();
    Arrays.fill(unchecked, unchecked.length - 8, unchecked.length, (byte) 0);
    int x = indexOf(unchecked, "other".getBytes(ISO_8859_1)) + 6; // the value "x" after key "other"
    unchecked[x] = 'y';
    RecordingVisitor v = read(unchecked);
    assertThat(v.checksum).isZero();
    assertThat(text(v.dbs.get(2).get("other").value)).isEqualTo("y");
  }

  @Test
  void rejectsWhatIsNotAnRdbFile() {
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK".getBytes(ISO_8859_1)))
        .hasMessageContaining("not an RDB file");
    assertThatThrownBy(() -> read("REDIS0011\u00ff".getBytes(ISO_8859_1)))
        .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.isUnsupported()).isTrue())
        .hasMessageContaining("version 11");
  }

  @Test
  void moduleAuxIsUnsupportedWithOffset() {
    byte[] rdb = rdb(9, new byte[] {(byte) 247, 0x05});
    assertThatThrownBy(() -> read(rdb)).isInstanceOfSatisfying(RdbFormatException.class, e -> {
      assertThat(e.isUnsupported()).isTrue();
      assertThat(e.offset()).isEqualTo(9);
      assertThat(e.getMessage()).contains("MODULE_AUX");
    });
  }

  @Test
  void streamsAreRefusedUnlessTheVisitorTakesThemAndNameTheKey() {
    // an empty type 15 stream: no nodes, length 0, last ID 0-0, no groups
    byte[] rdb = rdb(10, new byte[] {15, 0x03, 'e', 'v', 't', 0x00, 0x00, 0x00, 0x00, 0x00});
    assertThatThrownBy(() -> read(rdb)).isInstanceOfSatisfying(RdbFormatException.class, e -> {
      assertThat(e.isUnsupported()).isTrue();
      assertThat(e.getMessage()).contains("'evt' is a stream");
    });
  }

  @Test
  void functionsFailUnlessTheVisitorTakesThem() throws IOException {
    byte[] rdb = rdb(10, new byte[] {(byte) 245, 0x03, 'l', 'u', 'a'});
    assertThatThrownBy(() -> read(rdb)).hasMessageContaining("FUNCTION2");
    byte[][] got = new byte[1][];
    RecordingVisitor accepting = new RecordingVisitor() {
      @Override
      public boolean function(byte[] code) {
        got[0] = code;
        return true;
      }
    };
    new RdbReader(new ByteArrayInputStream(rdb)).read(accepting);
    assertThat(got[0]).isEqualTo(b("lua"));
  }

  @Test
  void readsLegacyEncodings() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    // EXPIRETIME in seconds, then a ziplist list of "a" and the immediate integer 5
    body.write(new byte[] {(byte) 253, 0x10, 0x27, 0x00, 0x00});
    body.write(new byte[] {10, 0x02, 'z', 'l', 16});
    body.write(HexFormat.of().parseHex("100000000d00000002000001610 3f6ff".replace(" ", "")));
    // a zipmap hash {f: v}
    body.write(new byte[] {9, 0x02, 'z', 'm', 7});
    body.write(HexFormat.of().parseHex("01016601007 6ff".replace(" ", "")));
    // an old ZSET with text scores: m=1.5, n=inf
    body.write(new byte[] {3, 0x01, 'o', 0x02, 0x01, 'm', 0x03, '1', '.', '5', 0x01, 'n', (byte) 254});
    // a ziplist sorted set: m=2
    body.write(new byte[] {12, 0x02, 'z', 'z', 16});
    body.write(HexFormat.of().parseHex("100000000d000000020000016d03f3ff"));
    // a ziplist hash {f: 300}
    body.write(new byte[] {13, 0x02, 'z', 'h', 18});
    body.write(HexFormat.of().parseHex("120000000d000000020000016603c02c01ff"));
    // a linked list
    body.write(new byte[] {1, 0x02, 'l', 'l', 0x02, 0x01, 'x', (byte) 0xC0, 0x07});
    RecordingVisitor v = read(rdb(9, body.toByteArray()));
    var db = v.dbs.get(0);
    assertThat(db.get("zl").type).isEqualTo(RdbType.LIST_ZIPLIST);
    assertThat(db.get("zl").expireAtMs).isEqualTo(10_000_000L);
    assertThat((List<?>) db.get("zl").value).extracting(RdbReaderTest::text).containsExactly("a", "5");
    assertThat(db.get("zm").value).isEqualTo(List.of(new FieldValue(b("f"), b("v"))));
    assertThat(db.get("o").value).isEqualTo(List.of(new ScoredMember(b("m"), 1.5),
        new ScoredMember(b("n"), Double.POSITIVE_INFINITY)));
    assertThat(db.get("zz").value).isEqualTo(List.of(new ScoredMember(b("m"), 2)));
    assertThat(db.get("zh").value).isEqualTo(List.of(new FieldValue(b("f"), b("300"))));
    assertThat((List<?>) db.get("ll").value).extracting(RdbReaderTest::text).containsExactly("x", "7");
  }

  @Test
  void duplicateSetMembersAreCorruption() {
    byte[] rdb = rdb(10, new byte[] {2, 0x01, 's', 0x02, 0x01, 'a', 0x01, 'a'});
    assertThatThrownBy(() -> read(rdb)).isInstanceOfSatisfying(RdbFormatException.class, e -> {
      assertThat(e.offset()).isEqualTo(9 + 6);
      assertThat(e.getMessage()).contains("duplicate member 'a' in set 's'");
    });
  }

  @Test
  void unknownQuicklistContainerIsCorruption() {
    byte[] rdb = rdb(10, new byte[] {18, 0x01, 'q', 0x01, 0x03, 0x01, 'x'});
    assertThatThrownBy(() -> read(rdb)).hasMessageContaining("container 3 of key 'q'")
        .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.offset()).isEqualTo(13));
  }

  @Test
  void aMalformedListpackNamesTheKeyAndWhereItStarts() {
    byte[] rdb = rdb(10, new byte[] {16, 0x01, 'h', 0x07, 0x07, 0, 0, 0, 0, 0, 0x01});
    assertThatThrownBy(() -> read(rdb)).hasMessageContaining("listpack of key 'h'")
        .isInstanceOfSatisfying(RdbFormatException.class, e -> assertThat(e.offset()).isEqualTo(12));
  }

  @Test
  void emptyCollectionsAreSkippedAsRedisDoes() throws IOException {
    RecordingVisitor v = read(rdb(10, new byte[] {2, 0x01, 's', 0x00, 0, 0x01, 'k', 0x01, 'v'}));
    assertThat(v.dbs.get(0).keySet()).containsExactly("k");
  }

  /** Header, body, EOF and a valid checksum. */
  private static byte[] rdb(int version, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(String.format("REDIS%04d", version).getBytes(ISO_8859_1));
    out.writeBytes(body);
    out.write(0xFF);
    byte[] sofar = out.toByteArray();
    long crc = Crc64.update(0, sofar, 0, sofar.length);
    byte[] trailer = new byte[8];
    Listpack.putLe(trailer, 0, crc, 8);
    out.writeBytes(trailer);
    return out.toByteArray();
  }

  private static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
