package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_STRING;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.hll.HllSelfTest;
import io.vigil.testkit.server.hll.HyperLogLog;
import io.vigil.testkit.server.hll.InvalidHllException;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HyperLogLog commands: PFADD, PFCOUNT, PFMERGE, PFDEBUG and PFSELFTEST, on string values in
 * Redis's own HLL bytes (see {@link HyperLogLog}).
 *
 * <p>As in Redis, a single-key PFCOUNT that refreshes the cached cardinality changes the value
 * and is propagated, and PFDEBUG GETREG/TODENSE propagate their conversion to dense.
 */
final class HyperLogLogCommands {

  static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
  static final String INVALID = "INVALIDOBJ Corrupted HLL object detected";

  private HyperLogLogCommands() {}

  static void install(CommandTable t) {
    t.add("pfadd", HyperLogLogCommands::pfadd);
    t.add("pfcount", HyperLogLogCommands::pfcount);
    t.add("pfmerge", HyperLogLogCommands::pfmerge);
    t.add("pfdebug", HyperLogLogCommands::pfdebug);
    t.add("pfselftest", c -> {
      String failure = HllSelfTest.run(ThreadLocalRandom.current(), sparseMaxBytes(c));
      if (failure != null) {
        throw new RedisError(failure);
      }
      return RespSimpleString.OK;
    });
  }

  private static long sparseMaxBytes(Call c) {
    return c.server().config().getLong("hll-sparse-max-bytes");
  }

  /**
   * The HyperLogLog under {@code key}, or WRONGTYPE. Like Redis's {@code dbUnshareStringValue},
   * a value not stored as a raw string becomes one (OBJECT ENCODING then answers raw).
   */
  private static HyperLogLog open(Call c, Bytes key, RedisValue v) {
    if (!(v instanceof StringValue s)) {
      throw RedisError.wrongType();
    }
    if (!HyperLogLog.isValid(s.bytes())) {
      throw new RedisError(NOT_HLL);
    }
    if (!s.encoding().equals("raw")) {
      c.db().putQuietly(key, StringValue.ofRaw(s.bytes()));
    }
    return HyperLogLog.wrap(s.bytes());
  }

  private static HyperLogLog source(RedisValue v) {
    if (!(v instanceof StringValue s)) {
      throw RedisError.wrongType();
    }
    if (!HyperLogLog.isValid(s.bytes())) {
      throw new RedisError(NOT_HLL);
    }
    return HyperLogLog.wrap(s.bytes());
  }

  private static RespValue pfadd(Call c) {
    Bytes key = c.key(1);
    RedisValue v = c.db().get(key);
    HyperLogLog hll;
    int updated = 0;
    if (v == null) {
      hll = HyperLogLog.create();
      updated++;
    } else {
      hll = open(c, key, v);
    }
    long sparseMax = hll.isSparse() ? sparseMaxBytes(c) : 0; // a dense value never reads it
    try {
      for (int i = 2; i < c.argc(); i++) {
        if (hll.add(c.arg(i), sparseMax)) {
          updated++;
        }
      }
    } catch (InvalidHllException e) {
      if (hll.modified()) {
        // Redis edits the value in place, so registers set before the corrupt part stay set
        c.db().putQuietly(key, StringValue.ofRaw(hll.toBytes()));
      }
      throw new RedisError(INVALID);
    }
    if (updated == 0) {
      return RespInteger.ZERO;
    }
    hll.invalidate(); // a new key too: Redis marks the cache stale whenever anything was updated
    store(c, key, hll);
    c.notify(NOTIFY_STRING, "pfadd", key);
    c.server().addDirty(updated - 1); // Redis counts every grown register as a change
    return RespInteger.ONE;
  }

  private static void store(Call c, Bytes key, HyperLogLog hll) {
    c.db().put(key, StringValue.ofRaw(hll.toBytes()), true);
  }

  private static RespValue pfcount(Call c) {
    if (c.argc() > 2) {
      byte[] max = new byte[HyperLogLog.REGISTERS];
      for (int i = 1; i < c.argc(); i++) {
        RedisValue v = c.read(c.key(i));
        if (v == null) {
          continue;
        }
        try {
          source(v).mergeInto(max);
        } catch (InvalidHllException e) {
          throw new RedisError(INVALID);
        }
      }
      return RespInteger.of(HyperLogLog.countRegisters(max));
    }
    Bytes key = c.key(1);
    RedisValue v = c.read(key);
    if (v == null) {
      return RespInteger.ZERO;
    }
    HyperLogLog hll = open(c, key, v);
    long card;
    try {
      card = hll.count();
    } catch (InvalidHllException e) {
      throw new RedisError(INVALID);
    }
    if (hll.modified()) {
      // the refreshed cache is part of the string: Redis propagates this read-only command
      store(c, key, hll);
      c.propagateAs(c.argv());
    }
    return RespInteger.of(card);
  }

  private static RespValue pfmerge(Call c) {
    byte[] max = new byte[HyperLogLog.REGISTERS];
    boolean dense = false;
    for (int i = 1; i < c.argc(); i++) {
      RedisValue v = c.read(c.key(i));
      if (v == null) {
        continue;
      }
      HyperLogLog hll = source(v);
      dense |= !hll.isSparse();
      try {
        hll.mergeInto(max);
      } catch (InvalidHllException e) {
        throw new RedisError(INVALID);
      }
    }
    Bytes key = c.key(1);
    RedisValue existing = c.db().get(key);
    HyperLogLog target = existing == null ? HyperLogLog.create() : open(c, key, existing);
    long sparseMax = sparseMaxBytes(c);
    try {
      if (dense) {
        target.toDense();
      }
      for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
        if (max[j] != 0) {
          target.set(j, max[j], sparseMax);
        }
      }
    } catch (InvalidHllException e) {
      throw new RedisError(INVALID);
    }
    target.invalidate();
    store(c, key, target);
    c.notify(NOTIFY_STRING, "pfadd", key); // Redis reports a merge as a mass add
    return RespSimpleString.OK;
  }

  private static RespValue pfdebug(Call c) {
    String sub = c.str(1);
    Bytes key = c.key(2);
    RedisValue v = c.db().get(key);
    if (v == null) {
      throw new RedisError("ERR The specified key does not exist");
    }
    HyperLogLog hll = open(c, key, v);
    try {
      switch (sub.toLowerCase(java.util.Locale.ROOT)) {
        case "getreg": {
          if (toDense(c, key, hll)) {
            c.server().addDirty(1); // forces propagation of the conversion
          }
          int[] registers = hll.registers();
          List<RespValue> out = new ArrayList<>(registers.length);
          for (int r : registers) {
            out.add(RespInteger.of(r));
          }
          return new RespArray(out);
        }
        case "decode": {
          String decoded = hll.decodeSparse();
          if (decoded == null) {
            throw new RedisError("ERR HLL encoding is not sparse");
          }
          return Replies.bulk(decoded);
        }
        case "encoding":
          return RespSimpleString.of(hll.isSparse() ? "sparse" : "dense");
        case "todense": {
          boolean converted = toDense(c, key, hll);
          if (converted) {
            c.server().addDirty(1);
          }
          return converted ? RespInteger.ONE : RespInteger.ZERO;
        }
        default:
          throw new RedisError("ERR Unknown PFDEBUG subcommand '" + sub + "'");
      }
    } catch (InvalidHllException e) {
      throw new RedisError(INVALID);
    }
  }

  /** Converts in place, without signalling the key, as Redis's PFDEBUG does. */
  private static boolean toDense(Call c, Bytes key, HyperLogLog hll) {
    if (!hll.toDense()) {
      return false;
    }
    c.db().putQuietly(key, StringValue.ofRaw(hll.toBytes()));
    return true;
  }
}
