package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_ZSET;

import static io.vigil.testkit.server.command.Call.bytes;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.ZSetValue;
import java.util.ArrayList;
import java.util.List;

/** ZPOPMIN/ZPOPMAX, their blocking forms BZPOPMIN/BZPOPMAX, and ZMPOP/BZMPOP. */
final class ZSetPops {

  private ZSetPops() {}

  static RespValue pop(Call c, boolean min) {
    if (c.argc() > 3) {
      throw RedisError.syntax();
    }
    long count = 1;
    boolean hasCount = c.argc() == 3;
    if (hasCount) {
      count = c.longArg(2, "ERR value is out of range, must be positive");
      if (count < 0) {
        throw new RedisError("ERR value is out of range, must be positive");
      }
    }
    Bytes key = c.key(1);
    ZSetValue z = c.lookupWrite(key, ZSetValue.class);
    if (z == null || count == 0) {
      return RespArray.EMPTY;
    }
    List<ZSetValue.Entry> popped = popEntries(z, min, count);
    c.notify(NOTIFY_ZSET, min ? "zpopmin" : "zpopmax", key);
    ZSetCommands.afterRemove(c, key, z);
    if (c.resp3() && hasCount) {
      return ZSetCommands.entries(c, popped, true);
    }
    List<RespValue> flat = new ArrayList<>();
    for (ZSetValue.Entry e : popped) {
      flat.add(RespBulkString.of(e.member().bytes()));
      flat.add(new RespDouble(e.score()));
    }
    return new RespArray(flat);
  }

  private static List<ZSetValue.Entry> popEntries(ZSetValue z, boolean min, long count) {
    List<ZSetValue.Entry> popped = new ArrayList<>();
    while (popped.size() < count && z.size() > 0) {
      ZSetValue.Entry e = min ? z.entries().first() : z.entries().last();
      z.remove(e.member());
      popped.add(e);
    }
    return popped;
  }

  static RespValue bpop(Call c, boolean min) {
    long timeout = ListCommands.timeout(c, c.argc() - 1);
    List<Bytes> keys = c.keys(1, c.argc() - 1);
    for (Bytes key : keys) {
      ZSetValue z = c.lookupWrite(key, ZSetValue.class);
      if (z != null) {
        ZSetValue.Entry e = popEntries(z, min, 1).get(0);
        c.notify(NOTIFY_ZSET, min ? "zpopmin" : "zpopmax", key);
        ZSetCommands.afterRemove(c, key, z);
        c.propagateAs(bytes(min ? "ZPOPMIN" : "ZPOPMAX"), key.bytes());
        return RespArray.of(RespBulkString.of(key.bytes()), RespBulkString.of(e.member().bytes()),
            new RespDouble(e.score()));
      }
    }
    if (c.inExec()) {
      return RespNull.ARRAY;
    }
    ServerContext server = c.server();
    int db = c.dbIndex();
    server.blocking.block(c.session(), db, keys, timeout, RespNull.ARRAY, key -> {
      if (!(server.keyspace().db(db).get(key) instanceof ZSetValue z)) {
        return null;
      }
      ZSetValue.Entry e = popEntries(z, min, 1).get(0);
      server.notify(NOTIFY_ZSET, min ? "zpopmin" : "zpopmax", db, key);
      if (z.size() == 0) {
        server.keyspace().db(db).delete(key);
        server.notify(NOTIFY_GENERIC, "del", db, key);
      } else {
        server.keyModified(db, key);
      }
      server.propagate(db, List.of(bytes(min ? "ZPOPMIN" : "ZPOPMAX"), key.bytes()));
      return RespArray.of(RespBulkString.of(key.bytes()), RespBulkString.of(e.member().bytes()),
          new RespDouble(e.score()));
    });
    return null;
  }

  static RespValue zmpop(Call c, int numkeysIndex, boolean blocking) {
    long timeout = blocking ? ListCommands.timeout(c, 1) : 0;
    MultiPop args = MultiPop.parse(c, numkeysIndex, "MIN", "MAX");
    List<Bytes> keys = args.keys();
    boolean min = args.first();
    long n = args.count();
    ServerContext server = c.server();
    int db = c.dbIndex();
    for (Bytes key : keys) {
      ZSetValue z = c.lookupWrite(key, ZSetValue.class);
      if (z != null) {
        return mpopFrom(server, db, key, z, min, n, c);
      }
    }
    if (!blocking || c.inExec()) {
      return RespNull.ARRAY;
    }
    server.blocking.block(c.session(), db, keys, timeout, RespNull.ARRAY, key -> {
      if (!(server.keyspace().db(db).get(key) instanceof ZSetValue z)) {
        return null;
      }
      return mpopFrom(server, db, key, z, min, n, null);
    });
    return null;
  }

  private static RespValue mpopFrom(ServerContext server, int db, Bytes key, ZSetValue z,
      boolean min, long count, Call c) {
    List<ZSetValue.Entry> popped = popEntries(z, min, count);
    byte[][] prop = {bytes(min ? "ZPOPMIN" : "ZPOPMAX"), key.bytes(), Numbers.format(popped.size())};
    MultiPop.afterPop(server, db, key, NOTIFY_ZSET, min ? "zpopmin" : "zpopmax", z.size() == 0, prop, c);
    List<RespValue> pairs = new ArrayList<>();
    for (ZSetValue.Entry e : popped) {
      pairs.add(RespArray.of(RespBulkString.of(e.member().bytes()), new RespDouble(e.score())));
    }
    return RespArray.of(RespBulkString.of(key.bytes()), new RespArray(pairs));
  }
}
