package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_STRING;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;

import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.StringValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** String commands: GET, SET and its variants, counters, ranges, MGET/MSET. */
final class StringCommands {

  private static final long MAX_STRING = 512L * 1024 * 1024;

  private StringCommands() {}

  static void install(CommandTable t) {
    t.add("get", c -> {
      StringValue v = c.read(c.key(1), StringValue.class);
      return v == null ? RespNull.BULK : Replies.bulk(v.bytes());
    });
    t.add("set", StringCommands::set);
    t.add("setnx", c -> {
      if (c.db().exists(c.key(1))) {
        return Replies.integer(0);
      }
      c.db().put(c.key(1), StringValue.of(c.arg(2)), false);
      c.notify(NOTIFY_STRING, "set", c.key(1));
      return Replies.integer(1);
    });
    t.add("setex", c -> setex(c, 1000));
    t.add("psetex", c -> setex(c, 1));
    t.add("getset", c -> {
      StringValue old = c.lookupWrite(c.key(1), StringValue.class);
      c.db().put(c.key(1), StringValue.of(c.arg(2)), false);
      c.notify(NOTIFY_STRING, "set", c.key(1));
      c.propagateAs(Call.bytes("SET"), c.arg(1), c.arg(2)); // as Redis 7.0 replicates GETSET
      return old == null ? RespNull.BULK : Replies.bulk(old.bytes());
    });
    t.add("getdel", c -> {
      StringValue old = c.read(c.key(1), StringValue.class);
      if (old == null) {
        return RespNull.BULK;
      }
      c.db().delete(c.key(1));
      c.notify(NOTIFY_GENERIC, "del", c.key(1));
      c.propagateAs(bytes("DEL"), c.arg(1));
      return Replies.bulk(old.bytes());
    });
    t.add("getex", StringCommands::getex);
    t.add("mget", c -> {
      List<RespValue> out = new ArrayList<>(c.argc() - 1);
      for (int i = 1; i < c.argc(); i++) {
        var v = c.read(c.key(i));
        out.add(v instanceof StringValue s ? Replies.bulk(s.bytes()) : RespNull.BULK);
      }
      return new RespArray(out);
    });
    t.add("mset", c -> {
      if (c.argc() % 2 != 1) {
        throw new RedisError("ERR wrong number of arguments for 'mset' command");
      }
      for (int i = 1; i < c.argc(); i += 2) {
        c.db().put(c.key(i), StringValue.of(c.arg(i + 1)), false);
        c.notify(NOTIFY_STRING, "set", c.key(i));
      }
      return RespSimpleString.OK;
    });
    t.add("msetnx", c -> {
      if (c.argc() % 2 != 1) {
        throw new RedisError("ERR wrong number of arguments for 'msetnx' command");
      }
      for (int i = 1; i < c.argc(); i += 2) {
        if (c.db().exists(c.key(i))) {
          return Replies.integer(0);
        }
      }
      for (int i = 1; i < c.argc(); i += 2) {
        c.db().put(c.key(i), StringValue.of(c.arg(i + 1)), false);
        c.notify(NOTIFY_STRING, "set", c.key(i));
      }
      return Replies.integer(1);
    });
    t.add("append", c -> {
      StringValue old = c.lookupWrite(c.key(1), StringValue.class);
      byte[] add = c.arg(2);
      if (old == null) {
        c.db().put(c.key(1), StringValue.of(add), false);
        c.notify(NOTIFY_STRING, "append", c.key(1));
        return Replies.integer(add.length);
      }
      checkSize((long) old.bytes().length + add.length);
      byte[] joined = java.util.Arrays.copyOf(old.bytes(), old.bytes().length + add.length);
      System.arraycopy(add, 0, joined, old.bytes().length, add.length);
      c.db().put(c.key(1), StringValue.ofRaw(joined), true);
      c.notify(NOTIFY_STRING, "append", c.key(1));
      return Replies.integer(joined.length);
    });
    t.add("strlen", c -> {
      StringValue v = c.read(c.key(1), StringValue.class);
      return Replies.integer(v == null ? 0 : v.bytes().length);
    });
    t.add("getrange", StringCommands::getrange);
    t.add("substr", StringCommands::getrange);
    t.add("setrange", StringCommands::setrange);
    t.add("incr", c -> incrBy(c, 1));
    t.add("decr", c -> incrBy(c, -1));
    t.add("incrby", c -> incrBy(c, c.longArg(2)));
    t.add("decrby", c -> {
      long by = c.longArg(2);
      if (by == Long.MIN_VALUE) {
        throw new RedisError("ERR decrement would overflow");
      }
      return incrBy(c, -by);
    });
    t.add("incrbyfloat", StringCommands::incrByFloat);
  }

  static void checkSize(long size) {
    if (size > MAX_STRING) {
      throw new RedisError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    }
  }

  /** Parsed expiry options shared by SET and GETEX. */
  static final class ExpireOption {
    String unit; // EX, PX, EXAT, PXAT
    long value;

    long absoluteMillis(long now, String command) {
      if (value <= 0) {
        throw new RedisError("ERR invalid expire time in '" + command + "' command");
      }
      long ms;
      try {
        ms = unit.equals("EX") || unit.equals("EXAT") ? Math.multiplyExact(value, 1000L) : value;
        if (unit.equals("EX") || unit.equals("PX")) {
          ms = Math.addExact(ms, now);
        }
      } catch (ArithmeticException e) {
        throw new RedisError("ERR invalid expire time in '" + command + "' command");
      }
      return ms;
    }
  }

  private static RespValue set(Call c) {
    boolean nx = false;
    boolean xx = false;
    boolean get = false;
    boolean keepTtl = false;
    ExpireOption expire = null;
    int getIndex = -1;
    for (int i = 3; i < c.argc(); i++) {
      String o = c.option(i);
      boolean hasNext = i + 1 < c.argc();
      if (o.equals("NX") && !xx) {
        nx = true;
      } else if (o.equals("XX") && !nx) {
        xx = true;
      } else if (o.equals("GET")) {
        get = true;
        getIndex = i;
      } else if (o.equals("KEEPTTL") && expire == null) {
        keepTtl = true;
      } else if ((o.equals("EX") || o.equals("PX") || o.equals("EXAT") || o.equals("PXAT"))
          && expire == null && !keepTtl && hasNext) {
        expire = new ExpireOption();
        expire.unit = o;
        expire.value = c.longArg(++i);
      } else {
        throw RedisError.syntax();
      }
    }
    Bytes key = c.key(1);
    long when = expire == null ? -1 : expire.absoluteMillis(c.server().now(), "set");
    RespValue old = null;
    if (get) {
      StringValue v = c.read(key, StringValue.class);
      old = v == null ? RespNull.BULK : Replies.bulk(v.bytes());
    }
    boolean exists = c.db().exists(key);
    if ((nx && exists) || (xx && !exists)) {
      return get ? old : RespNull.BULK;
    }
    c.db().put(key, StringValue.of(c.arg(2)), keepTtl);
    c.notify(NOTIFY_STRING, "set", key);
    if (expire != null) {
      c.db().setExpireAt(key, when);
      c.notify(NOTIFY_GENERIC, "expire", key);
      c.propagateAs(bytes("SET"), c.arg(1), c.arg(2), bytes("PXAT"), Numbers.format(when));
    } else if (get) {
      List<byte[]> args = new ArrayList<>();
      for (int i = 0; i < c.argc(); i++) {
        if (i != getIndex) {
          args.add(c.arg(i));
        }
      }
      c.propagateAs(args.toArray(new byte[0][]));
    }
    return get ? old : RespSimpleString.OK;
  }

  private static RespValue setex(Call c, long unitMillis) {
    long v = c.longArg(2);
    String name = unitMillis == 1000 ? "setex" : "psetex";
    if (v <= 0) {
      throw new RedisError("ERR invalid expire time in '" + name + "' command");
    }
    long when;
    try {
      when = Math.addExact(Math.multiplyExact(v, unitMillis), c.server().now());
    } catch (ArithmeticException e) {
      throw new RedisError("ERR invalid expire time in '" + name + "' command");
    }
    c.db().put(c.key(1), StringValue.of(c.arg(3)), false);
    c.db().setExpireAt(c.key(1), when);
    c.notify(NOTIFY_STRING, "set", c.key(1));
    c.notify(NOTIFY_GENERIC, "expire", c.key(1));
    c.propagateAs(bytes("SET"), c.arg(1), c.arg(3), bytes("PXAT"), Numbers.format(when));
    return RespSimpleString.OK;
  }

  private static RespValue getex(Call c) {
    ExpireOption expire = null;
    boolean persist = false;
    for (int i = 2; i < c.argc(); i++) {
      String o = c.option(i);
      if ((o.equals("EX") || o.equals("PX") || o.equals("EXAT") || o.equals("PXAT"))
          && expire == null && !persist && i + 1 < c.argc()) {
        expire = new ExpireOption();
        expire.unit = o;
        expire.value = c.longArg(++i);
      } else if (o.equals("PERSIST") && expire == null) {
        persist = true;
      } else {
        throw RedisError.syntax();
      }
    }
    Bytes key = c.key(1);
    StringValue v = c.read(key, StringValue.class);
    if (v == null) {
      return RespNull.BULK;
    }
    if (expire != null) {
      long when = expire.absoluteMillis(c.server().now(), "getex");
      if (when <= c.server().now()) {
        c.db().delete(key);
        c.notify(NOTIFY_GENERIC, "del", key);
        c.propagateAs(bytes("DEL"), c.arg(1));
      } else {
        c.db().setExpireAt(key, when);
        c.modified(key);
        c.notify(NOTIFY_GENERIC, "expire", key);
        c.propagateAs(bytes("PEXPIREAT"), c.arg(1), Numbers.format(when));
      }
    } else if (persist && c.db().removeExpire(key)) {
      c.modified(key);
      c.notify(NOTIFY_GENERIC, "persist", key);
      c.propagateAs(bytes("PERSIST"), c.arg(1));
    }
    return Replies.bulk(v.bytes());
  }

  private static RespValue getrange(Call c) {
    long start = c.longArg(2);
    long end = c.longArg(3);
    StringValue v = c.read(c.key(1), StringValue.class);
    if (v == null) {
      return Replies.bulk(new byte[0]);
    }
    byte[] b = v.bytes();
    long len = b.length;
    if (start < 0 && end < 0 && start > end) {
      return Replies.bulk(new byte[0]);
    }
    if (start < 0) {
      start = len + start;
    }
    if (end < 0) {
      end = len + end;
    }
    if (start < 0) {
      start = 0;
    }
    if (end < 0) {
      end = 0;
    }
    if (end >= len) {
      end = len - 1;
    }
    if (start > end || len == 0) {
      return Replies.bulk(new byte[0]);
    }
    return Replies.bulk(java.util.Arrays.copyOfRange(b, (int) start, (int) end + 1));
  }

  private static RespValue setrange(Call c) {
    long offset = c.longArg(2);
    if (offset < 0) {
      throw new RedisError("ERR offset is out of range");
    }
    byte[] value = c.arg(3);
    Bytes key = c.key(1);
    StringValue old = c.lookupWrite(key, StringValue.class);
    byte[] cur = old == null ? new byte[0] : old.bytes();
    if (value.length == 0) {
      return Replies.integer(cur.length);
    }
    checkSize(offset + value.length);
    int newLen = (int) Math.max(cur.length, offset + value.length);
    byte[] out = java.util.Arrays.copyOf(cur, newLen);
    System.arraycopy(value, 0, out, (int) offset, value.length);
    c.db().put(key, StringValue.ofRaw(out), true);
    c.notify(NOTIFY_STRING, "setrange", key);
    return Replies.integer(out.length);
  }

  private static RespValue incrBy(Call c, long by) {
    Bytes key = c.key(1);
    StringValue v = c.lookupWrite(key, StringValue.class);
    long cur = 0;
    if (v != null) {
      Long parsed = Numbers.parseLong(v.bytes());
      if (parsed == null) {
        throw new RedisError(RedisError.NOT_INTEGER);
      }
      cur = parsed;
    }
    if ((by < 0 && cur < 0 && by < Long.MIN_VALUE - cur) || (by > 0 && cur > 0 && by > Long.MAX_VALUE - cur)) {
      throw new RedisError("ERR increment or decrement would overflow");
    }
    long result = cur + by;
    c.db().put(key, StringValue.of(Numbers.format(result)), true);
    c.notify(NOTIFY_STRING, "incrby", key);
    return Replies.integer(result);
  }

  private static RespValue incrByFloat(Call c) {
    Bytes key = c.key(1);
    StringValue v = c.lookupWrite(key, StringValue.class);
    BigDecimal cur = BigDecimal.ZERO;
    if (v != null) {
      cur = Numbers.parseDecimal(v.bytes());
      if (cur == null) {
        throw new RedisError(RedisError.NOT_FLOAT);
      }
    }
    BigDecimal by = Numbers.parseDecimal(c.arg(2));
    if (by == null) {
      Double d = Numbers.parseDouble(c.arg(2));
      if (d != null && d.isInfinite()) {
        throw new RedisError("ERR increment would produce NaN or Infinity");
      }
      throw new RedisError(RedisError.NOT_FLOAT);
    }
    byte[] result = Numbers.formatHuman(Numbers.toLongDouble(cur.add(by)));
    c.db().put(key, StringValue.ofPlain(result), true);
    c.notify(NOTIFY_STRING, "incrbyfloat", key);
    c.propagateAs(bytes("SET"), c.arg(1), result, bytes("KEEPTTL"));
    return Replies.bulk(result);
  }
}
