package io.vigil.testkit.server.rdb;

import java.util.List;

/**
 * Receives the contents of an RDB stream from {@link RdbReader}, in file order.
 *
 * <p>Contract: callbacks arrive on the reading thread, one at a time. {@link #end} is called only
 * after the whole stream, including its CRC-64, has been read and verified; if the reader throws
 * instead, everything delivered so far must be discarded. So a loader builds into a fresh data
 * set and swaps it in from {@code end} — the old data set stays untouched when a load fails:
 *
 * <pre>{@code
 * final class Loader implements RdbVisitor {
 *   final Map<Integer, Map<Bytes, Object>> fresh = new HashMap<>();
 *   int db;
 *   public void selectDb(int db) { this.db = db; }
 *   public void string(byte[] key, byte[] value, long expireAtMs) { put(key, value, expireAtMs); }
 *   ...
 *   public void end(long checksum) { server.swapDataSet(fresh); }
 * }
 * }</pre>
 *
 * <p>Expiry times are absolute Unix milliseconds, or {@link #NO_EXPIRY}; the reader reports keys
 * that are already expired too (a master drops them at load, a replica keeps them, as Redis
 * does). Keys of empty collections are skipped, as Redis 7.0 skips them. Byte arrays passed in are
 * fresh and owned by the visitor.
 */
public interface RdbVisitor {

  /** The expiry of a key that has none. */
  long NO_EXPIRY = -1;

  /** The format version from the header, e.g. 10 for {@code REDIS0010}. */
  default void version(int version) {}

  /** An auxiliary field ({@code redis-ver}, {@code repl-id}, {@code repl-offset}, ...). */
  default void aux(byte[] key, byte[] value) {}

  /** The following keys belong to database {@code db}. */
  default void selectDb(int db) {}

  /** Sizing hints for the current database: keys and keys with an expiry. */
  default void resizeDb(long size, long expires) {}

  /** The LRU idle time in seconds of the next key (written under an LRU maxmemory-policy). */
  default void idle(long seconds) {}

  /** The LFU counter of the next key (written under an LFU maxmemory-policy). */
  default void freq(int counter) {}

  /** Called before each value callback with the key's RDB encoding, e.g. to check encodings. */
  default void beginKey(byte[] key, RdbType type, long expireAtMs) {}

  /** A string value. */
  void string(byte[] key, byte[] value, long expireAtMs);

  /** A list, head to tail. */
  void list(byte[] key, List<byte[]> elements, long expireAtMs);

  /** A set; integers from an intset come as their decimal text. */
  void set(byte[] key, List<byte[]> members, long expireAtMs);

  /** A sorted set, in file order (ascending for listpacks, descending for {@code ZSET_2}). */
  void sortedSet(byte[] key, List<ScoredMember> entries, long expireAtMs);

  /** A hash, in file order. */
  void hash(byte[] key, List<FieldValue> entries, long expireAtMs);

  /**
   * A stream, which unlike other collections may be empty. A visitor may throw
   * {@link IllegalArgumentException} for content it finds inconsistent (entries that contradict
   * the metadata, say); the reader reports it as corrupt at the value's offset.
   *
   * @return whether the visitor accepts streams; by default false, and the reader then fails
   *     with an "unsupported" {@link RdbFormatException}
   */
  default boolean stream(byte[] key, RdbStream stream, long expireAtMs) {
    return false;
  }

  /**
   * A function library ({@code FUNCTION2} opcode), as the Lua source that {@code FUNCTION LOAD}
   * took.
   *
   * @return whether the visitor accepts functions; by default false, and the reader then fails
   *     with an "unsupported" {@link RdbFormatException}
   */
  default boolean function(byte[] libraryCode) {
    return false;
  }

  /**
   * The stream ended cleanly and its checksum matched (or was 0, "not computed").
   *
   * @param checksum the stored CRC-64, 0 when the writer did not compute one
   */
  default void end(long checksum) {}
}
