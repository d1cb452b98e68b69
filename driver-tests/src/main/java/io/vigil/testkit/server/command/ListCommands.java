package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_LIST;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Database;
import io.vigil.testkit.server.keyspace.ListValue;
import io.vigil.testkit.server.keyspace.Numbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** List commands, including the blocking ones (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP). */
final class ListCommands {

  private ListCommands() {}

  static void install(CommandTable t) {
    t.add("lpush", c -> push(c, true, false));
    t.add("rpush", c -> push(c, false, false));
    t.add("lpushx", c -> push(c, true, true));
    t.add("rpushx", c -> push(c, false, true));
    t.add("lpop", c -> pop(c, true));
    t.add("rpop", c -> pop(c, false));
    t.add("llen", c -> {
      ListValue l = c.read(c.key(1), ListValue.class);
      return Replies.integer(l == null ? 0 : l.size());
    });
    t.add("lindex", c -> {
      var l = c.read(c.key(1), ListValue.class); // Redis looks the key up before the index
      if (l == null) {
        return RespNull.BULK;
      }
      long index = c.longArg(2);
      if (index < 0) {
        index += l.size();
      }
      return index < 0 || index >= l.size() ? RespNull.BULK : Replies.bulk(l.get((int) index));
    });
    t.add("lset", c -> {
      var l = c.lookupWrite(c.key(1), ListValue.class);
      if (l == null) {
        throw new RedisError("ERR no such key");
      }
      long index = c.longArg(2);
      if (index < 0) {
        index += l.size();
      }
      if (index < 0 || index >= l.size()) {
        throw new RedisError("ERR index out of range");
      }
      l.set((int) index, c.arg(3));
      c.modified(c.key(1));
      c.notify(NOTIFY_LIST, "lset", c.key(1));
      return RespSimpleString.OK;
    });
    t.add("lrange", c -> {
      long start = c.longArg(2);
      long end = c.longArg(3);
      var l = c.read(c.key(1), ListValue.class);
      if (l == null) {
        return RespArray.EMPTY;
      }
      long[] r = clamp(start, end, l.size());
      List<RespValue> out = new ArrayList<>();
      for (long i = r[0]; i <= r[1]; i++) {
        out.add(RespBulkString.of(l.get((int) i)));
      }
      return new RespArray(out);
    });
    t.add("ltrim", c -> {
      long start = c.longArg(2);
      long end = c.longArg(3);
      var l = c.lookupWrite(c.key(1), ListValue.class);
      if (l == null) {
        return RespSimpleString.OK;
      }
      long[] r = clamp(start, end, l.size());
      c.notify(NOTIFY_LIST, "ltrim", c.key(1));
      if (r[0] > r[1]) {
        c.db().delete(c.key(1));
        c.notify(NOTIFY_GENERIC, "del", c.key(1));
      } else {
        l.trim((int) r[0], (int) r[1]);
        c.modified(c.key(1));
      }
      return RespSimpleString.OK;
    });
    t.add("lrem", ListCommands::lrem);
    t.add("linsert", ListCommands::linsert);
    t.add("lpos", ListCommands::lpos);
    t.add("lmove", c -> {
      boolean fromLeft = side(c, 3);
      boolean toLeft = side(c, 4);
      return move(c, c.key(1), c.key(2), fromLeft, toLeft);
    });
    t.add("rpoplpush", c -> move(c, c.key(1), c.key(2), false, true));
    t.add("lmpop", c -> lmpop(c, 1, false));
    t.add("blpop", c -> bpop(c, true));
    t.add("brpop", c -> bpop(c, false));
    t.add("blmove", c -> {
      boolean fromLeft = side(c, 3);
      boolean toLeft = side(c, 4);
      return bmove(c, fromLeft, toLeft, 5);
    });
    t.add("brpoplpush", c -> bmove(c, false, true, 3));
    t.add("blmpop", c -> lmpop(c, 2, true));
  }

  static ListValue list(Call c, Bytes key) {
    return c.lookupWrite(key, ListValue.class);
  }

  /** Clamps LRANGE-style indices; returns {start, end} (start > end when empty). */
  static long[] clamp(long start, long end, long size) {
    if (start < 0) {
      start = size + start;
    }
    if (end < 0) {
      end = size + end;
    }
    if (start < 0) {
      start = 0;
    }
    if (start > end || start >= size) {
      return new long[] {1, 0};
    }
    if (end >= size) {
      end = size - 1;
    }
    return new long[] {start, end};
  }

  private static boolean side(Call c, int i) {
    if (c.is(i, "LEFT")) {
      return true;
    }
    if (c.is(i, "RIGHT")) {
      return false;
    }
    throw RedisError.syntax();
  }

  private static RespValue push(Call c, boolean left, boolean onlyExisting) {
    Bytes key = c.key(1);
    var l = list(c, key);
    if (l == null) {
      if (onlyExisting) {
        return RespInteger.ZERO;
      }
      l = new ListValue();
      for (int i = 2; i < c.argc(); i++) {
        if (left) {
          l.addFirst(c.arg(i));
        } else {
          l.addLast(c.arg(i));
        }
      }
      c.db().put(key, l, false);
      c.notify(NOTIFY_LIST, left ? "lpush" : "rpush", key);
      return Replies.integer(l.size());
    }
    for (int i = 2; i < c.argc(); i++) {
      if (left) {
        l.addFirst(c.arg(i));
      } else {
        l.addLast(c.arg(i));
      }
    }
    c.modified(key);
    c.ready(key);
    c.notify(NOTIFY_LIST, left ? "lpush" : "rpush", key);
    return Replies.integer(l.size());
  }

  private static RespValue pop(Call c, boolean left) {
    Bytes key = c.key(1);
    if (c.argc() > 3) {
      throw new RedisError("ERR wrong number of arguments for '" + (left ? "lpop" : "rpop") + "' command");
    }
    long count = -1;
    if (c.argc() == 3) {
      count = c.longArg(2, "ERR value is out of range, must be positive");
      if (count < 0) {
        throw new RedisError("ERR value is out of range, must be positive");
      }
    }
    var l = list(c, key);
    if (l == null) {
      return count >= 0 ? RespNull.ARRAY : RespNull.BULK;
    }
    if (count < 0) {
      byte[] v = left ? l.removeFirst() : l.removeLast();
      c.notify(NOTIFY_LIST, left ? "lpop" : "rpop", key);
      afterPop(c.db(), key, l, c);
      return Replies.bulk(v);
    }
    List<RespValue> out = new ArrayList<>();
    for (long i = 0; i < count && l.size() > 0; i++) {
      out.add(RespBulkString.of(left ? l.removeFirst() : l.removeLast()));
    }
    if (!out.isEmpty()) {
      c.notify(NOTIFY_LIST, left ? "lpop" : "rpop", key);
      afterPop(c.db(), key, l, c);
    }
    return new RespArray(out);
  }

  private static void afterPop(Database db, Bytes key, ListValue l, Call c) {
    if (l.size() == 0) {
      db.delete(key);
      c.notify(NOTIFY_GENERIC, "del", key);
    } else {
      c.modified(key);
    }
  }

  private static RespValue lrem(Call c) {
    long count = c.longArg(2);
    Bytes key = c.key(1);
    var l = list(c, key);
    if (l == null) {
      return RespInteger.ZERO;
    }
    byte[] target = c.arg(3);
    long removed = 0;
    if (count >= 0) {
      for (int i = 0; i < l.size() && (count == 0 || removed < count); ) {
        if (Arrays.equals(l.get(i), target)) {
          l.remove(i);
          removed++;
        } else {
          i++;
        }
      }
    } else {
      for (int i = l.size() - 1; i >= 0 && removed < -count; i--) {
        if (Arrays.equals(l.get(i), target)) {
          l.remove(i);
          removed++;
        }
      }
    }
    if (removed > 0) {
      c.notify(NOTIFY_LIST, "lrem", key);
      afterPop(c.db(), key, l, c);
    }
    return Replies.integer(removed);
  }

  private static RespValue linsert(Call c) {
    boolean before;
    if (c.is(2, "BEFORE")) {
      before = true;
    } else if (c.is(2, "AFTER")) {
      before = false;
    } else {
      throw RedisError.syntax();
    }
    Bytes key = c.key(1);
    var l = list(c, key);
    if (l == null) {
      return RespInteger.ZERO;
    }
    for (int i = 0; i < l.size(); i++) {
      if (Arrays.equals(l.get(i), c.arg(3))) {
        l.insert(before ? i : i + 1, c.arg(4));
        c.modified(key);
        c.notify(NOTIFY_LIST, "linsert", key);
        return Replies.integer(l.size());
      }
    }
    return Replies.integer(-1);
  }

  private static RespValue lpos(Call c) {
    long rank = 1;
    long count = -1;
    long maxlen = 0;
    for (int i = 3; i < c.argc(); i++) {
      if (c.is(i, "RANK") && i + 1 < c.argc()) {
        rank = c.longArg(++i);
        if (rank == 0) {
          throw new RedisError("ERR RANK can't be zero: use 1 to start from the first match, 2 from "
              + "the second ... or use negative to start from the end of the list");
        }
        if (rank == Long.MIN_VALUE) {
          throw new RedisError("ERR value is out of range");
        }
      } else if (c.is(i, "COUNT") && i + 1 < c.argc()) {
        count = c.longArg(++i);
        if (count < 0) {
          throw new RedisError("ERR COUNT can't be negative");
        }
      } else if (c.is(i, "MAXLEN") && i + 1 < c.argc()) {
        maxlen = c.longArg(++i);
        if (maxlen < 0) {
          throw new RedisError("ERR MAXLEN can't be negative");
        }
      } else {
        throw RedisError.syntax();
      }
    }
    var l = c.read(c.key(1), ListValue.class);
    if (l == null) {
      return count >= 0 ? RespArray.EMPTY : RespNull.BULK;
    }
    List<RespValue> found = new ArrayList<>();
    int n = l.size();
    long skip = Math.abs(rank) - 1;
    long want = count < 0 ? 1 : (count == 0 ? Long.MAX_VALUE : count);
    for (int step = 0; step < n && (maxlen == 0 || step < maxlen) && found.size() < want; step++) {
      int i = rank > 0 ? step : n - 1 - step;
      if (Arrays.equals(l.get(i), c.arg(2))) {
        if (skip > 0) {
          skip--;
        } else {
          found.add(RespInteger.of(i));
        }
      }
    }
    if (count < 0) {
      return found.isEmpty() ? RespNull.BULK : found.get(0);
    }
    return new RespArray(found);
  }

  /**
   * LMOVE core; returns the moved element or a null bulk. Notifications follow Redis: the push
   * on the destination, then the pop on the source, then the source's deletion.
   */
  static RespValue move(Call c, Bytes from, Bytes to, boolean fromLeft, boolean toLeft) {
    var src = list(c, from);
    if (src == null) {
      return RespNull.BULK;
    }
    var dst = list(c, to); // WRONGTYPE before popping, as Redis
    byte[] v = fromLeft ? src.removeFirst() : src.removeLast();
    boolean srcEmptied = src.size() == 0;
    if (dst == null || (from.equals(to) && srcEmptied)) {
      dst = new ListValue();
      if (toLeft) {
        dst.addFirst(v);
      } else {
        dst.addLast(v);
      }
      if (!from.equals(to) && srcEmptied) {
        c.db().delete(from);
      }
      // rotating a one-element list in place keeps its time to live, as Redis
      c.db().put(to, dst, from.equals(to));
    } else {
      if (toLeft) {
        dst.addFirst(v);
      } else {
        dst.addLast(v);
      }
      if (srcEmptied) {
        c.db().delete(from);
      }
      c.modified(to);
      c.ready(to);
    }
    c.notify(NOTIFY_LIST, toLeft ? "lpush" : "rpush", to);
    c.notify(NOTIFY_LIST, fromLeft ? "lpop" : "rpop", from);
    if (srcEmptied && !from.equals(to)) {
      c.notify(NOTIFY_GENERIC, "del", from);
    } else if (!srcEmptied) {
      c.modified(from);
    }
    return Replies.bulk(v);
  }

  /** Parses a blocking timeout in seconds (a float) into milliseconds; 0 means forever. */
  static long timeout(Call c, int i) {
    Double d = Numbers.parseDouble(c.arg(i));
    if (d == null || d.isInfinite() || d * 1000 > Long.MAX_VALUE / 2) {
      throw new RedisError("ERR timeout is not a float or out of range");
    }
    if (d < 0) {
      throw new RedisError("ERR timeout is negative");
    }
    long ms = (long) Math.ceil(d * 1000);
    return ms;
  }

  private static RespValue bpop(Call c, boolean left) {
    long timeout = timeout(c, c.argc() - 1);
    List<Bytes> keys = c.keys(1, c.argc() - 1);
    for (Bytes key : keys) {
      var l = list(c, key);
      if (l != null) {
        return popServed(c, key, l, left);
      }
    }
    if (c.inExec()) {
      return RespNull.ARRAY;
    }
    ClientSession s = c.session();
    int db = c.dbIndex();
    ServerContext server = c.server();
    server.blocking.block(s, db, keys, timeout, RespNull.ARRAY, key -> {
      var l = server.keyspace().db(db).get(key);
      if (!(l instanceof ListValue list)) {
        return null;
      }
      byte[] v = left ? list.removeFirst() : list.removeLast();
      server.notify(NOTIFY_LIST, left ? "lpop" : "rpop", db, key);
      if (list.size() == 0) {
        server.keyspace().db(db).delete(key);
        server.notify(NOTIFY_GENERIC, "del", db, key);
      } else {
        server.keyModified(db, key);
      }
      server.propagate(db, List.of(bytes(left ? "LPOP" : "RPOP"), key.bytes()));
      return RespArray.of(RespBulkString.of(key.bytes()), RespBulkString.of(v));
    });
    return null;
  }

  private static RespValue popServed(Call c, Bytes key, ListValue l, boolean left) {
    byte[] v = left ? l.removeFirst() : l.removeLast();
    c.notify(NOTIFY_LIST, left ? "lpop" : "rpop", key);
    afterPop(c.db(), key, l, c);
    c.propagateAs(bytes(left ? "LPOP" : "RPOP"), key.bytes());
    return RespArray.of(RespBulkString.of(key.bytes()), RespBulkString.of(v));
  }

  private static RespValue bmove(Call c, boolean fromLeft, boolean toLeft, int timeoutIndex) {
    long timeout = timeout(c, timeoutIndex);
    Bytes from = c.key(1);
    Bytes to = c.key(2);
    if (list(c, from) != null) {
      RespValue r = move(c, from, to, fromLeft, toLeft);
      c.propagateAs(bytes("LMOVE"), from.bytes(), to.bytes(), bytes(fromLeft ? "LEFT" : "RIGHT"),
          bytes(toLeft ? "LEFT" : "RIGHT"));
      return r;
    }
    if (c.inExec()) {
      return RespNull.BULK;
    }
    ServerContext server = c.server();
    int db = c.dbIndex();
    ClientSession s = c.session();
    server.blocking.block(s, db, List.of(from), timeout, RespNull.ARRAY, key -> {
      Database d = server.keyspace().db(db);
      if (!(d.get(from) instanceof ListValue)) {
        return null;
      }
      var dstValue = d.get(to);
      if (dstValue != null && !(dstValue instanceof ListValue)) {
        return RespNull.BULK; // Redis answers WRONGTYPE here; keep the client unblocked
      }
      Call inner = new Call(server, s, c.argv(), c.command(), true);
      RespValue r = move(inner, from, to, fromLeft, toLeft);
      server.propagate(db, List.of(bytes("LMOVE"), from.bytes(), to.bytes(),
          bytes(fromLeft ? "LEFT" : "RIGHT"), bytes(toLeft ? "LEFT" : "RIGHT")));
      return r;
    });
    return null;
  }

  private static RespValue lmpop(Call c, int numkeysIndex, boolean blocking) {
    long timeout = blocking ? timeout(c, 1) : 0;
    MultiPop args = MultiPop.parse(c, numkeysIndex, "LEFT", "RIGHT");
    List<Bytes> keys = args.keys();
    boolean left = args.first();
    long n = args.count();
    for (Bytes key : keys) {
      var l = list(c, key);
      if (l != null) {
        return mpopFrom(c.server(), c.dbIndex(), key, l, left, n, c);
      }
    }
    if (!blocking || c.inExec()) {
      return RespNull.ARRAY;
    }
    ServerContext server = c.server();
    int db = c.dbIndex();
    server.blocking.block(c.session(), db, keys, timeout, RespNull.ARRAY, key -> {
      var v = server.keyspace().db(db).get(key);
      if (!(v instanceof ListValue l)) {
        return null;
      }
      return mpopFrom(server, db, key, l, left, n, null);
    });
    return null;
  }

  private static RespValue mpopFrom(ServerContext server, int db, Bytes key,
      ListValue l, boolean left, long count, Call c) {
    List<RespValue> items = new ArrayList<>();
    for (long i = 0; i < count && l.size() > 0; i++) {
      items.add(RespBulkString.of(left ? l.removeFirst() : l.removeLast()));
    }
    byte[][] prop = {bytes(left ? "LPOP" : "RPOP"), key.bytes(), Numbers.format(items.size())};
    MultiPop.afterPop(server, db, key, NOTIFY_LIST, left ? "lpop" : "rpop", l.size() == 0, prop, c);
    return RespArray.of(RespBulkString.of(key.bytes()), new RespArray(items));
  }
}
