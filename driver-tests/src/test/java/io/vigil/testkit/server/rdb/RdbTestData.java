package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A data set covering every type and encoding Redis 7.0 writes, with expiries and several
 * databases, as a model that can be loaded into a real server, written with {@link RdbWriter}
 * and compared with what {@link RdbReader} reads.
 */
final class RdbTestData {

  /** Elements of at least this many bytes get a plain quicklist node (only "list:plain" has one). */
  static final int PACKED_THRESHOLD = 30_000;

  enum Kind { STRING, LIST, SET, ZSET, HASH }

  /** One key of the model. Keys are ISO-8859-1 strings so binary keys survive as map keys. */
  static final class Entry {
    final int db;
    final String key;
    final Kind kind;
    final Object value;
    final long expireAtMs;

    Entry(int db, String key, Kind kind, Object value, long expireAtMs) {
      this.db = db;
      this.key = key;
      this.kind = kind;
      this.value = value;
      this.expireAtMs = expireAtMs;
    }

    byte[] keyBytes() {
      return key.getBytes(ISO_8859_1);
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Random random = new Random(20261122);
  private final long expireBase;

  private RdbTestData(long nowMs) {
    this.expireBase = nowMs + 3_600_000;
  }

  List<Entry> entries() {
    return entries;
  }

  /** Entries grouped by database, in insertion order. */
  Map<Integer, List<Entry>> byDb() {
    Map<Integer, List<Entry>> out = new java.util.TreeMap<>();
    for (Entry e : entries) {
      out.computeIfAbsent(e.db, k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  private byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private byte[] randomText(int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) ('a' + random.nextInt(6));
    }
    return out;
  }

  private void add(int db, String key, Kind kind, Object value) {
    entries.add(new Entry(db, key, kind, value, RdbVisitor.NO_EXPIRY));
  }

  private void addExpiring(int db, String key, Kind kind, Object value) {
    entries.add(new Entry(db, key, kind, value, expireBase + entries.size() * 1013L));
  }

  /** The standard data set; expiries lie an hour after {@code nowMs}. */
  static RdbTestData standard(long nowMs) {
    RdbTestData d = new RdbTestData(nowMs);
    d.strings();
    d.lists();
    d.sets();
    d.zsets();
    d.hashes();
    // other databases
    d.addExpiring(3, "db3:str", Kind.STRING, b("in database three"));
    d.add(3, "db3:set", Kind.SET, List.of(b("x"), b("y")));
    d.add(3, "12345", Kind.STRING, b("a key that is an integer"));
    d.add(15, "db15:list", Kind.LIST, List.of(b("last"), b("db")));
    return d;
  }

  private void strings() {
    add(0, "str:small", Kind.STRING, b("hello"));
    add(0, "str:empty", Kind.STRING, b(""));
    for (String v : List.of("0", "5", "-1", "127", "-128", "128", "300", "-32768", "32767", "32768", "70000",
        "-70000", "2147483647", "-2147483648", "2147483648", "1099511627776", "9223372036854775807",
        "-9223372036854775808", "007", "-0", "+5", " 5", "1.5", "99999999999")) {
      add(0, "str:int:" + v, Kind.STRING, b(v));
    }
    add(0, "str:compressible", Kind.STRING, b("abcdefghij".repeat(100) + "tail"));
    add(0, "str:incompressible", Kind.STRING, randomBytes(500));
    add(0, "str:binary\r\n\0key", Kind.STRING, randomBytes(40));
    // LZF edge cases around the 20-byte threshold and the end-of-input match length
    for (int len = 19; len <= 70; len++) {
      add(0, "lzf:ab:" + len, Kind.STRING, Arrays.copyOf(b("ab".repeat(40)), len));
      add(0, "lzf:mixed:" + len, Kind.STRING, Arrays.copyOf(b("the quick brown fox, the quick brown fox jumps; "
          + "the quick brown fox"), len));
    }
    add(0, "lzf:long-run", Kind.STRING, b("x".repeat(5000)));
    add(0, "lzf:text", Kind.STRING, randomText(3000));
    addExpiring(0, "str:expiring", Kind.STRING, b("soon gone"));
    addExpiring(0, "str:expiring:int", Kind.STRING, b("42"));
  }

  private void lists() {
    add(0, "list:small", Kind.LIST, bytesList("a", "b", "1", "2", "300", "-5", "x".repeat(100)));
    List<byte[]> ints = new ArrayList<>();
    for (long v : new long[] {0, 127, 128, -1, 4095, -4096, 4096, -4097, 32767, -32768, 32768, 8388607,
        -8388608, 8388608, 2147483647L, -2147483648L, 2147483648L, Long.MAX_VALUE, Long.MIN_VALUE}) {
      ints.add(b(Long.toString(v)));
    }
    ints.add(b("9223372036854775808"));
    ints.add(b("-0"));
    ints.add(b("01"));
    add(0, "list:ints", Kind.LIST, ints);
    List<byte[]> large = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      large.add(i % 3 == 0 ? b(Long.toString(random.nextInt() >> random.nextInt(31))) : randomText(random.nextInt(200)));
    }
    add(0, "list:large", Kind.LIST, large);
    // string lengths at the listpack 6/12/32-bit and backlen 1/2/3-byte boundaries
    List<byte[]> sizes = new ArrayList<>();
    for (int n : new int[] {63, 64, 125, 126, 127, 128, 4095, 4096, 9000, 16380, 16381, 20000}) {
      sizes.add(randomText(n));
    }
    add(0, "list:sizes", Kind.LIST, sizes);
    addExpiring(0, "list:plain", Kind.LIST, List.of(b("before"), randomText(PACKED_THRESHOLD + 10), b("after")));
    addExpiring(0, "list:expiring", Kind.LIST, bytesList("one", "two"));
  }

  private void sets() {
    add(0, "set:intset16", Kind.SET, bytesList("1", "2", "3", "-5", "300"));
    add(0, "set:intset32", Kind.SET, bytesList("1", "100000", "-100000"));
    add(0, "set:intset64", Kind.SET, bytesList("1", "1099511627776", "-9223372036854775808"));
    add(0, "set:strings", Kind.SET, bytesList("a", "b", "c"));
    add(0, "set:mixed", Kind.SET, bytesList("1", "a"));
    add(0, "set:noncanonical", Kind.SET, bytesList("1", "01"));
    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      many.add(b(Integer.toString(i * 7 - 1000)));
    }
    add(0, "set:manyints", Kind.SET, many);
    List<byte[]> maxIntset = new ArrayList<>();
    for (int i = 0; i < 512; i++) {
      maxIntset.add(b(Integer.toString(i)));
    }
    add(0, "set:intset512", Kind.SET, maxIntset);
    addExpiring(0, "set:expiring", Kind.SET, bytesList("p", "q"));
  }

  private void zsets() {
    add(0, "zset:small", Kind.ZSET, List.of(
        new ScoredMember(b("a"), 1.1), new ScoredMember(b("b"), 0.1), new ScoredMember(b("c"), -3),
        new ScoredMember(b("d"), 1e300), new ScoredMember(b("e"), Double.POSITIVE_INFINITY),
        new ScoredMember(b("f"), Double.NEGATIVE_INFINITY), new ScoredMember(b("g"), 0.0),
        new ScoredMember(b("h"), 1.1), new ScoredMember(b("10"), 1e-7), new ScoredMember(b("i"), 123456789012345.0),
        new ScoredMember(b("j"), 4503599627370496.0), new ScoredMember(b("k"), -2.5e-300),
        new ScoredMember(b("l"), 1e16), new ScoredMember(b("m"), 12345.678)));
    List<ScoredMember> large = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      large.add(new ScoredMember(randomText(5 + random.nextInt(20)), random.nextInt(50) + random.nextDouble()));
    }
    large.add(new ScoredMember(b("tie-a"), 7));
    large.add(new ScoredMember(b("tie-b"), 7));
    add(0, "zset:large", Kind.ZSET, dedupe(large));
    add(0, "zset:longmember", Kind.ZSET, List.of(new ScoredMember(b("short"), 1),
        new ScoredMember(randomText(100), 2), new ScoredMember(b("other"), 2)));
    List<ScoredMember> exactly = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      exactly.add(new ScoredMember(b("m" + i), i / 4));
    }
    add(0, "zset:listpack128", Kind.ZSET, exactly);
    addExpiring(0, "zset:expiring", Kind.ZSET, List.of(new ScoredMember(b("z"), 26)));
  }

  private void hashes() {
    add(0, "hash:small", Kind.HASH, List.of(new FieldValue(b("name"), b("ada")), new FieldValue(b("age"), b("36")),
        new FieldValue(b("1"), b("-70000")), new FieldValue(b("empty"), b(""))));
    List<FieldValue> large = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      large.add(new FieldValue(b("field:" + i), i % 2 == 0 ? b(Integer.toString(i * 1000)) : randomText(30)));
    }
    add(0, "hash:large", Kind.HASH, large);
    add(0, "hash:longvalue", Kind.HASH, List.of(new FieldValue(b("f"), randomText(65)), new FieldValue(b("g"), b("h"))));
    add(0, "hash:longfield", Kind.HASH, List.of(new FieldValue(randomText(65), b("v"))));
    List<FieldValue> exactly = new ArrayList<>();
    for (int i = 0; i < 512; i++) {
      exactly.add(new FieldValue(b("f" + i), randomText(64)));
    }
    add(0, "hash:listpack512", Kind.HASH, exactly);
    addExpiring(0, "hash:expiring", Kind.HASH, List.of(new FieldValue(b("k"), b("v"))));
  }

  private static List<ScoredMember> dedupe(List<ScoredMember> in) {
    Map<String, ScoredMember> m = new LinkedHashMap<>();
    for (ScoredMember e : in) {
      m.put(new String(e.member(), ISO_8859_1), e);
    }
    return new ArrayList<>(m.values());
  }

  static List<byte[]> bytesList(String... values) {
    List<byte[]> out = new ArrayList<>();
    for (String v : values) {
      out.add(v.getBytes(US_ASCII));
    }
    return out;
  }

  /** Loads the model into a real server with ordinary commands (RPUSH, SADD, ZADD, HSET, PEXPIREAT). */
  void populate(RespTestClient redis) {
    for (Entry e : entries) {
      redis.call("SELECT", e.db);
      List<Object> cmd = new ArrayList<>();
      switch (e.kind) {
        case STRING:
          redis.call("SET", e.keyBytes(), e.value);
          break;
        case LIST: {
          boolean plain = e.key.equals("list:plain");
          if (plain) {
            redis.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", PACKED_THRESHOLD);
          }
          cmd.add("RPUSH");
          cmd.add(e.keyBytes());
          cmd.addAll(asList(e.value));
          redis.callList(cmd);
          if (plain) {
            redis.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", 1L << 30);
          }
          break;
        }
        case SET:
          cmd.add("SADD");
          cmd.add(e.keyBytes());
          cmd.addAll(asList(e.value));
          redis.callList(cmd);
          break;
        case ZSET:
          cmd.add("ZADD");
          cmd.add(e.keyBytes());
          for (Object o : (List<?>) e.value) {
            ScoredMember m = (ScoredMember) o;
            cmd.add(Doubles.format(m.score()));
            cmd.add(m.member());
          }
          redis.callList(cmd);
          break;
        case HASH:
          cmd.add("HSET");
          cmd.add(e.keyBytes());
          for (Object o : (List<?>) e.value) {
            FieldValue f = (FieldValue) o;
            cmd.add(f.field());
            cmd.add(f.value());
          }
          redis.callList(cmd);
          break;
        default:
          throw new IllegalStateException(e.kind.toString());
      }
      if (e.expireAtMs != RdbVisitor.NO_EXPIRY) {
        redis.call("PEXPIREAT", e.keyBytes(), e.expireAtMs);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object value) {
    return (List<Object>) value;
  }

  /** Writes the model with {@link RdbWriter}: per database SELECTDB, RESIZEDB and its keys. */
  @SuppressWarnings("unchecked")
  void write(RdbWriter w, long ctimeSeconds) throws java.io.IOException {
    write(w, ctimeSeconds, null);
  }

  /** As {@link #write(RdbWriter, long)}, with the replication aux fields of a full-sync payload. */
  @SuppressWarnings("unchecked")
  void write(RdbWriter w, long ctimeSeconds, RdbWriter.ReplicationAux replication) throws java.io.IOException {
    w.header().auxFields(ctimeSeconds, 1_000_000, replication, false);
    for (Map.Entry<Integer, List<Entry>> db : byDb().entrySet()) {
      long expires = db.getValue().stream().filter(e -> e.expireAtMs != RdbVisitor.NO_EXPIRY).count();
      w.selectDb(db.getKey()).resizeDb(db.getValue().size(), expires);
      for (Entry e : db.getValue()) {
        switch (e.kind) {
          case STRING:
            w.string(e.keyBytes(), (byte[]) e.value, e.expireAtMs);
            break;
          case LIST:
            w.list(e.keyBytes(), (List<byte[]>) e.value, e.expireAtMs);
            break;
          case SET:
            w.set(e.keyBytes(), (List<byte[]>) e.value, e.expireAtMs);
            break;
          case ZSET:
            w.sortedSet(e.keyBytes(), (List<ScoredMember>) e.value, e.expireAtMs);
            break;
          default:
            w.hash(e.keyBytes(), (List<FieldValue>) e.value, e.expireAtMs);
        }
      }
    }
    w.end();
  }

  /** A comparable form of a value: lists keep their order, unordered types become sets. */
  @SuppressWarnings("unchecked")
  static Object canonical(Kind kind, Object value) {
    switch (kind) {
      case STRING:
        return new String((byte[]) value, ISO_8859_1);
      case LIST:
        return ((List<byte[]>) value).stream().map(x -> new String(x, ISO_8859_1))
            .collect(java.util.stream.Collectors.toList());
      case SET:
        return ((List<byte[]>) value).stream().map(x -> new String(x, ISO_8859_1))
            .collect(java.util.stream.Collectors.toSet());
      case ZSET:
        return new java.util.HashSet<>((List<ScoredMember>) value);
      default:
        return new java.util.HashSet<>((List<FieldValue>) value);
    }
  }

  /** The OBJECT ENCODING Redis 7.0 gives the entry when built by ordinary commands. */
  @SuppressWarnings("unchecked")
  String expectedEncoding(Entry e) {
    switch (e.kind) {
      case STRING: {
        byte[] v = (byte[]) e.value;
        if (v.length <= 20 && Listpack.canonicalInteger(v) != null) {
          return "int";
        }
        return v.length <= 44 ? "embstr" : "raw";
      }
      case LIST:
        return "quicklist";
      case SET: {
        List<byte[]> m = (List<byte[]>) e.value;
        return m.size() <= 512 && m.stream().allMatch(x -> Listpack.canonicalInteger(x) != null) ? "intset" : "hashtable";
      }
      case ZSET: {
        List<ScoredMember> m = (List<ScoredMember>) e.value;
        return m.size() <= 128 && m.stream().allMatch(x -> x.member().length <= 64) ? "listpack" : "skiplist";
      }
      default: {
        List<FieldValue> m = (List<FieldValue>) e.value;
        return m.size() <= 512 && m.stream().allMatch(x -> x.field().length <= 64 && x.value().length <= 64)
            ? "listpack" : "hashtable";
      }
    }
  }
}
