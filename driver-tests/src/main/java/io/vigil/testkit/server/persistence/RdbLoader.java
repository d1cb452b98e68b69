package io.vigil.testkit.server.persistence;

import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Database;
import io.vigil.testkit.server.keyspace.EncodingLimits;
import io.vigil.testkit.server.keyspace.HashValue;
import io.vigil.testkit.server.keyspace.Keyspace;
import io.vigil.testkit.server.keyspace.ListValue;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.SetValue;
import io.vigil.testkit.server.keyspace.StringValue;
import io.vigil.testkit.server.keyspace.ZSetValue;
import io.vigil.testkit.server.rdb.FieldValue;
import io.vigil.testkit.server.rdb.RdbStream;
import io.vigil.testkit.server.rdb.RdbVisitor;
import io.vigil.testkit.server.rdb.ScoredMember;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a fresh data set from an RDB stream and swaps it into a {@link Keyspace} only once the
 * stream ended cleanly ({@link #end}), so a truncated or corrupt payload leaves the old data
 * untouched.
 *
 * <p>A master drops keys that are already expired ({@code dropExpired}); a replica keeps them
 * and waits for its master's {@code DEL}, as Redis does. The aux fields {@code repl-id},
 * {@code repl-offset} and {@code repl-stream-db} are kept for the caller. Reading may happen on
 * any thread; {@link #swapInto} must run on the server thread.
 */
public final class RdbLoader implements RdbVisitor {

  private record Entry(Bytes key, RedisValue value, long expireAt) {}

  private final EncodingLimits limits;
  private final boolean dropExpired;
  private final long now;
  private final Map<Integer, List<Entry>> staged = new HashMap<>();
  private final Map<String, String> aux = new HashMap<>();
  private final List<byte[]> functions = new ArrayList<>();
  private List<Entry> current;
  private boolean complete;
  private long keys;

  /**
   * A loader building values with {@code limits}; keys expired at {@code nowMillis} are dropped
   * when {@code dropExpired}.
   */
  public RdbLoader(EncodingLimits limits, boolean dropExpired, long nowMillis) {
    this.limits = limits;
    this.dropExpired = dropExpired;
    this.now = nowMillis;
    selectDb(0);
  }

  @Override
  public void aux(byte[] key, byte[] value) {
    aux.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
  }

  /** An aux field read from the stream, or null. */
  public String aux(String name) {
    return aux.get(name);
  }

  @Override
  public void selectDb(int db) {
    current = staged.computeIfAbsent(db, d -> new ArrayList<>());
  }

  private void add(byte[] key, RedisValue value, long expireAt) {
    if (dropExpired && expireAt != NO_EXPIRY && expireAt <= now) {
      return;
    }
    current.add(new Entry(Bytes.wrap(key), value, expireAt));
    keys++;
  }

  @Override
  public void string(byte[] key, byte[] value, long expireAtMs) {
    add(key, StringValue.of(value), expireAtMs);
  }

  @Override
  public void list(byte[] key, List<byte[]> elements, long expireAtMs) {
    ListValue l = new ListValue();
    for (byte[] e : elements) {
      l.addLast(e);
    }
    add(key, l, expireAtMs);
  }

  @Override
  public void set(byte[] key, List<byte[]> members, long expireAtMs) {
    SetValue s = new SetValue();
    for (byte[] m : members) {
      s.add(Bytes.wrap(m), limits);
    }
    add(key, s, expireAtMs);
  }

  @Override
  public void sortedSet(byte[] key, List<ScoredMember> entries, long expireAtMs) {
    ZSetValue z = new ZSetValue();
    for (ScoredMember e : entries) {
      z.put(Bytes.wrap(e.member()), e.score(), limits);
    }
    add(key, z, expireAtMs);
  }

  @Override
  public void hash(byte[] key, List<FieldValue> entries, long expireAtMs) {
    HashValue h = new HashValue();
    for (FieldValue f : entries) {
      h.put(Bytes.wrap(f.field()), f.value(), limits);
    }
    add(key, h, expireAtMs);
  }

  /** Keeps a function library's source; they are installed with the data set. */
  @Override
  public boolean function(byte[] libraryCode) {
    functions.add(libraryCode);
    return true;
  }

  /** The function libraries read, in file order. */
  public List<byte[]> functionLibraries() {
    return functions;
  }

  @Override
  public boolean stream(byte[] key, RdbStream stream, long expireAtMs) {
    add(key, StreamRdb.fromRdb(stream), expireAtMs);
    return true;
  }

  @Override
  public void end(long checksum) {
    complete = true;
  }

  /** The value of the one key read (a DUMP payload's), or null when none was. */
  RedisValue onlyValue() {
    List<Entry> db0 = staged.get(0);
    return db0 == null || db0.size() != 1 ? null : db0.get(0).value();
  }

  /** Keys staged so far. */
  public long keys() {
    return keys;
  }

  /**
   * Replaces the contents of {@code keyspace} with what was read. Server thread only.
   *
   * @throws IllegalStateException when the stream did not end cleanly
   */
  public void swapInto(Keyspace keyspace) {
    if (!complete) {
      throw new IllegalStateException("the RDB stream did not end cleanly; the data set was left as it was");
    }
    for (int i = 0; i < keyspace.count(); i++) {
      keyspace.db(i).clear();
    }
    for (Map.Entry<Integer, List<Entry>> e : staged.entrySet()) {
      if (e.getKey() >= keyspace.count()) {
        throw new IllegalStateException("the RDB selects database " + e.getKey() + " but the server has "
            + keyspace.count() + " (databases)");
      }
      Database db = keyspace.db(e.getKey());
      for (Entry entry : e.getValue()) {
        db.putQuietly(entry.key(), entry.value());
        if (entry.expireAt() != NO_EXPIRY) {
          db.setExpireAt(entry.key(), entry.expireAt());
        }
      }
    }
    staged.clear();
  }
}
