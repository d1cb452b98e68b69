package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_ZSET;

import io.vigil.resp.RespInteger;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.SetValue;
import io.vigil.testkit.server.keyspace.ZSetValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ZUNION, ZINTER, ZDIFF, their STORE forms, and ZINTERCARD; plain sets count as score 1. */
final class ZSetAlgebra {

  private ZSetAlgebra() {}

  /** ZUNION/ZINTER/ZDIFF and their STORE forms. */
  static RespValue algebra(Call c, String name, int numkeysIndex, boolean store) {
    long numkeys = c.longArg(numkeysIndex);
    if (numkeys <= 0) {
      throw new RedisError("ERR at least 1 input key is needed for '" + name + "' command");
    }
    if (numkeys > c.argc() - numkeysIndex - 1) {
      throw RedisError.syntax();
    }
    int n = (int) numkeys;
    double[] weights = new double[n];
    java.util.Arrays.fill(weights, 1);
    String aggregate = "SUM";
    boolean withScores = false;
    boolean diff = name.startsWith("zdiff");
    boolean inter = name.startsWith("zinter");
    for (int i = numkeysIndex + 1 + n; i < c.argc(); i++) {
      if (!diff && c.is(i, "WEIGHTS") && i + n < c.argc()) {
        for (int j = 0; j < n; j++) {
          Double w = Numbers.parseDouble(c.arg(i + 1 + j));
          if (w == null) {
            throw new RedisError("ERR weight value is not a float");
          }
          weights[j] = w;
        }
        i += n;
      } else if (!diff && c.is(i, "AGGREGATE") && i + 1 < c.argc()) {
        aggregate = c.option(++i);
        if (!aggregate.equals("SUM") && !aggregate.equals("MIN") && !aggregate.equals("MAX")) {
          throw RedisError.syntax();
        }
      } else if (!store && c.is(i, "WITHSCORES")) {
        withScores = true;
      } else {
        throw RedisError.syntax();
      }
    }
    List<Map<Bytes, Double>> inputs = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      Bytes k = c.key(numkeysIndex + 1 + j);
      RedisValue v = store ? c.lookupWrite(k, RedisValue.class) : c.read(k);
      if (v == null) {
        inputs.add(null);
      } else if (v instanceof ZSetValue z) {
        inputs.add(z.scores());
      } else if (v instanceof SetValue s) {
        Map<Bytes, Double> m = new LinkedHashMap<>();
        for (Bytes b : s.ordered()) {
          m.put(b, 1.0);
        }
        inputs.add(m);
      } else {
        throw RedisError.wrongType();
      }
    }
    Map<Bytes, Double> acc = new LinkedHashMap<>();
    if (diff) {
      if (inputs.get(0) != null) {
        for (Map.Entry<Bytes, Double> e : inputs.get(0).entrySet()) {
          boolean elsewhere = false;
          for (int j = 1; j < n && !elsewhere; j++) {
            elsewhere = inputs.get(j) != null && inputs.get(j).containsKey(e.getKey());
          }
          if (!elsewhere) {
            acc.put(e.getKey(), e.getValue());
          }
        }
      }
    } else if (inter) {
      boolean anyMissing = inputs.contains(null);
      if (!anyMissing) {
        for (Map.Entry<Bytes, Double> e : inputs.get(0).entrySet()) {
          double score = weighted(e.getValue(), weights[0]);
          boolean all = true;
          for (int j = 1; j < n && all; j++) {
            Double other = inputs.get(j).get(e.getKey());
            if (other == null) {
              all = false;
            } else {
              score = combine(aggregate, score, weighted(other, weights[j]));
            }
          }
          if (all) {
            acc.put(e.getKey(), score);
          }
        }
      }
    } else {
      for (int j = 0; j < n; j++) {
        if (inputs.get(j) == null) {
          continue;
        }
        for (Map.Entry<Bytes, Double> e : inputs.get(j).entrySet()) {
          double w = weighted(e.getValue(), weights[j]);
          Double cur = acc.get(e.getKey());
          acc.put(e.getKey(), cur == null ? w : combine(aggregate, cur, w));
        }
      }
    }
    ZSetValue result = new ZSetValue();
    for (Map.Entry<Bytes, Double> e : acc.entrySet()) {
      result.put(e.getKey(), e.getValue(), c.server());
    }
    if (store) {
      Bytes dst = c.key(1);
      if (result.size() == 0) {
        if (c.db().delete(dst)) {
          c.notify(NOTIFY_GENERIC, "del", dst);
        }
      } else {
        c.db().put(dst, result, false);
        c.notify(NOTIFY_ZSET, name, dst);
      }
      return Replies.integer(result.size());
    }
    return ZSetCommands.entries(c, new ArrayList<>(result.entries()), withScores);
  }

  private static double weighted(double score, double weight) {
    double r = score * weight;
    return Double.isNaN(r) ? 0 : r;
  }

  private static double combine(String aggregate, double a, double b) {
    switch (aggregate) {
      case "MIN":
        return Math.min(a, b);
      case "MAX":
        return Math.max(a, b);
      default: {
        double r = a + b;
        return Double.isNaN(r) ? 0 : r;
      }
    }
  }

  static RespValue zintercard(Call c) {
    long numkeys = c.longArg(1);
    if (numkeys <= 0) {
      throw new RedisError("ERR at least 1 input key is needed for 'zintercard' command");
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
    List<Map<Bytes, Double>> inputs = new ArrayList<>();
    boolean anyMissing = false;
    for (int j = 0; j < numkeys; j++) {
      RedisValue v = c.read(c.key(2 + j));
      if (v == null) {
        anyMissing = true; // still check the other keys' types first, as Redis does
        continue;
      }
      if (v instanceof ZSetValue z) {
        inputs.add(z.scores());
      } else if (v instanceof SetValue s) {
        Map<Bytes, Double> m = new LinkedHashMap<>();
        for (Bytes b : s.members()) {
          m.put(b, 1.0);
        }
        inputs.add(m);
      } else {
        throw RedisError.wrongType();
      }
    }
    if (anyMissing) {
      return RespInteger.ZERO;
    }
    long count = 0;
    for (Bytes m : inputs.get(0).keySet()) {
      boolean all = true;
      for (int j = 1; j < inputs.size() && all; j++) {
        all = inputs.get(j).containsKey(m);
      }
      if (all) {
        count++;
        if (limit > 0 && count >= limit) {
          break;
        }
      }
    }
    return Replies.integer(count);
  }
}
