package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_HASH;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.HashValue;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.pubsub.GlobMatcher;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Hash commands. */
final class HashCommands {

  private HashCommands() {}

  static void install(CommandTable t) {
    t.add("hset", c -> Replies.integer(hset(c, "hset")));
    t.add("hmset", c -> {
      hset(c, "hmset");
      return RespSimpleString.OK;
    });
    t.add("hsetnx", c -> {
      HashValue h = c.lookupWrite(c.key(1), HashValue.class);
      if (h != null && h.fields().containsKey(c.key(2))) {
        return Replies.integer(0);
      }
      if (h == null) {
        h = new HashValue();
        h.put(c.key(2), c.arg(3), c.server());
        c.db().put(c.key(1), h, false);
      } else {
        h.put(c.key(2), c.arg(3), c.server());
        c.modified(c.key(1));
      }
      c.notify(NOTIFY_HASH, "hset", c.key(1));
      return Replies.integer(1);
    });
    t.add("hget", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      return h == null ? RespNull.BULK : Replies.bulk(h.fields().get(c.key(2)));
    });
    t.add("hmget", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      List<RespValue> out = new ArrayList<>();
      for (int i = 2; i < c.argc(); i++) {
        out.add(h == null ? RespNull.BULK : Replies.bulk(h.fields().get(c.key(i))));
      }
      return new RespArray(out);
    });
    t.add("hdel", c -> {
      HashValue h = c.lookupWrite(c.key(1), HashValue.class);
      if (h == null) {
        return Replies.integer(0);
      }
      long n = 0;
      for (int i = 2; i < c.argc(); i++) {
        if (h.fields().remove(c.key(i)) != null) {
          n++;
        }
      }
      if (n > 0) {
        c.notify(NOTIFY_HASH, "hdel", c.key(1));
        if (h.fields().isEmpty()) {
          c.db().delete(c.key(1));
          c.notify(NOTIFY_GENERIC, "del", c.key(1));
        } else {
          c.modified(c.key(1));
        }
      }
      return Replies.integer(n);
    });
    t.add("hlen", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      return Replies.integer(h == null ? 0 : h.fields().size());
    });
    t.add("hstrlen", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      byte[] v = h == null ? null : h.fields().get(c.key(2));
      return Replies.integer(v == null ? 0 : v.length);
    });
    t.add("hexists", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      return Replies.bool(h != null && h.fields().containsKey(c.key(2)));
    });
    t.add("hkeys", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      return h == null ? RespArray.EMPTY : Replies.array(h.fields().keySet());
    });
    t.add("hvals", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      return h == null ? RespArray.EMPTY : Replies.arrayOfBytes(h.fields().values());
    });
    t.add("hgetall", c -> {
      HashValue h = c.read(c.key(1), HashValue.class);
      List<RespValue> kv = new ArrayList<>();
      if (h != null) {
        for (Map.Entry<Bytes, byte[]> e : h.fields().entrySet()) {
          kv.add(RespBulkString.of(e.getKey().bytes()));
          kv.add(RespBulkString.of(e.getValue()));
        }
      }
      return new RespMap(kv);
    });
    t.add("hincrby", HashCommands::hincrby);
    t.add("hincrbyfloat", HashCommands::hincrbyfloat);
    t.add("hrandfield", HashCommands::hrandfield);
    t.add("hscan", HashCommands::hscan);
  }

  private static long hset(Call c, String name) {
    if (c.argc() % 2 != 0) {
      throw new RedisError("ERR wrong number of arguments for '" + name + "' command");
    }
    Bytes key = c.key(1);
    HashValue h = c.lookupWrite(key, HashValue.class);
    boolean created = h == null;
    if (created) {
      h = new HashValue();
    }
    long added = 0;
    for (int i = 2; i < c.argc(); i += 2) {
      if (h.put(c.key(i), c.arg(i + 1), c.server())) {
        added++;
      }
    }
    if (created) {
      c.db().put(key, h, false);
    } else {
      c.modified(key);
    }
    c.notify(NOTIFY_HASH, "hset", key);
    return added;
  }

  private static HashValue hashForWrite(Call c) {
    HashValue h = c.lookupWrite(c.key(1), HashValue.class);
    if (h == null) {
      h = new HashValue();
      c.db().put(c.key(1), h, false);
    }
    return h;
  }

  private static RespValue hincrby(Call c) {
    long by = c.longArg(3);
    HashValue existing = c.lookupWrite(c.key(1), HashValue.class);
    long cur = 0;
    byte[] old = existing == null ? null : existing.fields().get(c.key(2));
    if (old != null) {
      Long p = Numbers.parseLong(old);
      if (p == null) {
        throw new RedisError("ERR hash value is not an integer");
      }
      cur = p;
    }
    if ((by < 0 && cur < 0 && by < Long.MIN_VALUE - cur) || (by > 0 && cur > 0 && by > Long.MAX_VALUE - cur)) {
      throw new RedisError("ERR increment or decrement would overflow");
    }
    HashValue h = hashForWrite(c);
    h.put(c.key(2), Numbers.format(cur + by), c.server());
    c.modified(c.key(1));
    c.notify(NOTIFY_HASH, "hincrby", c.key(1));
    return Replies.integer(cur + by);
  }

  private static RespValue hincrbyfloat(Call c) {
    BigDecimal by = Numbers.parseDecimal(c.arg(3));
    if (by == null) {
      Double d = Numbers.parseDouble(c.arg(3));
      if (d != null && d.isInfinite()) {
        throw new RedisError("ERR increment would produce NaN or Infinity");
      }
      throw new RedisError(RedisError.NOT_FLOAT);
    }
    HashValue existing = c.lookupWrite(c.key(1), HashValue.class);
    BigDecimal cur = BigDecimal.ZERO;
    byte[] old = existing == null ? null : existing.fields().get(c.key(2));
    if (old != null) {
      cur = Numbers.parseDecimal(old);
      if (cur == null) {
        throw new RedisError("ERR hash value is not a float");
      }
    }
    byte[] result = Numbers.formatHuman(Numbers.toLongDouble(cur.add(by)));
    HashValue h = hashForWrite(c);
    h.put(c.key(2), result, c.server());
    c.modified(c.key(1));
    c.notify(NOTIFY_HASH, "hincrbyfloat", c.key(1));
    c.propagateAs(bytes("HSET"), c.arg(1), c.arg(2), result);
    return Replies.bulk(result);
  }

  private static RespValue hrandfield(Call c) {
    if (c.argc() >= 3) {
      c.longArg(2); // Redis parses the count before it looks the key up
    }
    HashValue h = c.read(c.key(1), HashValue.class);
    if (c.argc() == 2) {
      if (h == null) {
        return RespNull.BULK;
      }
      List<Bytes> keys = new ArrayList<>(h.fields().keySet());
      return Replies.bulk(keys.get(ThreadLocalRandom.current().nextInt(keys.size())));
    }
    long count = c.longArg(2);
    boolean withValues = false;
    if (c.argc() == 4) {
      if (!c.is(3, "WITHVALUES")) {
        throw RedisError.syntax();
      }
      withValues = true;
    } else if (c.argc() > 4) {
      throw RedisError.syntax();
    }
    if (h == null || count == 0) {
      return RespArray.EMPTY;
    }
    List<Bytes> keys = new ArrayList<>(h.fields().keySet());
    List<Bytes> picked = Sampling.pick(keys, count);
    List<RespValue> out = new ArrayList<>();
    for (Bytes k : picked) {
      if (withValues && c.resp3()) {
        out.add(RespArray.of(RespBulkString.of(k.bytes()), RespBulkString.of(h.fields().get(k))));
      } else {
        out.add(RespBulkString.of(k.bytes()));
        if (withValues) {
          out.add(RespBulkString.of(h.fields().get(k)));
        }
      }
    }
    return new RespArray(out);
  }

  private static RespValue hscan(Call c) {
    long cursor = KeyCommands.scanCursor(c, 2);
    ScanOptions o = ScanOptions.parse(c, 3);
    HashValue h = c.read(c.key(1), HashValue.class);
    List<RespValue> out = new ArrayList<>();
    long next = 0;
    if (h != null) {
      List<Bytes> picked = new ArrayList<>();
      if (h.encoding().equals("listpack")) {
        picked.addAll(h.fields().keySet());
      } else {
        next = KeyCommands.page(new ArrayList<>(h.fields().keySet()), cursor, o.count, picked);
      }
      for (Bytes k : picked) {
        if (o.match == null || GlobMatcher.matches(o.match, k.bytes(), false)) {
          out.add(RespBulkString.of(k.bytes()));
          out.add(RespBulkString.of(h.fields().get(k)));
        }
      }
    }
    return RespArray.of(Replies.bulk(Long.toString(next)), new RespArray(out));
  }
}
