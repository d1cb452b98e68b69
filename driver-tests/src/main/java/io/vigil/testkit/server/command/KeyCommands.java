package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Database;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.pubsub.GlobMatcher;
import java.util.ArrayList;
import java.util.List;

/** Generic key commands: DEL, EXISTS, TYPE, KEYS, SCAN, RENAME, COPY, MOVE, expiry, OBJECT FREQ. */
final class KeyCommands {

  private KeyCommands() {}

  static void install(CommandTable t) {
    t.add("del", KeyCommands::del);
    t.add("unlink", KeyCommands::del);
    t.add("exists", c -> {
      long n = 0;
      for (int i = 1; i < c.argc(); i++) {
        if (c.read(c.key(i)) != null) {
          n++;
        }
      }
      return Replies.integer(n);
    });
    t.add("touch", c -> {
      long n = 0;
      for (int i = 1; i < c.argc(); i++) {
        if (c.db().exists(c.key(i))) {
          n++;
        }
      }
      return Replies.integer(n);
    });
    t.add("type", c -> {
      RedisValue v = c.db().get(c.key(1));
      return RespSimpleString.of(v == null ? "none" : v.typeName());
    });
    t.add("keys", c -> {
      List<Bytes> out = new ArrayList<>();
      byte[] pattern = c.arg(1);
      boolean all = pattern.length == 1 && pattern[0] == '*';
      for (Bytes k : c.db().keys()) {
        if (all || GlobMatcher.matches(pattern, k.bytes(), false)) {
          out.add(k);
        }
      }
      return Replies.array(out);
    });
    t.add("scan", KeyCommands::scan);
    t.add("randomkey", c -> Replies.bulk(c.db().randomKey()));
    t.add("rename", c -> rename(c, false));
    t.add("renamenx", c -> rename(c, true));
    t.add("copy", KeyCommands::copy);
    t.add("move", KeyCommands::move);
    t.add("dbsize", c -> Replies.integer(c.db().size()));
    t.add("expire", c -> expire(c, 1000, false));
    t.add("pexpire", c -> expire(c, 1, false));
    t.add("expireat", c -> expire(c, 1000, true));
    t.add("pexpireat", c -> expire(c, 1, true));
    t.add("ttl", c -> ttl(c, false));
    t.add("pttl", c -> ttl(c, true));
    t.add("expiretime", c -> expiretime(c, false));
    t.add("pexpiretime", c -> expiretime(c, true));
    t.add("persist", c -> {
      Bytes key = c.key(1);
      if (c.db().get(key) == null || !c.db().removeExpire(key)) {
        return Replies.integer(0);
      }
      c.modified(key);
      c.notify(NOTIFY_GENERIC, "persist", key);
      return Replies.integer(1);
    });
    t.add("object|freq", c -> {
      if (c.db().peek(c.key(2)) == null) {
        return RespNull.BULK;
      }
      if (!c.server().config().get("maxmemory-policy").contains("lfu")) {
        throw new RedisError("ERR An LFU maxmemory policy is not selected, access frequency not "
            + "tracked. Please note that when switching between policies at runtime LRU and LFU "
            + "data will take some time to adjust.");
      }
      return Replies.integer(0);
    });
  }

  private static RespValue del(Call c) {
    long n = 0;
    for (int i = 1; i < c.argc(); i++) {
      if (c.db().delete(c.key(i))) {
        c.notify(NOTIFY_GENERIC, "del", c.key(i));
        n++;
      }
    }
    return Replies.integer(n);
  }

  /** SCAN-style iteration shared with HSCAN/SSCAN/ZSCAN: hash-ordered, restartable. */
  static long scanCursor(Call c, int index) {
    Long cursor = Numbers.parseLong(c.arg(index));
    if (cursor == null) {
      // Redis parses cursors as unsigned 64-bit
      try {
        cursor = Long.parseUnsignedLong(c.str(index));
      } catch (NumberFormatException e) {
        throw new RedisError("ERR invalid cursor");
      }
    }
    return cursor;
  }

  static int scanHash(Bytes b) {
    int h = b.hashCode();
    h ^= (h >>> 16);
    h *= 0x45d9f3b;
    h ^= (h >>> 16);
    return h & 0x7fffffff;
  }

  /**
   * Picks the next page: items whose hash is at or above {@code cursor}, in hash order, at
   * least {@code count} of them (whole hash groups). Returns the next cursor (0 when done).
   */
  static long page(List<Bytes> all, long cursor, long count, List<Bytes> out) {
    List<Bytes> candidates = new ArrayList<>();
    for (Bytes b : all) {
      if (scanHash(b) >= cursor) {
        candidates.add(b);
      }
    }
    candidates.sort((a, b) -> {
      int c = Integer.compare(scanHash(a), scanHash(b));
      return c != 0 ? c : a.compareTo(b);
    });
    int i = 0;
    while (i < candidates.size() && i < count) {
      out.add(candidates.get(i++));
    }
    while (i < candidates.size() && scanHash(candidates.get(i)) == scanHash(candidates.get(i - 1))) {
      out.add(candidates.get(i++));
    }
    return i >= candidates.size() ? 0 : scanHash(candidates.get(i));
  }

  /** Keys sorted by scan hash, valid while no key is added to the database. */
  private record Snapshot(long insertions, Bytes[] keys, int[] hashes) {}

  /**
   * SCAN over a cached, hash-ordered snapshot of the keys: one O(n log n) sort per full
   * iteration instead of one per call. Keys added since the snapshot invalidate it (so a key
   * present for a whole iteration is always returned); deleted keys are filtered by the caller.
   */
  private static long snapshotPage(Database db, long cursor, long count, List<Bytes> out) {
    Snapshot s = db.scanSnapshot() instanceof Snapshot cached && cached.insertions() == db.insertions()
        ? cached : null;
    if (s == null) {
      List<Bytes> keys = new ArrayList<>(db.rawKeys());
      keys.sort((a, b) -> {
        int x = Integer.compare(scanHash(a), scanHash(b));
        return x != 0 ? x : a.compareTo(b);
      });
      int[] hashes = new int[keys.size()];
      for (int i = 0; i < hashes.length; i++) {
        hashes[i] = scanHash(keys.get(i));
      }
      s = new Snapshot(db.insertions(), keys.toArray(new Bytes[0]), hashes);
      db.scanSnapshot(s);
    }
    int[] h = s.hashes();
    int lo = 0;
    int hi = h.length;
    while (lo < hi) { // first index with hash >= cursor
      int mid = (lo + hi) >>> 1;
      if (h[mid] < cursor) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int i = lo;
    while (i < h.length && (i - lo < count || h[i] == h[i - 1])) {
      if (db.rawKeys().contains(s.keys()[i])) {
        out.add(s.keys()[i]);
      }
      i++;
    }
    return i >= h.length ? 0 : h[i];
  }

  private static RespValue scan(Call c) {
    long cursor = scanCursor(c, 1);
    long count = 10;
    byte[] match = null;
    String type = null;
    for (int i = 2; i < c.argc(); i++) {
      if (c.is(i, "COUNT") && i + 1 < c.argc()) {
        count = c.longArg(++i);
        if (count < 1) {
          throw RedisError.syntax();
        }
      } else if (c.is(i, "MATCH") && i + 1 < c.argc()) {
        match = c.arg(++i);
      } else if (c.is(i, "TYPE") && i + 1 < c.argc()) {
        type = c.str(++i);
      } else {
        throw RedisError.syntax();
      }
    }
    List<Bytes> picked = new ArrayList<>();
    long next = snapshotPage(c.db(), cursor, count, picked);
    List<RespValue> keys = new ArrayList<>();
    for (Bytes k : picked) {
      if (match != null && !GlobMatcher.matches(match, k.bytes(), false)) {
        continue;
      }
      RedisValue v = c.db().peek(k);
      if (v == null || (type != null && !v.typeName().equalsIgnoreCase(type))) {
        continue;
      }
      keys.add(RespBulkString.of(k.bytes()));
    }
    return RespArray.of(Replies.bulk(Long.toString(next)), new RespArray(keys));
  }

  private static RespValue rename(Call c, boolean nx) {
    Bytes from = c.key(1);
    Bytes to = c.key(2);
    Database db = c.db();
    RedisValue v = db.get(from);
    if (v == null) {
      throw new RedisError("ERR no such key");
    }
    if (from.equals(to)) {
      return nx ? Replies.integer(0) : RespSimpleString.OK;
    }
    if (nx && db.exists(to)) {
      return Replies.integer(0);
    }
    long when = db.expireAt(from);
    db.delete(to);
    db.delete(from);
    db.put(to, v, false);
    if (when >= 0) {
      db.setExpireAt(to, when);
    }
    c.notify(NOTIFY_GENERIC, "rename_from", from);
    c.notify(NOTIFY_GENERIC, "rename_to", to);
    return nx ? Replies.integer(1) : RespSimpleString.OK;
  }

  private static RespValue copy(Call c) {
    int dstDb = c.dbIndex();
    boolean replace = false;
    for (int i = 3; i < c.argc(); i++) {
      if (c.is(i, "REPLACE")) {
        replace = true;
      } else if (c.is(i, "DB") && i + 1 < c.argc()) {
        dstDb = (int) dbIndex(c, ++i);
      } else {
        throw RedisError.syntax();
      }
    }
    Bytes from = c.key(1);
    Bytes to = c.key(2);
    if (dstDb == c.dbIndex() && from.equals(to)) {
      throw new RedisError("ERR source and destination objects are the same");
    }
    RedisValue v = c.db().get(from);
    if (v == null) {
      return Replies.integer(0);
    }
    Database dst = c.server().keyspace().db(dstDb);
    if (dst.exists(to)) {
      if (!replace) {
        return Replies.integer(0);
      }
      dst.delete(to);
    }
    long when = c.db().expireAt(from);
    dst.put(to, v.copy(), false);
    if (when >= 0) {
      dst.setExpireAt(to, when);
    }
    c.server().notify(NOTIFY_GENERIC, "copy_to", dstDb, to);
    return Replies.integer(1);
  }

  static long dbIndex(Call c, int i) {
    long db = c.longArg(i, "ERR value is not an integer or out of range");
    if (db < 0 || db >= c.server().keyspace().count()) {
      throw new RedisError("ERR DB index is out of range");
    }
    return db;
  }

  private static RespValue move(Call c) {
    long target = c.longArg(2, "ERR value is not an integer or out of range");
    if (target < 0 || target >= c.server().keyspace().count()) {
      throw new RedisError("ERR DB index is out of range");
    }
    if (target == c.dbIndex()) {
      throw new RedisError("ERR source and destination objects are the same");
    }
    Bytes key = c.key(1);
    RedisValue v = c.db().get(key);
    if (v == null) {
      return Replies.integer(0);
    }
    Database dst = c.server().keyspace().db((int) target);
    if (dst.exists(key)) {
      return Replies.integer(0);
    }
    long when = c.db().expireAt(key);
    c.db().delete(key);
    dst.put(key, v, false);
    if (when >= 0) {
      dst.setExpireAt(key, when);
    }
    c.notify(NOTIFY_GENERIC, "move_from", key);
    c.server().notify(NOTIFY_GENERIC, "move_to", (int) target, key);
    return Replies.integer(1);
  }

  private static RespValue expire(Call c, long unit, boolean absolute) {
    String name = CommandTable.commandName(c.arg(0));
    long value = c.longArg(2);
    boolean nx = false;
    boolean xx = false;
    boolean gt = false;
    boolean lt = false;
    for (int i = 3; i < c.argc(); i++) {
      String o = c.option(i);
      switch (o) {
        case "NX": nx = true; break;
        case "XX": xx = true; break;
        case "GT": gt = true; break;
        case "LT": lt = true; break;
        default: throw new RedisError("ERR Unsupported option " + c.str(i));
      }
    }
    if (nx && (xx || gt || lt)) {
      throw new RedisError("ERR NX and XX, GT or LT options at the same time are not compatible");
    }
    if (gt && lt) {
      throw new RedisError("ERR GT and LT options at the same time are not compatible");
    }
    long now = c.server().now();
    long when;
    try {
      when = Math.multiplyExact(value, unit);
      if (!absolute) {
        when = Math.addExact(when, now);
      }
    } catch (ArithmeticException e) {
      throw new RedisError("ERR invalid expire time in '" + name + "' command");
    }
    Bytes key = c.key(1);
    if (c.db().get(key) == null) {
      return Replies.integer(0);
    }
    long current = c.db().expireAt(key);
    if (nx && current >= 0 || xx && current < 0) {
      return Replies.integer(0);
    }
    if (gt && (current < 0 || when <= current)) {
      return Replies.integer(0);
    }
    if (lt && current >= 0 && when >= current) {
      return Replies.integer(0);
    }
    if (when <= now) {
      c.db().delete(key);
      c.notify(NOTIFY_GENERIC, "del", key);
      c.propagateAs(bytes("DEL"), c.arg(1));
      return Replies.integer(1);
    }
    c.db().setExpireAt(key, when);
    c.modified(key);
    c.notify(NOTIFY_GENERIC, "expire", key);
    byte[][] args = c.argv().clone();
    args[0] = bytes("PEXPIREAT");
    args[2] = Numbers.format(when);
    c.propagateAs(args);
    return Replies.integer(1);
  }

  private static RespValue ttl(Call c, boolean millis) {
    Bytes key = c.key(1);
    if (c.read(key) == null) {
      return Replies.integer(-2);
    }
    long when = c.db().expireAt(key);
    if (when < 0) {
      return Replies.integer(-1);
    }
    long left = Math.max(0, when - c.server().now());
    return Replies.integer(millis ? left : (left + 500) / 1000);
  }

  private static RespValue expiretime(Call c, boolean millis) {
    Bytes key = c.key(1);
    if (c.read(key) == null) {
      return Replies.integer(-2);
    }
    long when = c.db().expireAt(key);
    if (when < 0) {
      return Replies.integer(-1);
    }
    return Replies.integer(millis ? when : when / 1000);
  }
}
