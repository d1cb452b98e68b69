package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_ZSET;

import static io.vigil.testkit.server.command.Call.bytes;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespDoubles;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.ZSetValue;
import io.vigil.testkit.server.pubsub.GlobMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Sorted set commands, including BZPOPMIN/BZPOPMAX/BZMPOP and the set-algebra stores. */
final class ZSetCommands {

  private ZSetCommands() {}

  static void install(CommandTable t) {
    t.add("zadd", ZSetCommands::zadd);
    t.add("zincrby", c -> {
      double by = c.doubleArg(2);
      return incr(c, c.key(1), c.key(3), by, false, false, false, false);
    });
    t.add("zscore", c -> {
      ZSetValue z = c.read(c.key(1), ZSetValue.class);
      Double s = z == null ? null : z.score(c.key(2));
      return s == null ? RespNull.BULK : new RespDouble(s);
    });
    t.add("zmscore", c -> {
      ZSetValue z = c.read(c.key(1), ZSetValue.class);
      List<RespValue> out = new ArrayList<>();
      for (int i = 2; i < c.argc(); i++) {
        Double s = z == null ? null : z.score(c.key(i));
        out.add(s == null ? RespNull.BULK : new RespDouble(s));
      }
      return new RespArray(out);
    });
    t.add("zcard", c -> {
      ZSetValue z = c.read(c.key(1), ZSetValue.class);
      return Replies.integer(z == null ? 0 : z.size());
    });
    t.add("zrank", c -> rank(c, false));
    t.add("zrevrank", c -> rank(c, true));
    t.add("zrem", c -> {
      Bytes key = c.key(1);
      ZSetValue z = c.lookupWrite(key, ZSetValue.class);
      if (z == null) {
        return RespInteger.ZERO;
      }
      long n = 0;
      for (int i = 2; i < c.argc(); i++) {
        if (z.remove(c.key(i))) {
          n++;
        }
      }
      if (n > 0) {
        c.notify(NOTIFY_ZSET, "zrem", key);
        afterRemove(c, key, z);
      }
      return Replies.integer(n);
    });
    t.add("zremrangebyrank", c -> {
      long start = c.longArg(2);
      long end = c.longArg(3);
      ZSetValue z = c.lookupWrite(c.key(1), ZSetValue.class);
      if (z == null) {
        return RespInteger.ZERO;
      }
      long[] r = ListCommands.clamp(start, end, z.size());
      return removeAll(c, z, r[0] > r[1] ? List.of() : z.range(r[0], r[1], false), "zremrangebyrank");
    });
    t.add("zremrangebyscore", c -> {
      ZSetRanges.Score r = ZSetRanges.score(c.arg(2), c.arg(3));
      ZSetValue z = c.lookupWrite(c.key(1), ZSetValue.class);
      return z == null ? RespInteger.ZERO : removeAll(c, z, ZSetRanges.byScore(z, r, false, 0, -1), "zremrangebyscore");
    });
    t.add("zremrangebylex", c -> {
      ZSetRanges.Lex r = ZSetRanges.lex(c.arg(2), c.arg(3));
      ZSetValue z = c.lookupWrite(c.key(1), ZSetValue.class);
      return z == null ? RespInteger.ZERO : removeAll(c, z, ZSetRanges.byLex(z, r, false, 0, -1), "zremrangebylex");
    });
    t.add("zcount", c -> {
      ZSetRanges.Score r = ZSetRanges.score(c.arg(2), c.arg(3));
      ZSetValue z = c.read(c.key(1), ZSetValue.class);
      return Replies.integer(z == null ? 0 : ZSetRanges.byScore(z, r, false, 0, -1).size());
    });
    t.add("zlexcount", c -> {
      ZSetRanges.Lex r = ZSetRanges.lex(c.arg(2), c.arg(3));
      ZSetValue z = c.read(c.key(1), ZSetValue.class);
      return Replies.integer(z == null ? 0 : ZSetRanges.lexCount(z, r));
    });
    t.add("zrange", c -> range(c, 1, null, false, false, false));
    t.add("zrangestore", c -> range(c, 2, null, false, false, true));
    t.add("zrevrange", c -> range(c, 1, "rank", true, true, false));
    t.add("zrangebyscore", c -> range(c, 1, "score", false, true, false));
    t.add("zrevrangebyscore", c -> range(c, 1, "score", true, true, false));
    t.add("zrangebylex", c -> range(c, 1, "lex", false, true, false));
    t.add("zrevrangebylex", c -> range(c, 1, "lex", true, true, false));
    t.add("zpopmin", c -> ZSetPops.pop(c, true));
    t.add("zpopmax", c -> ZSetPops.pop(c, false));
    t.add("bzpopmin", c -> ZSetPops.bpop(c, true));
    t.add("bzpopmax", c -> ZSetPops.bpop(c, false));
    t.add("zmpop", c -> ZSetPops.zmpop(c, 1, false));
    t.add("bzmpop", c -> ZSetPops.zmpop(c, 2, true));
    t.add("zunionstore", c -> ZSetAlgebra.algebra(c, "zunionstore", 2, true));
    t.add("zinterstore", c -> ZSetAlgebra.algebra(c, "zinterstore", 2, true));
    t.add("zdiffstore", c -> ZSetAlgebra.algebra(c, "zdiffstore", 2, true));
    t.add("zunion", c -> ZSetAlgebra.algebra(c, "zunion", 1, false));
    t.add("zinter", c -> ZSetAlgebra.algebra(c, "zinter", 1, false));
    t.add("zdiff", c -> ZSetAlgebra.algebra(c, "zdiff", 1, false));
    t.add("zintercard", ZSetAlgebra::zintercard);
    t.add("zrandmember", ZSetCommands::zrandmember);
    t.add("zscan", ZSetCommands::zscan);
  }

  static void afterRemove(Call c, Bytes key, ZSetValue z) {
    if (z.size() == 0) {
      c.db().delete(key);
      c.notify(NOTIFY_GENERIC, "del", key);
    } else {
      c.modified(key);
    }
  }

  private static RespValue removeAll(Call c, ZSetValue z, List<ZSetValue.Entry> entries, String event) {
    for (ZSetValue.Entry e : entries) {
      z.remove(e.member());
    }
    if (!entries.isEmpty()) {
      c.notify(NOTIFY_ZSET, event, c.key(1));
      afterRemove(c, c.key(1), z);
    }
    return Replies.integer(entries.size());
  }

  private static RespValue zadd(Call c) {
    boolean nx = false;
    boolean xx = false;
    boolean gt = false;
    boolean lt = false;
    boolean ch = false;
    boolean incr = false;
    int i = 2;
    for (; i < c.argc(); i++) {
      String o = c.option(i);
      if (o.equals("NX")) {
        nx = true;
      } else if (o.equals("XX")) {
        xx = true;
      } else if (o.equals("GT")) {
        gt = true;
      } else if (o.equals("LT")) {
        lt = true;
      } else if (o.equals("CH")) {
        ch = true;
      } else if (o.equals("INCR")) {
        incr = true;
      } else {
        break;
      }
    }
    int pairs = c.argc() - i;
    if (pairs % 2 != 0 || pairs == 0) {
      throw RedisError.syntax();
    }
    if (nx && xx) {
      throw new RedisError("ERR XX and NX options at the same time are not compatible");
    }
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      throw new RedisError("ERR GT, LT, and/or NX options at the same time are not compatible");
    }
    if (incr && pairs > 2) {
      throw new RedisError("ERR INCR option supports a single increment-element pair");
    }
    double[] scores = new double[pairs / 2];
    for (int j = 0; j < scores.length; j++) {
      scores[j] = c.doubleArg(i + 2 * j);
    }
    if (incr) {
      return incr(c, c.key(1), c.key(i + 1), scores[0], nx, xx, gt, lt);
    }
    Bytes key = c.key(1);
    ZSetValue z = c.lookupWrite(key, ZSetValue.class);
    boolean created = false;
    if (z == null) {
      if (xx) {
        return RespInteger.ZERO;
      }
      z = new ZSetValue();
      created = true;
    }
    long added = 0;
    long changed = 0;
    for (int j = 0; j < scores.length; j++) {
      Bytes member = c.key(i + 2 * j + 1);
      Double old = z.score(member);
      if (old == null) {
        if (xx) {
          continue;
        }
        z.put(member, scores[j], c.server());
        added++;
      } else {
        if (nx || (gt && scores[j] <= old) || (lt && scores[j] >= old)) {
          continue;
        }
        if (old != scores[j]) {
          z.put(member, scores[j], c.server());
          changed++;
        }
      }
    }
    if (created) {
      if (z.size() > 0) {
        c.db().put(key, z, false);
      }
    } else if (added + changed > 0) {
      c.modified(key);
      c.ready(key);
    }
    if (added + changed > 0) {
      c.notify(NOTIFY_ZSET, "zadd", key);
    }
    return Replies.integer(ch ? added + changed : added);
  }

  private static RespValue incr(Call c, Bytes key, Bytes member, double by, boolean nx, boolean xx,
      boolean gt, boolean lt) {
    ZSetValue z = c.lookupWrite(key, ZSetValue.class);
    Double old = z == null ? null : z.score(member);
    if ((old == null && xx) || (old != null && nx)) {
      return RespNull.BULK;
    }
    double score = old == null ? by : old + by;
    if (Double.isNaN(score)) {
      throw new RedisError("ERR resulting score is not a number (NaN)");
    }
    if (old != null && ((gt && score <= old) || (lt && score >= old))) {
      return RespNull.BULK;
    }
    if (old != null && score == old) {
      return new RespDouble(score); // unchanged: no write, no notification, nothing propagated
    }
    if (z == null) {
      z = new ZSetValue();
      z.put(member, score, c.server());
      c.db().put(key, z, false);
    } else {
      z.put(member, score, c.server());
      c.modified(key);
      c.ready(key);
    }
    c.notify(NOTIFY_ZSET, "zincr", key);
    return new RespDouble(score);
  }

  private static RespValue rank(Call c, boolean rev) {
    ZSetValue z = c.read(c.key(1), ZSetValue.class);
    if (z == null) {
      return RespNull.BULK;
    }
    long r = z.rank(c.key(2));
    if (r < 0) {
      return RespNull.BULK;
    }
    return Replies.integer(rev ? z.size() - 1 - r : r);
  }

  /** Replies a list of entries, with scores as RESP2 flat pairs or RESP3 nested pairs. */
  static RespValue entries(Call c, List<ZSetValue.Entry> entries, boolean withScores) {
    List<RespValue> out = new ArrayList<>(entries.size() * (withScores ? 2 : 1));
    for (ZSetValue.Entry e : entries) {
      if (withScores && c.resp3()) {
        out.add(RespArray.of(RespBulkString.of(e.member().bytes()), new RespDouble(e.score())));
      } else {
        out.add(RespBulkString.of(e.member().bytes()));
        if (withScores) {
          out.add(new RespDouble(e.score()));
        }
      }
    }
    return new RespArray(out);
  }

  /**
   * ZRANGE and its older forms. {@code mode} null means ZRANGE syntax (BYSCORE/BYLEX/REV
   * options); otherwise the legacy command fixes it ("rank", "score", "lex").
   */
  private static RespValue range(Call c, int keyIndex, String mode, boolean rev, boolean legacy,
      boolean store) {
    int minIndex = keyIndex + 1;
    int maxIndex = keyIndex + 2;
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    boolean limitSeen = false;
    String by = mode == null ? "rank" : mode;
    for (int i = keyIndex + 3; i < c.argc(); i++) {
      if (c.is(i, "WITHSCORES") && !store && !(legacy && by.equals("lex"))) {
        withScores = true;
      } else if (c.is(i, "LIMIT") && i + 2 < c.argc() && !(legacy && by.equals("rank"))) {
        offset = c.longArg(++i);
        limit = c.longArg(++i);
        limitSeen = true;
      } else if (mode == null && c.is(i, "BYSCORE") && by.equals("rank")) {
        by = "score";
      } else if (mode == null && c.is(i, "BYLEX") && by.equals("rank")) {
        by = "lex";
      } else if (mode == null && c.is(i, "REV")) {
        rev = true;
      } else {
        throw RedisError.syntax();
      }
    }
    if (limitSeen && by.equals("rank")) {
      throw new RedisError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    }
    if (withScores && by.equals("lex")) {
      throw new RedisError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
    }
    byte[] min = c.arg(minIndex);
    byte[] max = c.arg(maxIndex);
    // Legacy reverse forms take max first; ZRANGE ... REV also takes the higher bound first.
    if (rev && !by.equals("rank")) {
      byte[] t = min;
      min = max;
      max = t;
    }
    List<ZSetValue.Entry> result;
    ZSetValue z;
    if (by.equals("rank")) {
      long start = c.longArg(minIndex);
      long end = c.longArg(maxIndex);
      z = c.read(c.key(keyIndex), ZSetValue.class);
      if (z == null) {
        result = List.of();
      } else {
        long[] r = ListCommands.clamp(start, end, z.size());
        result = r[0] > r[1] ? List.of() : z.range(r[0], r[1], rev);
      }
    } else if (by.equals("score")) {
      ZSetRanges.Score r = ZSetRanges.score(min, max);
      z = c.read(c.key(keyIndex), ZSetValue.class);
      result = z == null || offset < 0 ? List.of() : ZSetRanges.byScore(z, r, rev, offset, limit);
    } else {
      ZSetRanges.Lex r = ZSetRanges.lex(min, max);
      z = c.read(c.key(keyIndex), ZSetValue.class);
      result = z == null || offset < 0 ? List.of() : ZSetRanges.byLex(z, r, rev, offset, limit);
    }
    if (store) {
      Bytes dst = c.key(1);
      if (result.isEmpty()) {
        if (c.db().delete(dst)) {
          c.notify(NOTIFY_GENERIC, "del", dst);
        }
        return RespInteger.ZERO;
      }
      ZSetValue out = new ZSetValue();
      for (ZSetValue.Entry e : result) {
        out.put(e.member(), e.score(), c.server());
      }
      c.db().put(dst, out, false);
      c.notify(NOTIFY_ZSET, "zrangestore", dst);
      return Replies.integer(out.size());
    }
    return entries(c, result, withScores);
  }

  private static RespValue zrandmember(Call c) {
    if (c.argc() >= 3) {
      c.longArg(2); // Redis parses the count before it looks the key up
    }
    ZSetValue z = c.read(c.key(1), ZSetValue.class);
    if (c.argc() == 2) {
      if (z == null) {
        return RespNull.BULK;
      }
      List<ZSetValue.Entry> all = new ArrayList<>(z.entries());
      return Replies.bulk(all.get(ThreadLocalRandom.current().nextInt(all.size())).member());
    }
    long count = c.longArg(2);
    boolean withScores = false;
    if (c.argc() == 4) {
      if (!c.is(3, "WITHSCORES")) {
        throw RedisError.syntax();
      }
      withScores = true;
    } else if (c.argc() > 4) {
      throw RedisError.syntax();
    }
    if (z == null || count == 0) {
      return RespArray.EMPTY;
    }
    return entries(c, Sampling.pick(new ArrayList<>(z.entries()), count), withScores);
  }

  private static RespValue zscan(Call c) {
    long cursor = KeyCommands.scanCursor(c, 2);
    ScanOptions o = ScanOptions.parse(c, 3);
    ZSetValue z = c.read(c.key(1), ZSetValue.class);
    List<RespValue> out = new ArrayList<>();
    long next = 0;
    if (z != null) {
      List<Bytes> picked = new ArrayList<>();
      if (z.encoding().equals("listpack")) {
        for (ZSetValue.Entry e : z.entries()) {
          picked.add(e.member());
        }
      } else {
        next = KeyCommands.page(new ArrayList<>(z.scores().keySet()), cursor, o.count, picked);
      }
      for (Bytes m : picked) {
        if (o.match == null || GlobMatcher.matches(o.match, m.bytes(), false)) {
          out.add(RespBulkString.of(m.bytes()));
          out.add(Replies.bulk(RespDoubles.format(z.score(m))));
        }
      }
    }
    return RespArray.of(Replies.bulk(Long.toString(next)), new RespArray(out));
  }
}
