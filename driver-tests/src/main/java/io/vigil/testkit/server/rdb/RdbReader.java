package io.vigil.testkit.server.rdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an RDB stream (versions 1 to 10, as Redis 7.0 loads them) into an {@link RdbVisitor}.
 *
 * <p>Reads exactly through the trailing CRC-64 and never beyond, so it can consume the payload
 * of a replication full sync from a stream that continues with the command stream; it does no
 * buffering of its own, so pass a {@link java.io.BufferedInputStream} (or a buffered channel)
 * when reading from a file or socket. Blocking; one reader per stream, not thread-safe.
 *
 * <p>Loads: strings (raw, int-encoded, LZF); lists ({@code QUICKLIST_2} with listpack and plain
 * nodes, {@code QUICKLIST} and {@code ZIPLIST}, linked list); sets (hashtable, intset); sorted
 * sets ({@code ZSET_2}, listpack, ziplist, old text-score {@code ZSET}); hashes (hashtable,
 * listpack, ziplist, zipmap); opcodes AUX, SELECTDB, RESIZEDB, EXPIRETIME, EXPIRETIME_MS, FREQ,
 * IDLE, FUNCTION2 (handed to the visitor), EOF; streams ({@code STREAM_LISTPACKS_2} and the older
 * {@code STREAM_LISTPACKS}, with groups, pending entries and consumers) handed to the visitor as
 * {@link RdbStream}s. Modules and pre-GA functions fail with an "unsupported"
 * {@link RdbFormatException}; corrupt or truncated input fails with one that names the byte
 * offset.
 *
 * <pre>{@code
 * try (InputStream in = new BufferedInputStream(Files.newInputStream(dumpRdb))) {
 *   new RdbReader(in).read(loader);
 * }
 * }</pre>
 */
public final class RdbReader {

  static final int OPCODE_FUNCTION2 = 245;
  static final int OPCODE_FUNCTION_PRE_GA = 246;
  static final int OPCODE_MODULE_AUX = 247;
  static final int OPCODE_IDLE = 248;
  static final int OPCODE_FREQ = 249;
  static final int OPCODE_AUX = 250;
  static final int OPCODE_RESIZEDB = 251;
  static final int OPCODE_EXPIRETIME_MS = 252;
  static final int OPCODE_EXPIRETIME = 253;
  static final int OPCODE_SELECTDB = 254;
  static final int OPCODE_EOF = 255;

  static final int QUICKLIST_NODE_PLAIN = 1;
  static final int QUICKLIST_NODE_PACKED = 2;

  /** The newest format version this reader (like Redis 7.0) understands. */
  public static final int MAX_VERSION = 10;

  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
  private static final int CHUNK = 1 << 20;

  private final InputStream in;
  private long offset;
  private long crc;
  /** The key whose value is being read, for error messages; null between keys. */
  private byte[] currentKey;

  /** A reader of {@code in}, which it does not close. */
  public RdbReader(InputStream in) {
    if (in == null) {
      throw new IllegalArgumentException("input stream must not be null");
    }
    this.in = in;
  }

  /** A reader of {@code channel}, which it does not close. */
  public static RdbReader of(ReadableByteChannel channel) {
    return new RdbReader(Channels.newInputStream(channel));
  }

  /**
   * The libraries of a {@code FUNCTION DUMP} payload, as {@code FUNCTION RESTORE} reads it.
   *
   * @return the library sources, in payload order
   * @throws RdbFormatException naming Redis's complaint: {@code DUMP payload version or checksum
   *     are wrong}, or {@code given type is not a function}
   */
  public static List<byte[]> functionPayload(byte[] payload) throws IOException {
    if (payload.length < 10) {
      throw RdbFormatException.corrupt(0, "DUMP payload version or checksum are wrong");
    }
    int footer = payload.length - 10;
    int version = (payload[footer] & 0xff) | (payload[footer + 1] & 0xff) << 8;
    long crc = Crc64.update(0, payload, 0, payload.length - 8);
    long stored = 0;
    for (int i = 7; i >= 0; i--) {
      stored = (stored << 8) | (payload[payload.length - 8 + i] & 0xff);
    }
    if (version > MAX_VERSION || crc != stored) {
      throw RdbFormatException.corrupt(0, "DUMP payload version or checksum are wrong");
    }
    RdbReader r = new RdbReader(new java.io.ByteArrayInputStream(payload, 0, footer));
    List<byte[]> codes = new java.util.ArrayList<>();
    while (r.offset < footer) {
      int type = r.readByte("a function record");
      if (type != OPCODE_FUNCTION2) {
        throw RdbFormatException.corrupt(r.offset - 1, "given type is not a function");
      }
      codes.add(r.readString("a function library"));
    }
    return codes;
  }

  /** Bytes consumed so far. */
  public long offset() {
    return offset;
  }

  /**
   * Reads the whole stream into {@code visitor}.
   *
   * @return the number of bytes read (through the checksum)
   * @throws RdbFormatException when the stream is truncated, corrupt, fails its checksum or holds
   *     unsupported data; the visitor's {@link RdbVisitor#end} is then not called
   * @throws IOException when the underlying stream fails
   */
  public long read(RdbVisitor visitor) throws IOException {
    int version = readHeader();
    visitor.version(version);
    long expireAtMs = RdbVisitor.NO_EXPIRY;
    while (true) {
      long opOffset = offset;
      int type = readByte("an opcode or a value type");
      switch (type) {
        case OPCODE_EXPIRETIME:
          // a signed 32-bit count of seconds, as rdbLoadTime reads it
          expireAtMs = (int) readLe(4, "a 4-byte expire time in seconds") * 1000L;
          continue;
        case OPCODE_EXPIRETIME_MS:
          expireAtMs = readLe(8, "an 8-byte expire time in milliseconds");
          continue;
        case OPCODE_FREQ:
          visitor.freq(readByte("a 1-byte LFU counter"));
          continue;
        case OPCODE_IDLE:
          visitor.idle(readLength("an LRU idle time"));
          continue;
        case OPCODE_SELECTDB: {
          long db = readLength("a database number");
          if (db > Integer.MAX_VALUE) {
            throw RdbFormatException.corrupt(opOffset, "SELECTDB " + db + " is not a database number");
          }
          visitor.selectDb((int) db);
          continue;
        }
        case OPCODE_RESIZEDB: {
          long size = readLength("RESIZEDB's key count");
          long expires = readLength("RESIZEDB's expires count");
          visitor.resizeDb(size, expires);
          continue;
        }
        case OPCODE_AUX: {
          byte[] key = readString("an aux field name");
          byte[] value = readString("an aux field value");
          visitor.aux(key, value);
          continue;
        }
        case OPCODE_MODULE_AUX:
          throw RdbFormatException.unsupported(opOffset, "module auxiliary data (MODULE_AUX); this server"
              + " loads no modules — save the RDB from a Redis without modules");
        case OPCODE_FUNCTION_PRE_GA:
          throw RdbFormatException.unsupported(opOffset, "a pre-GA function library (opcode 246, Redis 7.0"
              + " release candidates); save it again with Redis 7.0 GA or later");
        case OPCODE_FUNCTION2: {
          byte[] code = readString("a function library");
          if (!visitor.function(code)) {
            throw RdbFormatException.unsupported(opOffset, "a function library (FUNCTION2); delete the"
                + " functions (FUNCTION FLUSH) before saving, or load with a visitor that accepts them");
          }
          continue;
        }
        case OPCODE_EOF:
          finish(version, visitor);
          return offset;
        default:
          try {
            readKeyValue(type, opOffset, expireAtMs, visitor);
          } catch (RdbFormatException e) {
            throw currentKey == null ? e : e.whileLoading(keyName());
          }
          currentKey = null;
          expireAtMs = RdbVisitor.NO_EXPIRY;
      }
    }
  }

  private int readHeader() throws IOException {
    byte[] magic = readBytes(9, "the 9-byte header REDIS<4-digit version>");
    String text = new String(magic, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("REDIS")) {
      throw RdbFormatException.corrupt(0, "the file does not start with REDIS (found '"
          + printable(magic) + "'); this is not an RDB file");
    }
    int version;
    try {
      version = Integer.parseInt(text.substring(5));
    } catch (NumberFormatException e) {
      throw RdbFormatException.corrupt(5, "the version '" + text.substring(5) + "' is not 4 digits");
    }
    if (version < 1 || version > MAX_VERSION) {
      throw RdbFormatException.unsupported(5, "RDB format version " + version + " (this reader, like Redis"
          + " 7.0, handles 1 to " + MAX_VERSION + "); save it with Redis 7.0 or configure the source to match");
    }
    return version;
  }

  private void finish(int version, RdbVisitor visitor) throws IOException {
    long stored = 0;
    if (version >= 5) {
      long expected = crc;
      long at = offset;
      stored = readLe(8, "the 8-byte CRC-64 checksum after EOF");
      if (stored != 0 && stored != expected) {
        throw RdbFormatException.corrupt(at, "checksum mismatch: the file says 0x" + Long.toHexString(stored)
            + " but the content hashes to 0x" + Long.toHexString(expected) + "; the file is corrupt");
      }
    }
    visitor.end(stored);
  }

  /**
   * Reads one bare value as {@code DUMP} serializes it — a type byte, then the value, with no
   * key, header or EOF — and delivers it to {@code visitor} under {@code key} with no expiry. An
   * empty collection is delivered as nothing, as the file reader skips one. Bytes after the
   * value are left unread.
   *
   * @throws RdbFormatException when the bytes are not a value this reader loads
   */
  public void readValue(byte[] key, RdbVisitor visitor) throws IOException {
    long at = offset;
    int type = readByte("a value type");
    if (type >= OPCODE_FUNCTION2) {
      throw RdbFormatException.corrupt(at, "opcode " + type + " where a value type was expected");
    }
    currentKey = key;
    try {
      readKeyValue(type, at, key, RdbVisitor.NO_EXPIRY, visitor);
    } catch (RdbFormatException e) {
      throw e.whileLoading(keyName());
    } finally {
      currentKey = null;
    }
  }

  private void readKeyValue(int typeCode, long typeOffset, long expireAtMs, RdbVisitor visitor)
      throws IOException {
    readKeyValue(typeCode, typeOffset, null, expireAtMs, visitor);
  }

  /** Reads a value of {@code typeCode}, after its key unless {@code givenKey} is not null. */
  private void readKeyValue(int typeCode, long typeOffset, byte[] givenKey, long expireAtMs, RdbVisitor visitor)
      throws IOException {
    RdbType type = RdbType.of(typeCode);
    if (type == null) {
      throw RdbFormatException.corrupt(typeOffset, "unknown opcode or value type " + typeCode);
    }
    byte[] key = givenKey != null ? givenKey : readString("a key");
    currentKey = key;
    switch (type) {
      case STRING: {
        byte[] value = readString("a string value");
        visitor.beginKey(key, type, expireAtMs);
        visitor.string(key, value, expireAtMs);
        return;
      }
      case LIST: {
        long n = readLength("the length of a list");
        List<byte[]> elements = new ArrayList<>(capacity(n));
        for (long i = 0; i < n; i++) {
          elements.add(readString("a list element"));
        }
        deliverList(visitor, key, type, elements, expireAtMs);
        return;
      }
      case LIST_QUICKLIST:
      case LIST_QUICKLIST_2: {
        long nodes = readLength("the node count of a quicklist");
        List<byte[]> elements = new ArrayList<>();
        for (long i = 0; i < nodes; i++) {
          int container = QUICKLIST_NODE_PACKED;
          if (type == RdbType.LIST_QUICKLIST_2) {
            long at = offset;
            long c = readLength("the container type of node of a quicklist");
            if (c != QUICKLIST_NODE_PLAIN && c != QUICKLIST_NODE_PACKED) {
              throw RdbFormatException.corrupt(at, "quicklist node container " + c + " of key '" + keyName()
                  + "' is neither 1 (plain) nor 2 (packed)");
            }
            container = (int) c;
          }
          long at = offset;
          byte[] blob = readString("node of a quicklist");
          if (container == QUICKLIST_NODE_PLAIN) {
            elements.add(blob);
          } else if (type == RdbType.LIST_QUICKLIST_2) {
            elements.addAll(decodeBlob(at, keyName(), "listpack", () -> Listpack.decode(blob)));
          } else {
            elements.addAll(decodeBlob(at, keyName(), "ziplist", () -> LegacyEncodings.ziplist(blob)));
          }
        }
        deliverList(visitor, key, type, elements, expireAtMs);
        return;
      }
      case LIST_ZIPLIST: {
        long at = offset;
        byte[] blob = readString("the ziplist of a list");
        deliverList(visitor, key, type, decodeBlob(at, keyName(), "ziplist", () -> LegacyEncodings.ziplist(blob)),
            expireAtMs);
        return;
      }
      case SET: {
        long n = readLength("the size of a set");
        List<byte[]> members = new ArrayList<>(capacity(n));
        Set<ByteBuffer> seen = new HashSet<>(capacity(n));
        for (long i = 0; i < n; i++) {
          long at = offset;
          byte[] member = readString("member of a set");
          if (!seen.add(ByteBuffer.wrap(member))) {
            throw RdbFormatException.corrupt(at, "duplicate member '" + printable(member) + "' in set '"
                + keyName() + "'");
          }
          members.add(member);
        }
        deliverSet(visitor, key, type, members, expireAtMs);
        return;
      }
      case SET_INTSET: {
        long at = offset;
        byte[] blob = readString("the intset of a set");
        long[] values = decodeBlob(at, keyName(), "intset", () -> Intset.decode(blob));
        List<byte[]> members = new ArrayList<>(values.length);
        for (long v : values) {
          members.add(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        }
        deliverSet(visitor, key, type, members, expireAtMs);
        return;
      }
      case ZSET:
      case ZSET_2: {
        long n = readLength("the size of a sorted set");
        List<ScoredMember> entries = new ArrayList<>(capacity(n));
        Set<ByteBuffer> seen = new HashSet<>(capacity(n));
        for (long i = 0; i < n; i++) {
          long at = offset;
          byte[] member = readString("member of a sorted set");
          if (!seen.add(ByteBuffer.wrap(member))) {
            throw RdbFormatException.corrupt(at, "duplicate member '" + printable(member) + "' in sorted set '"
                + keyName() + "'");
          }
          long scoreAt = offset;
          double score = type == RdbType.ZSET_2
              ? Double.longBitsToDouble(readLe(8, "the binary score of a sorted set member"))
              : readTextDouble("the text score of a sorted set member");
          if (Double.isNaN(score)) {
            throw RdbFormatException.corrupt(scoreAt, "NaN score of a sorted set");
          }
          entries.add(new ScoredMember(member, score));
        }
        deliverZset(visitor, key, type, entries, expireAtMs);
        return;
      }
      case ZSET_LISTPACK:
      case ZSET_ZIPLIST: {
        long at = offset;
        byte[] blob = readString("the " + (type == RdbType.ZSET_LISTPACK ? "listpack" : "ziplist")
            + " of a sorted set");
        List<byte[]> flat = type == RdbType.ZSET_LISTPACK
            ? decodeBlob(at, keyName(), "listpack", () -> Listpack.decode(blob))
            : decodeBlob(at, keyName(), "ziplist", () -> LegacyEncodings.ziplist(blob));
        if (flat.size() % 2 != 0) {
          throw RdbFormatException.corrupt(at, "sorted set '" + keyName() + "' holds an odd number of entries ("
              + flat.size() + "); expected member, score pairs");
        }
        List<ScoredMember> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
          double score;
          try {
            score = Doubles.parse(flat.get(i + 1));
          } catch (NumberFormatException e) {
            throw RdbFormatException.corrupt(at, "sorted set '" + keyName() + "' has the score '"
                + printable(flat.get(i + 1)) + "', which is not a number");
          }
          entries.add(new ScoredMember(flat.get(i), score));
        }
        deliverZset(visitor, key, type, entries, expireAtMs);
        return;
      }
      case HASH: {
        long n = readLength("the size of a hash");
        List<FieldValue> entries = new ArrayList<>(capacity(n));
        Set<ByteBuffer> seen = new HashSet<>(capacity(n));
        for (long i = 0; i < n; i++) {
          long at = offset;
          byte[] field = readString("field of a hash");
          if (!seen.add(ByteBuffer.wrap(field))) {
            throw RdbFormatException.corrupt(at, "duplicate field '" + printable(field) + "' in hash '"
                + keyName() + "'");
          }
          byte[] value = readString("the value of field of a hash");
          entries.add(new FieldValue(field, value));
        }
        deliverHash(visitor, key, type, entries, expireAtMs);
        return;
      }
      case HASH_LISTPACK:
      case HASH_ZIPLIST:
      case HASH_ZIPMAP: {
        long at = offset;
        byte[] blob = readString("the encoded value of a hash");
        List<byte[]> flat;
        if (type == RdbType.HASH_LISTPACK) {
          flat = decodeBlob(at, keyName(), "listpack", () -> Listpack.decode(blob));
        } else if (type == RdbType.HASH_ZIPLIST) {
          flat = decodeBlob(at, keyName(), "ziplist", () -> LegacyEncodings.ziplist(blob));
        } else {
          flat = decodeBlob(at, keyName(), "zipmap", () -> LegacyEncodings.zipmap(blob));
        }
        if (flat.size() % 2 != 0) {
          throw RdbFormatException.corrupt(at, "hash '" + keyName() + "' holds an odd number of entries ("
              + flat.size() + "); expected field, value pairs");
        }
        List<FieldValue> entries = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
          entries.add(new FieldValue(flat.get(i), flat.get(i + 1)));
        }
        deliverHash(visitor, key, type, entries, expireAtMs);
        return;
      }
      case STREAM_LISTPACKS:
      case STREAM_LISTPACKS_2: {
        RdbStream stream = readStream(type == RdbType.STREAM_LISTPACKS);
        visitor.beginKey(key, type, expireAtMs);
        boolean accepted;
        try {
          accepted = visitor.stream(key, stream, expireAtMs);
        } catch (IllegalArgumentException e) {
          throw RdbFormatException.corrupt(typeOffset, "stream '" + keyName() + "' is malformed: " + e.getMessage(), e);
        }
        if (!accepted) {
          throw RdbFormatException.unsupported(typeOffset, "key '" + keyName() + "' is a stream; load it with a"
              + " visitor that accepts streams");
        }
        return;
      }
      default:
        throw RdbFormatException.unsupported(typeOffset, "key '" + keyName() + "' holds module data (" + type
            + "); this server loads no modules");
    }
  }

  /** rdbLoadObject's stream branch: nodes, metadata, groups with their PELs and consumers. */
  private RdbStream readStream(boolean legacy) throws IOException {
    long nodeCount = readLength("the node count of a stream");
    List<RdbStream.Node> nodes = new ArrayList<>(capacity(nodeCount));
    for (long i = 0; i < nodeCount; i++) {
      long at = offset;
      byte[] nodeKey = readString("the key of a stream node");
      if (nodeKey.length != 16) {
        throw RdbFormatException.corrupt(at, "stream node key of '" + keyName() + "' has " + nodeKey.length
            + " bytes, not the 16 of a stream ID");
      }
      long lpAt = offset;
      byte[] lp = readString("the listpack of a stream node");
      List<byte[]> elements = decodeBlob(lpAt, keyName(), "listpack", () -> Listpack.decode(lp));
      if (elements.isEmpty()) {
        throw RdbFormatException.corrupt(lpAt, "empty listpack inside stream '" + keyName() + "'");
      }
      nodes.add(new RdbStream.Node(readId(nodeKey, 0), elements));
    }
    long length = readLength("the length of a stream");
    RdbStream.Id lastId = readId("the last ID of a stream");
    RdbStream.Id firstId = new RdbStream.Id(0, 0);
    RdbStream.Id maxDeleted = new RdbStream.Id(0, 0);
    long entriesAdded = 0;
    if (!legacy) {
      firstId = readId("the first ID of a stream");
      maxDeleted = readId("the highest deleted ID of a stream");
      entriesAdded = readUnsignedLength("the entries-added counter of a stream");
    }
    long groupCount = readLength("the group count of a stream");
    List<RdbStream.Group> groups = new ArrayList<>(capacity(groupCount));
    for (long g = 0; g < groupCount; g++) {
      byte[] name = readString("a consumer group name");
      RdbStream.Id groupLast = readId("a consumer group's last ID");
      long entriesRead = legacy ? 0 : readUnsignedLength("a consumer group's read counter");
      long pelSize = readLength("the size of a consumer group's PEL");
      List<RdbStream.Pending> pel = new ArrayList<>(capacity(pelSize));
      Set<ByteBuffer> pelIds = new HashSet<>(capacity(pelSize));
      for (long i = 0; i < pelSize; i++) {
        long at = offset;
        byte[] raw = readBytes(16, "the ID of a pending entry");
        if (!pelIds.add(ByteBuffer.wrap(raw))) {
          throw RdbFormatException.corrupt(at, "duplicated pending entry in a consumer group of stream '"
              + keyName() + "'");
        }
        long deliveryTime = readLe(8, "the delivery time of a pending entry");
        long deliveryCount = readUnsignedLength("the delivery count of a pending entry");
        pel.add(new RdbStream.Pending(readId(raw, 0), deliveryTime, deliveryCount));
      }
      long consumerCount = readLength("the consumer count of a consumer group");
      List<RdbStream.Consumer> consumers = new ArrayList<>(capacity(consumerCount));
      Set<ByteBuffer> owned = new HashSet<>(capacity(pelSize));
      for (long c = 0; c < consumerCount; c++) {
        byte[] consumerName = readString("a consumer name");
        long seenTime = readLe(8, "the seen time of a consumer");
        long own = readLength("the size of a consumer's PEL");
        List<RdbStream.Id> ids = new ArrayList<>(capacity(own));
        for (long i = 0; i < own; i++) {
          long at = offset;
          byte[] raw = readBytes(16, "the ID of a consumer's pending entry");
          if (!pelIds.contains(ByteBuffer.wrap(raw))) {
            throw RdbFormatException.corrupt(at, "consumer PEL entry not found in the group's PEL in stream '"
                + keyName() + "'");
          }
          if (!owned.add(ByteBuffer.wrap(raw))) {
            throw RdbFormatException.corrupt(at, "pending entry owned twice in stream '" + keyName() + "'");
          }
          ids.add(readId(raw, 0));
        }
        consumers.add(new RdbStream.Consumer(consumerName, seenTime, ids));
      }
      groups.add(new RdbStream.Group(name, groupLast, entriesRead, pel, consumers));
    }
    return new RdbStream(nodes, length, lastId, firstId, maxDeleted, entriesAdded, groups, legacy);
  }

  private RdbStream.Id readId(String expected) throws IOException {
    long ms = readUnsignedLength(expected);
    long seq = readUnsignedLength(expected);
    return new RdbStream.Id(ms, seq);
  }

  private static RdbStream.Id readId(byte[] b, int at) {
    return new RdbStream.Id(Listpack.getBe(b, at, 8), Listpack.getBe(b, at + 8, 8));
  }

  private static void deliverList(RdbVisitor v, byte[] key, RdbType type, List<byte[]> elements, long expire) {
    if (!elements.isEmpty()) {
      v.beginKey(key, type, expire);
      v.list(key, elements, expire);
    }
  }

  private static void deliverSet(RdbVisitor v, byte[] key, RdbType type, List<byte[]> members, long expire) {
    if (!members.isEmpty()) {
      v.beginKey(key, type, expire);
      v.set(key, members, expire);
    }
  }

  private static void deliverZset(RdbVisitor v, byte[] key, RdbType type, List<ScoredMember> entries, long expire) {
    if (!entries.isEmpty()) {
      v.beginKey(key, type, expire);
      v.sortedSet(key, entries, expire);
    }
  }

  private static void deliverHash(RdbVisitor v, byte[] key, RdbType type, List<FieldValue> entries, long expire) {
    if (!entries.isEmpty()) {
      v.beginKey(key, type, expire);
      v.hash(key, entries, expire);
    }
  }

  /** Decodes a blob, turning a format error into one that names where the blob started. */
  private static <T> T decodeBlob(long at, String keyName, String format, BlobDecoder<T> decoder)
      throws RdbFormatException {
    try {
      return decoder.decode();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw RdbFormatException.corrupt(at, "the " + format + " of key '" + keyName + "' (the string starting"
          + " here) is malformed: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface BlobDecoder<T> {
    T decode();
  }

  private String keyName() {
    return printable(currentKey);
  }

  private static int capacity(long n) {
    return (int) Math.min(n, 1024);
  }

  // ---- primitives: every byte passes through here, so the offset and CRC stay exact ----

  private int readByte(String expected) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw RdbFormatException.truncated(offset, expected);
    }
    offset++;
    crc = Crc64.update(crc, b);
    return b;
  }

  private byte[] readBytes(long len, String expected) throws IOException {
    if (len > MAX_ARRAY) {
      throw RdbFormatException.corrupt(offset, expected + " is declared as " + len
          + " bytes, more than a Java array holds; the length is corrupt");
    }
    int n = (int) len;
    // Grow in chunks so a corrupt length in a truncated file fails at EOF, not with an OOM.
    byte[] out = new byte[Math.min(n, CHUNK)];
    int filled = 0;
    while (filled < n) {
      if (filled == out.length) {
        byte[] bigger = new byte[(int) Math.min(n, (long) out.length * 2)];
        System.arraycopy(out, 0, bigger, 0, filled);
        out = bigger;
      }
      int r = in.read(out, filled, out.length - filled);
      if (r < 0) {
        offset += filled;
        crc = Crc64.update(crc, out, 0, filled);
        throw RdbFormatException.truncated(offset, expected + " (" + n + " bytes, " + filled + " present)");
      }
      filled += r;
    }
    offset += n;
    crc = Crc64.update(crc, out, 0, n);
    return out;
  }

  private long readLe(int n, String expected) throws IOException {
    byte[] b = readBytes(n, expected);
    return Listpack.getLe(b, 0, n);
  }

  private long readBe(int n, String expected) throws IOException {
    byte[] b = readBytes(n, expected);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }

  /** rdbLoadLen: 6-bit, 14-bit, 32-bit or 64-bit big-endian; encoded forms are rejected here. */
  private long readLength(String expected) throws IOException {
    long at = offset;
    int b = readByte(expected);
    int kind = (b & 0xC0) >> 6;
    if (kind == 3) {
      throw RdbFormatException.corrupt(at, "expected " + expected + " as a length, found special encoding 0x"
          + Integer.toHexString(b));
    }
    return lengthBody(b, at, expected);
  }

  /** rdbLoadLen of an unsigned 64-bit value (stream IDs and counters): all 64 bits kept. */
  private long readUnsignedLength(String expected) throws IOException {
    long at = offset;
    int b = readByte(expected);
    if ((b & 0xC0) == 0xC0) {
      throw RdbFormatException.corrupt(at, "expected " + expected + " as a length, found special encoding 0x"
          + Integer.toHexString(b));
    }
    return b == 0x81 ? readBe(8, expected) : lengthBody(b, at, expected);
  }

  private long lengthBody(int b, long at, String expected) throws IOException {
    int kind = (b & 0xC0) >> 6;
    if (kind == 0) {
      return b & 0x3F;
    } else if (kind == 1) {
      return ((b & 0x3F) << 8) | readByte(expected);
    } else if (b == 0x80) {
      return readBe(4, expected);
    } else if (b == 0x81) {
      long v = readBe(8, expected);
      if (v < 0) {
        throw RdbFormatException.corrupt(at, expected + " is " + Long.toUnsignedString(v)
            + ", beyond any real length");
      }
      return v;
    }
    throw RdbFormatException.corrupt(at, "unknown length encoding 0x" + Integer.toHexString(b) + " for "
        + expected);
  }

  /** rdbGenericLoadStringObject: a length-prefixed string, an int8/16/32, or an LZF blob. */
  private byte[] readString(String expected) throws IOException {
    long at = offset;
    int b = readByte(expected);
    if ((b & 0xC0) != 0xC0) {
      return readBytes(lengthBody(b, at, expected), expected);
    }
    switch (b & 0x3F) {
      case 0:
        return ascii((byte) readByte(expected));
      case 1:
        return ascii((short) readLe(2, expected));
      case 2:
        return ascii((int) readLe(4, expected));
      case 3: {
        long clen = readLength("the compressed length of " + expected);
        long len = readLength("the uncompressed length of " + expected);
        if (len > MAX_ARRAY) {
          throw RdbFormatException.corrupt(at, expected + " declares an uncompressed length of " + len
              + " bytes; the length is corrupt");
        }
        byte[] packed = readBytes(clen, "the LZF data of " + expected);
        try {
          return Lzf.decompress(packed, 0, packed.length, (int) len);
        } catch (IllegalArgumentException e) {
          throw RdbFormatException.corrupt(at, "invalid LZF-compressed " + expected + ": " + e.getMessage(), e);
        }
      }
      default:
        throw RdbFormatException.corrupt(at, "unknown string encoding 0x" + Integer.toHexString(b) + " for "
            + expected);
    }
  }

  /** rdbLoadDoubleValue: a length byte, with 253/254/255 meaning NaN, +inf, -inf. */
  private double readTextDouble(String expected) throws IOException {
    long at = offset;
    int len = readByte(expected);
    if (len == 253) {
      return Double.NaN;
    } else if (len == 254) {
      return Double.POSITIVE_INFINITY;
    } else if (len == 255) {
      return Double.NEGATIVE_INFINITY;
    }
    byte[] text = readBytes(len, expected);
    try {
      return Doubles.parse(text);
    } catch (NumberFormatException e) {
      throw RdbFormatException.corrupt(at, expected + " '" + printable(text) + "' is not a number");
    }
  }

  private static byte[] ascii(long v) {
    return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
  }

  /** A key for messages: printable ASCII kept, other bytes as \xNN, long keys cut. */
  static String printable(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(bytes.length, 64);
    for (int i = 0; i < n; i++) {
      int c = bytes[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    if (bytes.length > n) {
      sb.append("...(").append(bytes.length).append(" bytes)");
    }
    return sb.toString();
  }
}
