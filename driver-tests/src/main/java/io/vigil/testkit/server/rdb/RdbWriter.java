package io.vigil.testkit.server.rdb;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Writes an RDB v10 stream ({@code REDIS0010}) that Redis 7.0 loads at start-up and accepts as a
 * replica's full-sync payload, choosing encodings as Redis 7.0 does for values built by ordinary
 * commands (so a file written here from the data of a real {@code dump.rdb} is the same bytes).
 *
 * <p>Encodings written: strings as 8/16/32-bit integers when they are canonical decimal
 * integers that fit, LZF when {@link RdbOptions#compression()} and longer than 20 bytes and at
 * least 4 bytes are saved, raw otherwise (keys and aux fields too); lists as {@code QUICKLIST_2}
 * with listpack nodes split as {@code RPUSH} splits them ({@code list-max-listpack-size}) and
 * plain nodes for huge elements; sets as {@code SET_INTSET} when every member is an integer and
 * there are at most {@code set-max-intset-entries}, else the hashtable form (Redis 7.0 has no
 * listpack sets); sorted sets as {@code ZSET_LISTPACK} (sorted by score, then member) within
 * the {@code zset-max-listpack-*} limits, else {@code ZSET_2} (highest score first, as Redis
 * saves its skiplist); hashes as {@code HASH_LISTPACK} within the {@code hash-max-listpack-*}
 * limits, else the hashtable form; streams as {@code STREAM_LISTPACKS_2}. Collections in hashtable
 * form are written in the order given; callers must not pass duplicates or empty collections
 * (streams may be empty).
 *
 * <p>Streaming and blocking; it does no buffering, so pass a {@link java.io.BufferedOutputStream}.
 * Not thread-safe. The sizes given to {@link #resizeDb} are hints and need not be exact.
 *
 * <pre>{@code
 * RdbWriter w = new RdbWriter(new BufferedOutputStream(out));
 * w.header().auxFields(Instant.now().getEpochSecond(), usedMemory, null, false);
 * w.selectDb(0).resizeDb(2, 1);
 * w.string(bytes("greeting"), bytes("hello"), RdbVisitor.NO_EXPIRY);
 * w.hash(bytes("user:1"), List.of(new FieldValue(bytes("name"), bytes("ada"))), expireAtMs);
 * w.end(); // EOF, CRC-64, flush
 * }</pre>
 */
public final class RdbWriter implements Flushable {

  /** The {@code redis-ver} aux field this writer claims, the version whose format it matches. */
  public static final String REDIS_VERSION = "7.0.15";

  private static final int[] OPTIMIZATION_LEVEL = {4096, 8192, 16384, 32768, 65536};
  private static final int SIZE_SAFETY_LIMIT = 8192;
  private static final int SIZE_ESTIMATE_OVERHEAD = 8;

  private final OutputStream out;
  private final RdbOptions options;
  /** Whether this writes one bare value, as DUMP does (see {@link #valueOnly}). */
  private final boolean valueOnly;
  private long written;
  private long crc;
  private boolean started;
  private boolean ended;
  /** LRU idle seconds for the next key, or -1. */
  private long pendingIdle = -1;
  /** LFU counter for the next key, or -1. */
  private int pendingFreq = -1;

  /** A writer with Redis 7.0's default encoding settings. */
  public RdbWriter(OutputStream out) {
    this(out, RdbOptions.DEFAULTS);
  }

  /** A writer with the given encoding settings. */
  public RdbWriter(OutputStream out, RdbOptions options) {
    if (out == null || options == null) {
      throw new IllegalArgumentException("output stream and options must not be null");
    }
    this.out = out;
    this.options = options;
    this.valueOnly = false;
  }

  private RdbWriter(OutputStream out, RdbOptions options, boolean valueOnly) {
    this.out = out;
    this.options = options;
    this.valueOnly = valueOnly;
    this.started = true;
  }

  /**
   * A writer of one value as {@code DUMP} serializes it: the type byte and the value's encoding,
   * with no header, no key, no expiry and no EOF. Call exactly one value method; the key passed
   * to it is not written and the expiry must be {@link RdbVisitor#NO_EXPIRY}. {@link
   * #bytesWritten()} and the stream then hold the value; {@link DumpPayload} frames it.
   */
  public static RdbWriter valueOnly(OutputStream out, RdbOptions options) {
    if (out == null || options == null) {
      throw new IllegalArgumentException("output stream and options must not be null");
    }
    return new RdbWriter(out, options, true);
  }

  /** The replication aux fields a master writes into a full-sync payload. */
  public static final class ReplicationAux {
    private final int streamDb;
    private final String replId;
    private final long offset;

    /**
     * @param streamDb the db the replication stream has selected ({@code repl-stream-db})
     * @param replId the master's replication id ({@code repl-id})
     * @param offset the master replication offset of the snapshot ({@code repl-offset})
     */
    public ReplicationAux(int streamDb, String replId, long offset) {
      if (streamDb < 0 || replId == null || replId.isEmpty() || offset < 0) {
        throw new IllegalArgumentException("replication aux fields need a db >= 0, a replication id and an"
            + " offset >= 0; got db " + streamDb + ", id '" + replId + "', offset " + offset);
      }
      this.streamDb = streamDb;
      this.replId = replId;
      this.offset = offset;
    }
  }

  /** Bytes written so far. */
  public long bytesWritten() {
    return written;
  }

  /** Writes {@code REDIS0010}; must come first. */
  public RdbWriter header() throws IOException {
    requireFile();
    if (started) {
      throw new IllegalStateException("header() was already written");
    }
    started = true;
    byte[] magic = "REDIS0010".getBytes(StandardCharsets.US_ASCII);
    write(magic, 0, magic.length);
    return this;
  }

  /**
   * Writes the aux fields Redis 7.0 writes, in its order: {@code redis-ver}, {@code redis-bits},
   * {@code ctime}, {@code used-mem}, then {@code repl-stream-db}, {@code repl-id},
   * {@code repl-offset} when {@code replication} is given, then {@code aof-base}.
   */
  public RdbWriter auxFields(long ctimeSeconds, long usedMemory, ReplicationAux replication, boolean aofBase)
      throws IOException {
    aux("redis-ver", REDIS_VERSION);
    aux("redis-bits", 64);
    aux("ctime", ctimeSeconds);
    aux("used-mem", usedMemory);
    if (replication != null) {
      aux("repl-stream-db", replication.streamDb);
      aux("repl-id", replication.replId);
      aux("repl-offset", replication.offset);
    }
    aux("aof-base", aofBase ? 1 : 0);
    return this;
  }

  /** An aux field with a text value. */
  public RdbWriter aux(String key, String value) throws IOException {
    return aux(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  /** An aux field with an integer value (int-encoded when it fits, as Redis does). */
  public RdbWriter aux(String key, long value) throws IOException {
    return aux(key, Long.toString(value));
  }

  /** An aux field. */
  public RdbWriter aux(byte[] key, byte[] value) throws IOException {
    checkOpen();
    requireFile();
    write(RdbReader.OPCODE_AUX);
    writeString(key);
    writeString(value);
    return this;
  }

  /** {@code SELECTDB}: the following keys belong to database {@code db}. */
  public RdbWriter selectDb(int db) throws IOException {
    checkOpen();
    requireFile();
    if (db < 0) {
      throw new IllegalArgumentException("database number " + db + " must not be negative");
    }
    write(RdbReader.OPCODE_SELECTDB);
    writeLength(db);
    return this;
  }

  /** {@code RESIZEDB}: how many keys the current database has, and how many with an expiry. */
  public RdbWriter resizeDb(long size, long expires) throws IOException {
    checkOpen();
    requireFile();
    write(RdbReader.OPCODE_RESIZEDB);
    writeLength(size);
    writeLength(expires);
    return this;
  }

  /**
   * {@code IDLE}: the LRU idle time of the next key, as Redis writes under an LRU policy. It is
   * written with that key, after its expiry, where Redis puts it.
   */
  public RdbWriter idle(long seconds) {
    checkOpen();
    if (seconds < 0) {
      throw new IllegalArgumentException("idle time " + seconds + " must not be negative");
    }
    this.pendingIdle = seconds;
    return this;
  }

  /**
   * {@code FREQ}: the LFU counter (0-255) of the next key, as Redis writes under an LFU policy.
   * It is written with that key, after its expiry, where Redis puts it.
   */
  public RdbWriter freq(int counter) {
    checkOpen();
    if (counter < 0 || counter > 255) {
      throw new IllegalArgumentException("LFU counter " + counter + " must be 0 to 255");
    }
    this.pendingFreq = counter;
    return this;
  }

  /**
   * {@code FUNCTION2}: a function library's Lua source, as Redis writes each library after the
   * aux fields and before the databases.
   */
  public RdbWriter function(byte[] libraryCode) throws IOException {
    checkOpen();
    write(RdbReader.OPCODE_FUNCTION2);
    writeString(libraryCode);
    return this;
  }

  /**
   * The payload of {@code FUNCTION DUMP}: each library as a {@code FUNCTION2} record, then the
   * RDB version (2 bytes, little-endian) and a CRC-64 of all that (8 bytes, little-endian), as
   * Redis's {@code createDumpPayload}; {@code FUNCTION RESTORE} on Redis reads it.
   */
  public static byte[] functionPayload(java.util.Collection<byte[]> libraryCodes, RdbOptions options) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    RdbWriter w = new RdbWriter(buf, options);
    w.started = true;
    try {
      for (byte[] code : libraryCodes) {
        w.function(code);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    buf.write(RdbReader.MAX_VERSION & 0xff);
    buf.write(RdbReader.MAX_VERSION >>> 8);
    byte[] body = buf.toByteArray();
    long crc = Crc64.update(0, body, 0, body.length);
    byte[] out = java.util.Arrays.copyOf(body, body.length + 8);
    Listpack.putLe(out, body.length, crc, 8);
    return out;
  }

  /** A string key. */
  public RdbWriter string(byte[] key, byte[] value, long expireAtMs) throws IOException {
    beginKey(RdbType.STRING, key, expireAtMs);
    writeString(value);
    return this;
  }

  /** A list, head to tail, as a quicklist of listpacks split as {@code RPUSH} would split it. */
  public RdbWriter list(byte[] key, List<byte[]> elements, long expireAtMs) throws IOException {
    requireNonEmpty(key, elements.size());
    List<List<byte[]>> nodes = new ArrayList<>();
    List<Boolean> plain = new ArrayList<>();
    List<byte[]> tail = null;
    long tailBytes = 0;
    for (byte[] e : elements) {
      if (e.length >= options.listPackedThreshold()) {
        nodes.add(List.of(e));
        plain.add(true);
        tail = null;
        continue;
      }
      if (tail != null && allowInsert(tailBytes, tail.size(), e.length)) {
        tail.add(e);
      } else {
        tail = new ArrayList<>();
        tail.add(e);
        nodes.add(tail);
        plain.add(false);
        tailBytes = Listpack.EMPTY_SIZE;
      }
      tailBytes += Listpack.entrySize(e);
    }
    beginKey(RdbType.LIST_QUICKLIST_2, key, expireAtMs);
    writeLength(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      if (plain.get(i)) {
        writeLength(RdbReader.QUICKLIST_NODE_PLAIN);
        writeString(nodes.get(i).get(0));
      } else {
        writeLength(RdbReader.QUICKLIST_NODE_PACKED);
        writeString(Listpack.encode(nodes.get(i)));
      }
    }
    return this;
  }

  /**
   * Whether a tail node of {@code nodeBytes} and {@code nodeCount} elements takes one more of
   * {@code sz} bytes, as Redis 7.0.15's {@code _quicklistNodeAllowInsert}: the node size plus the
   * element plus an 8-byte overestimate of its listpack overhead within the byte limit of a
   * negative {@code list-max-listpack-size}; for a count limit, within the count and 8 KB.
   */
  private boolean allowInsert(long nodeBytes, int nodeCount, int sz) {
    int fill = options.listMaxListpackSize();
    long newSize = nodeBytes + sz + SIZE_ESTIMATE_OVERHEAD;
    if (fill < 0) {
      return newSize <= OPTIMIZATION_LEVEL[Math.min(-fill - 1, OPTIMIZATION_LEVEL.length - 1)];
    }
    if (newSize > SIZE_SAFETY_LIMIT) {
      return false;
    }
    return nodeCount + 1 <= (fill == 0 ? 1 : fill);
  }

  /** A set: an intset when every member is a 64-bit integer and it is small, else a hashtable. */
  public RdbWriter set(byte[] key, Collection<byte[]> members, long expireAtMs) throws IOException {
    requireNonEmpty(key, members.size());
    List<Long> ints = members.size() <= options.setMaxIntsetEntries() ? new ArrayList<>(members.size()) : null;
    if (ints != null) {
      for (byte[] m : members) {
        Long v = Listpack.canonicalInteger(m);
        if (v == null) {
          ints = null;
          break;
        }
        ints.add(v);
      }
    }
    if (ints != null) {
      beginKey(RdbType.SET_INTSET, key, expireAtMs);
      writeString(Intset.encode(ints));
      return this;
    }
    beginKey(RdbType.SET, key, expireAtMs);
    writeLength(members.size());
    for (byte[] m : members) {
      writeString(m);
    }
    return this;
  }

  /** A sorted set: a listpack when small, else {@code ZSET_2}; any input order. */
  public RdbWriter sortedSet(byte[] key, Collection<ScoredMember> entries, long expireAtMs) throws IOException {
    requireNonEmpty(key, entries.size());
    List<ScoredMember> sorted = new ArrayList<>(entries);
    boolean small = sorted.size() <= options.zsetMaxListpackEntries();
    for (ScoredMember e : sorted) {
      if (Double.isNaN(e.score())) {
        throw new IllegalArgumentException("sorted set '" + RdbReader.printable(key) + "' member '"
            + RdbReader.printable(e.member()) + "' has a NaN score, which Redis rejects");
      }
      small &= e.member().length <= options.zsetMaxListpackValue();
    }
    Comparator<ScoredMember> order = (a, b) -> a.score() < b.score() ? -1
        : a.score() > b.score() ? 1 : Arrays.compareUnsigned(a.member(), b.member());
    if (small) {
      sorted.sort(order);
      List<byte[]> flat = new ArrayList<>(sorted.size() * 2);
      for (ScoredMember e : sorted) {
        flat.add(e.member());
        flat.add(Doubles.formatBytes(e.score()));
      }
      beginKey(RdbType.ZSET_LISTPACK, key, expireAtMs);
      writeString(Listpack.encode(flat));
      return this;
    }
    sorted.sort(order.reversed());
    beginKey(RdbType.ZSET_2, key, expireAtMs);
    writeLength(sorted.size());
    byte[] score = new byte[8];
    for (ScoredMember e : sorted) {
      writeString(e.member());
      Listpack.putLe(score, 0, Double.doubleToRawLongBits(e.score()), 8);
      write(score, 0, 8);
    }
    return this;
  }

  /** A hash: a listpack (in the given order) when small, else a hashtable. */
  public RdbWriter hash(byte[] key, List<FieldValue> entries, long expireAtMs) throws IOException {
    requireNonEmpty(key, entries.size());
    boolean small = entries.size() <= options.hashMaxListpackEntries();
    for (int i = 0; small && i < entries.size(); i++) {
      FieldValue e = entries.get(i);
      small = e.field().length <= options.hashMaxListpackValue() && e.value().length <= options.hashMaxListpackValue();
    }
    if (small) {
      List<byte[]> flat = new ArrayList<>(entries.size() * 2);
      for (FieldValue e : entries) {
        flat.add(e.field());
        flat.add(e.value());
      }
      beginKey(RdbType.HASH_LISTPACK, key, expireAtMs);
      writeString(Listpack.encode(flat));
      return this;
    }
    beginKey(RdbType.HASH, key, expireAtMs);
    writeLength(entries.size());
    for (FieldValue e : entries) {
      writeString(e.field());
      writeString(e.value());
    }
    return this;
  }

  /**
   * A stream as {@code STREAM_LISTPACKS_2}, the form Redis 7.0 saves: each node's listpack
   * (LZF-compressed like any string when worth it) under its 16-byte big-endian first ID, the
   * metadata, then every group with its pending entries (raw IDs, delivery times, counts) and its
   * consumers (seen times and the raw IDs they own). Unlike other collections a stream may be
   * empty. {@link RdbStream#legacy()} is ignored: the metadata is written as given.
   */
  public RdbWriter stream(byte[] key, RdbStream stream, long expireAtMs) throws IOException {
    beginKey(RdbType.STREAM_LISTPACKS_2, key, expireAtMs);
    writeLength(stream.nodes().size());
    for (RdbStream.Node node : stream.nodes()) {
      writeString(idBytes(node.masterId()));
      writeString(Listpack.encode(node.elements()));
    }
    writeLength(stream.length());
    writeId(stream.lastId());
    writeId(stream.firstId());
    writeId(stream.maxDeletedId());
    writeUnsignedLength(stream.entriesAdded());
    writeLength(stream.groups().size());
    for (RdbStream.Group g : stream.groups()) {
      writeString(g.name());
      writeId(g.lastId());
      writeUnsignedLength(g.entriesRead()); // -1 (unknown) goes out as 2^64-1, as Redis's rdbSaveLen
      writeLength(g.pending().size());
      for (RdbStream.Pending p : g.pending()) {
        byte[] raw = idBytes(p.id());
        write(raw, 0, raw.length);
        writeMillis(p.deliveryTime());
        writeUnsignedLength(p.deliveryCount());
      }
      writeLength(g.consumers().size());
      for (RdbStream.Consumer c : g.consumers()) {
        writeString(c.name());
        writeMillis(c.seenTime());
        writeLength(c.pending().size());
        for (RdbStream.Id id : c.pending()) {
          byte[] raw = idBytes(id);
          write(raw, 0, raw.length);
        }
      }
    }
    return this;
  }

  /** The 16-byte big-endian form of an ID, the key of a radix tree node or pending entry. */
  static byte[] idBytes(RdbStream.Id id) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (id.ms() >>> (56 - 8 * i));
      b[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
    }
    return b;
  }

  private void writeId(RdbStream.Id id) throws IOException {
    writeUnsignedLength(id.ms());
    writeUnsignedLength(id.seq());
  }

  /** rdbSaveMillisecondTime: 8 bytes, little-endian. */
  private void writeMillis(long ms) throws IOException {
    byte[] b = new byte[8];
    Listpack.putLe(b, 0, ms, 8);
    write(b, 0, 8);
  }

  /**
   * Writes EOF and the CRC-64 (or 0 when checksums are off) and flushes; the stream stays open.
   *
   * @return the checksum written
   */
  public long end() throws IOException {
    checkOpen();
    requireFile();
    write(RdbReader.OPCODE_EOF);
    long checksum = options.checksum() ? crc : 0;
    byte[] trailer = new byte[8];
    Listpack.putLe(trailer, 0, checksum, 8);
    write(trailer, 0, 8);
    ended = true;
    out.flush();
    return checksum;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  private void beginKey(RdbType type, byte[] key, long expireAtMs) throws IOException {
    checkOpen();
    if (valueOnly) {
      if (expireAtMs != RdbVisitor.NO_EXPIRY || written > 0) {
        throw new IllegalStateException("a value-only writer takes one value without an expiry");
      }
      write(type.code());
      return;
    }
    if (expireAtMs != RdbVisitor.NO_EXPIRY) {
      write(RdbReader.OPCODE_EXPIRETIME_MS);
      byte[] ms = new byte[8];
      Listpack.putLe(ms, 0, expireAtMs, 8);
      write(ms, 0, 8);
    }
    if (pendingIdle >= 0) {
      write(RdbReader.OPCODE_IDLE);
      writeLength(pendingIdle);
      pendingIdle = -1;
    }
    if (pendingFreq >= 0) {
      write(RdbReader.OPCODE_FREQ);
      write(pendingFreq);
      pendingFreq = -1;
    }
    write(type.code());
    writeString(key);
  }

  private static void requireNonEmpty(byte[] key, int size) {
    if (size == 0) {
      throw new IllegalArgumentException("key '" + RdbReader.printable(key) + "' is an empty collection;"
          + " Redis deletes such keys, so leave it out of the RDB");
    }
  }

  private void requireFile() {
    if (valueOnly) {
      throw new IllegalStateException("a value-only writer writes one value, not a file");
    }
  }

  private void checkOpen() {
    if (!started) {
      throw new IllegalStateException("call header() first");
    }
    if (ended) {
      throw new IllegalStateException("end() was already called; start a new RdbWriter");
    }
  }

  // ---- rdb.c primitives ----

  /** rdbSaveLen: 6-bit, 14-bit, 32-bit or 64-bit big-endian. */
  private void writeLength(long len) throws IOException {
    if (len < 0) {
      throw new IllegalArgumentException("length " + len + " must not be negative");
    }
    writeUnsignedLength(len);
  }

  /** rdbSaveLen of an unsigned 64-bit value (stream IDs and counters). */
  private void writeUnsignedLength(long len) throws IOException {
    if (len >= 0 && len < (1 << 6)) {
      write((int) len);
    } else if (len >= 0 && len < (1 << 14)) {
      write((int) ((len >>> 8) | 0x40));
      write((int) (len & 0xff));
    } else if (len >= 0 && len <= 0xFFFFFFFFL) {
      byte[] b = {(byte) 0x80, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
      write(b, 0, 5);
    } else {
      byte[] b = new byte[9];
      b[0] = (byte) 0x81;
      for (int i = 0; i < 8; i++) {
        b[1 + i] = (byte) (len >>> (56 - 8 * i));
      }
      write(b, 0, 9);
    }
  }

  /** rdbSaveRawString: integer encoding, else LZF when worth it, else length-prefixed bytes. */
  private void writeString(byte[] s) throws IOException {
    int len = s.length;
    if (len <= 11) {
      Long v = Listpack.canonicalInteger(s);
      if (v != null && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        long x = v;
        if (x >= -(1 << 7) && x <= (1 << 7) - 1) {
          write(0xC0);
          write((int) x & 0xff);
        } else if (x >= -(1 << 15) && x <= (1 << 15) - 1) {
          byte[] b = {(byte) 0xC1, (byte) x, (byte) (x >>> 8)};
          write(b, 0, 3);
        } else {
          byte[] b = {(byte) 0xC2, (byte) x, (byte) (x >>> 8), (byte) (x >>> 16), (byte) (x >>> 24)};
          write(b, 0, 5);
        }
        return;
      }
    }
    if (options.compression() && len > 20) {
      byte[] packed = Lzf.compress(s, len - 4);
      if (packed != null) {
        write(0xC3);
        writeLength(packed.length);
        writeLength(len);
        write(packed, 0, packed.length);
        return;
      }
    }
    writeLength(len);
    write(s, 0, len);
  }

  private void write(int b) throws IOException {
    out.write(b);
    crc = Crc64.update(crc, b);
    written++;
  }

  private void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    crc = Crc64.update(crc, b, off, len);
    written += len;
  }
}
