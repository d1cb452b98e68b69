package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_SET;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.SetValue;
import io.vigil.testkit.server.pubsub.GlobMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Set commands. */
final class SetCommands {

  private SetCommands() {}

  static void install(CommandTable t) {
    t.add("sadd", c -> {
      Bytes key = c.key(1);
      SetValue s = c.lookupWrite(key, SetValue.class);
      boolean created = s == null;
      if (created) {
        s = new SetValue();
      }
      long added = 0;
      for (int i = 2; i < c.argc(); i++) {
        if (s.add(c.key(i), c.server())) {
          added++;
        }
      }
      if (created) {
        c.db().put(key, s, false);
      } else if (added > 0) {
        c.modified(key);
      }
      if (added > 0) {
        c.notify(NOTIFY_SET, "sadd", key);
      }
      return Replies.integer(added);
    });
    t.add("srem", c -> {
      Bytes key = c.key(1);
      SetValue s = c.lookupWrite(key, SetValue.class);
      if (s == null) {
        return RespInteger.ZERO;
      }
      long removed = 0;
      for (int i = 2; i < c.argc(); i++) {
        if (s.remove(c.key(i))) {
          removed++;
        }
      }
      if (removed > 0) {
        c.notify(NOTIFY_SET, "srem", key);
        afterRemove(c, key, s);
      }
      return Replies.integer(removed);
    });
    t.add("smembers", c -> {
      SetValue s = c.read(c.key(1), SetValue.class);
      return setReply(s == null ? List.of() : s.ordered());
    });
    t.add("sismember", c -> {
      SetValue s = c.read(c.key(1), SetValue.class);
      return Replies.bool(s != null && s.contains(c.key(2)));
    });
    t.add("smismember", c -> {
      SetValue s = c.read(c.key(1), SetValue.class);
      List<RespValue> out = new ArrayList<>();
      for (int i = 2; i < c.argc(); i++) {
        out.add(Replies.bool(s != null && s.contains(c.key(i))));
      }
      return new RespArray(out);
    });
    t.add("scard", c -> {
      SetValue s = c.read(c.key(1), SetValue.class);
      return Replies.integer(s == null ? 0 : s.size());
    });
    t.add("spop", SetCommands::spop);
    t.add("srandmember", SetCommands::srandmember);
    t.add("smove", SetCommands::smove);
    t.add("sinter", c -> setReply(inter(c, c.keys(1, c.argc()), 0).ordered()));
    t.add("sinterstore", c -> store(c, inter(c, c.keys(2, c.argc()), 0), "sinterstore"));
    t.add("sintercard", SetCommands::sintercard);
    t.add("sunion", c -> setReply(unionDiff(c, c.keys(1, c.argc()), false).ordered()));
    t.add("sunionstore", c -> store(c, unionDiff(c, c.keys(2, c.argc()), false), "sunionstore"));
    t.add("sdiff", c -> setReply(unionDiff(c, c.keys(1, c.argc()), true).ordered()));
    t.add("sdiffstore", c -> store(c, unionDiff(c, c.keys(2, c.argc()), true), "sdiffstore"));
    t.add("sscan", SetCommands::sscan);
  }

  static RespValue setReply(List<Bytes> members) {
    List<RespValue> out = new ArrayList<>(members.size());
    for (Bytes b : members) {
      out.add(RespBulkString.of(b.bytes()));
    }
    return new RespSet(out);
  }

  private static void afterRemove(Call c, Bytes key, SetValue s) {
    if (s.size() == 0) {
      c.db().delete(key);
      c.notify(NOTIFY_GENERIC, "del", key);
    } else {
      c.modified(key);
    }
  }

  private static RespValue spop(Call c) {
    Bytes key = c.key(1);
    if (c.argc() > 3) {
      throw RedisError.syntax();
    }
    long count = -1;
    if (c.argc() == 3) {
      count = c.longArg(2, "ERR value is out of range, must be positive");
      if (count < 0) {
        throw new RedisError("ERR value is out of range, must be positive");
      }
    }
    SetValue s = c.lookupWrite(key, SetValue.class);
    if (s == null) {
      return count < 0 ? RespNull.BULK : new RespSet(List.of());
    }
    if (count < 0) {
      List<Bytes> members = s.ordered();
      Bytes m = members.get(ThreadLocalRandom.current().nextInt(members.size()));
      s.remove(m);
      c.notify(NOTIFY_SET, "spop", key);
      afterRemove(c, key, s);
      c.propagateAs(bytes("SREM"), key.bytes(), m.bytes());
      return Replies.bulk(m);
    }
    if (count == 0) {
      return new RespSet(List.of());
    }
    List<Bytes> picked = Sampling.pick(s.ordered(), count);
    for (Bytes m : picked) {
      s.remove(m);
    }
    c.notify(NOTIFY_SET, "spop", key);
    afterRemove(c, key, s);
    if (s.size() == 0) {
      c.propagateAs(bytes("DEL"), key.bytes());
    } else {
      byte[][] args = new byte[picked.size() + 2][];
      args[0] = bytes("SREM");
      args[1] = key.bytes();
      for (int i = 0; i < picked.size(); i++) {
        args[i + 2] = picked.get(i).bytes();
      }
      c.propagateAs(args);
    }
    return setReply(picked);
  }

  private static RespValue srandmember(Call c) {
    if (c.argc() > 3) {
      throw RedisError.syntax();
    }
    if (c.argc() == 3) {
      c.longArg(2); // Redis parses the count before it looks the key up
    }
    SetValue s = c.read(c.key(1), SetValue.class);
    if (c.argc() == 2) {
      if (s == null) {
        return RespNull.BULK;
      }
      List<Bytes> members = s.ordered();
      return Replies.bulk(members.get(ThreadLocalRandom.current().nextInt(members.size())));
    }
    long count = c.longArg(2);
    if (s == null || count == 0) {
      return RespArray.EMPTY;
    }
    return Replies.array(Sampling.pick(s.ordered(), count));
  }

  private static RespValue smove(Call c) {
    Bytes from = c.key(1);
    Bytes to = c.key(2);
    Bytes member = c.key(3);
    SetValue src = c.lookupWrite(from, SetValue.class);
    if (src == null) {
      return RespInteger.ZERO; // Redis answers 0 before looking at the destination's type
    }
    SetValue dst = c.lookupWrite(to, SetValue.class);
    if (!src.contains(member)) {
      return RespInteger.ZERO;
    }
    if (from.equals(to)) {
      return RespInteger.ONE;
    }
    src.remove(member);
    c.notify(NOTIFY_SET, "srem", from);
    afterRemove(c, from, src);
    if (dst == null) {
      dst = new SetValue();
      dst.add(member, c.server());
      c.db().put(to, dst, false);
      c.notify(NOTIFY_SET, "sadd", to);
    } else if (dst.add(member, c.server())) {
      c.modified(to);
      c.notify(NOTIFY_SET, "sadd", to);
    }
    return RespInteger.ONE;
  }

  private static SetValue inter(Call c, List<Bytes> keys, long limit) {
    List<SetValue> sets = new ArrayList<>();
    boolean empty = false;
    for (Bytes k : keys) {
      SetValue s = c.read(k, SetValue.class);
      if (s == null) {
        empty = true;
      } else {
        sets.add(s);
      }
    }
    SetValue result = new SetValue();
    if (empty || sets.isEmpty()) {
      return result;
    }
    sets.sort((a, b) -> Integer.compare(a.size(), b.size()));
    for (Bytes m : sets.get(0).ordered()) {
      boolean all = true;
      for (int i = 1; i < sets.size(); i++) {
        if (!sets.get(i).contains(m)) {
          all = false;
          break;
        }
      }
      if (all) {
        result.add(m, c.server());
        if (limit > 0 && result.size() >= limit) {
          break;
        }
      }
    }
    return result;
  }

  private static SetValue unionDiff(Call c, List<Bytes> keys, boolean diff) {
    SetValue result = new SetValue();
    boolean first = true;
    for (Bytes k : keys) {
      SetValue s = c.read(k, SetValue.class);
      if (diff && !first) {
        if (s != null) {
          for (Bytes m : s.members()) {
            result.remove(m);
          }
        }
      } else if (s != null) {
        for (Bytes m : s.ordered()) {
          result.add(m, c.server());
        }
      }
      first = false;
    }
    return result;
  }

  private static RespValue store(Call c, SetValue result, String event) {
    Bytes dst = c.key(1);
    if (result.size() == 0) {
      if (c.db().delete(dst)) {
        c.notify(NOTIFY_GENERIC, "del", dst);
      }
    } else {
      c.db().put(dst, result, false);
      c.notify(NOTIFY_SET, event, dst);
    }
    return Replies.integer(result.size());
  }

  private static RespValue sintercard(Call c) {
    long numkeys = c.longArg(1, "ERR numkeys should be greater than 0");
    if (numkeys <= 0) {
      throw new RedisError("ERR numkeys should be greater than 0");
    }
    if (numkeys > c.argc() - 2) {
      throw new RedisError("ERR Number of keys can't be greater than number of args");
    }
    long limit = 0;
    for (int i = 2 + (int) numkeys; i < c.argc(); i++) {
      if (c.is(i, "LIMIT") && i + 1 < c.argc()) {
        limit = c.longArg(++i, "ERR LIMIT can't be negative");
        if (limit < 0) {
          throw new RedisError("ERR LIMIT can't be negative");
        }
      } else {
        throw RedisError.syntax();
      }
    }
    return Replies.integer(inter(c, c.keys(2, 2 + (int) numkeys), limit).size());
  }

  private static RespValue sscan(Call c) {
    long cursor = KeyCommands.scanCursor(c, 2);
    ScanOptions o = ScanOptions.parse(c, 3);
    SetValue s = c.read(c.key(1), SetValue.class);
    List<RespValue> out = new ArrayList<>();
    long next = 0;
    if (s != null) {
      List<Bytes> picked = new ArrayList<>();
      if (s.encoding().equals("intset")) {
        picked.addAll(s.ordered());
      } else {
        next = KeyCommands.page(new ArrayList<>(s.members()), cursor, o.count, picked);
      }
      for (Bytes m : picked) {
        if (o.match == null || GlobMatcher.matches(o.match, m.bytes(), false)) {
          out.add(RespBulkString.of(m.bytes()));
        }
      }
    }
    return RespArray.of(Replies.bulk(Long.toString(next)), new RespArray(out));
  }
}
