package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;

import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.KeyAccess;
import io.vigil.testkit.server.persistence.RdbFiles;
import io.vigil.testkit.server.persistence.ValueDump;
import io.vigil.testkit.server.rdb.DumpPayload;
import java.util.Arrays;

/**
 * DUMP and RESTORE with Redis's payload (RDB value, RDB version, CRC-64), so payloads move
 * between this server and Redis 7.0 in both directions.
 *
 * <p>RESTORE checks in Redis's order — options, an existing key without REPLACE, the TTL, the
 * payload's version and checksum, then its contents — and propagates a relative TTL as an
 * absolute one with ABSTTL. IDLETIME sets the restored key's access word; FREQ is validated, and
 * is for an LFU policy's counter to take.
 */
final class DumpCommands {

  private DumpCommands() {}

  static void install(CommandTable t) {
    t.add("dump", c -> {
      RedisValue v = c.read(c.key(1));
      if (v == null) {
        return RespNull.BULK;
      }
      return Replies.bulk(ValueDump.dump(v, RdbFiles.options(c.server().config())));
    });
    t.add("restore", DumpCommands::restore);
  }

  /**
   * The LRU word of a key last accessed {@code idleSeconds} ago, wrapping like Redis's
   * {@code objectSetLRUOrLFU}.
   */
  private static int idleWord(long idleSeconds, long nowMillis) {
    long word = KeyAccess.lruClock(nowMillis) - idleSeconds;
    if (word < 0) {
      word += LRU_CLOCK_MAX;
    }
    return (int) (word & LRU_CLOCK_MAX);
  }

  private static final int LRU_CLOCK_MAX = (1 << 24) - 1;

  private static RespValue restore(Call c) {
    boolean replace = false;
    boolean absttl = false;
    long idle = -1;
    long freq = -1;
    for (int j = 4; j < c.argc(); j++) {
      boolean more = j + 1 < c.argc();
      if (c.is(j, "REPLACE")) {
        replace = true;
      } else if (c.is(j, "ABSTTL")) {
        absttl = true;
      } else if (c.is(j, "IDLETIME") && more && freq == -1) {
        idle = c.longArg(++j);
        if (idle < 0) {
          throw new RedisError("ERR Invalid IDLETIME value, must be >= 0");
        }
      } else if (c.is(j, "FREQ") && more && idle == -1) {
        freq = c.longArg(++j);
        if (freq < 0 || freq > 255) {
          throw new RedisError("ERR Invalid FREQ value, must be >= 0 and <= 255");
        }
      } else {
        throw RedisError.syntax();
      }
    }
    Bytes key = c.key(1);
    if (!replace && c.db().get(key) != null) {
      throw new RedisError("BUSYKEY Target key name already exists.");
    }
    long ttl = c.longArg(2);
    if (ttl < 0) {
      throw new RedisError("ERR Invalid TTL value, must be >= 0");
    }
    byte[] payload = c.arg(3);
    if (!DumpPayload.verify(payload, true)) {
      throw new RedisError("ERR DUMP payload version or checksum are wrong");
    }
    RedisValue value = ValueDump.restore(payload, key.bytes(), c.server());
    if (value == null) {
      throw new RedisError("ERR Bad data format");
    }
    boolean deleted = replace && c.db().delete(key);
    long now = c.server().now();
    if (ttl > 0 && !absttl) {
      ttl += now;
    }
    // a replica never finds a restored key already expired: its master decides (checkAlreadyExpired)
    if (ttl > 0 && ttl <= now && c.server().masterLink() == null) {
      if (deleted) {
        c.notify(NOTIFY_GENERIC, "del", key);
        c.propagateAs(bytes("DEL"), c.arg(1));
      }
      return RespSimpleString.OK;
    }
    c.db().put(key, value, false);
    if (ttl > 0) {
      c.db().setExpireAt(key, ttl);
      if (!absttl) {
        byte[][] args = Arrays.copyOf(c.argv(), c.argc() + 1);
        args[2] = Numbers.format(ttl);
        args[c.argc()] = bytes("ABSTTL");
        c.propagateAs(args);
      }
    }
    if (idle >= 0 && !c.server().config().get("maxmemory-policy").contains("lfu")) {
      c.db().accessWord(key, idleWord(idle, now));
    }
    c.notify(NOTIFY_GENERIC, "restore", key);
    return RespSimpleString.OK;
  }
}
