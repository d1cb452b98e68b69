package io.vigil.driver.internal.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies commands as reads or writes, blocking or not, from a built-in table that the
 * server's {@code COMMAND} reply can refresh, so that commands the driver does not know (module
 * commands, newer Redis versions) are classified by the server's own flags.
 *
 * <p>Thread-safe: lookups read an immutable map that {@link #refresh} replaces atomically.
 * A command found nowhere is treated as a non-blocking write, the safe default for routing.
 */
public final class CommandTable {

  /** A client-side flag for commands that change the connection's state. */
  static final String CONNECTION_STATE = "vigil:connection-state";

  private static final List<String> READS = List.of(
      "get", "mget", "strlen", "getrange", "substr", "lcs", "exists", "ttl", "pttl", "expiretime",
      "pexpiretime", "type", "keys", "scan", "randomkey", "dbsize", "dump", "touch", "object",
      "hget", "hmget", "hgetall", "hexists", "hkeys", "hvals", "hlen", "hstrlen", "hscan", "hrandfield",
      "lrange", "llen", "lindex", "lpos",
      "smembers", "sismember", "smismember", "scard", "sinter", "sintercard", "sunion", "sdiff",
      "srandmember", "sscan",
      "zrange", "zrangebyscore", "zrangebylex", "zrevrange", "zrevrangebyscore", "zrevrangebylex",
      "zscore", "zmscore", "zcard", "zrank", "zrevrank", "zcount", "zlexcount", "zscan",
      "zrandmember", "zinter", "zunion", "zdiff", "zintercard",
      "getbit", "bitcount", "bitpos", "bitfield_ro", "pfcount", "xrange", "xrevrange", "xlen",
      "geopos", "geodist", "geohash", "geosearch", "georadius_ro", "georadiusbymember_ro",
      "eval_ro", "evalsha_ro", "fcall_ro", "sort_ro");

  private static final List<String> WRITES = List.of(
      "set", "setnx", "setex", "psetex", "getset", "getdel", "getex", "mset", "msetnx", "incr",
      "incrby", "incrbyfloat", "decr", "decrby", "append", "setrange", "del", "unlink", "expire",
      "pexpire", "expireat", "pexpireat", "persist", "rename", "renamenx", "copy", "move",
      "restore", "hset", "hsetnx", "hmset", "hdel", "hincrby", "hincrbyfloat", "lpush", "rpush",
      "lpushx", "rpushx", "lpop", "rpop", "lset", "lrem", "ltrim", "linsert", "lmove", "lmpop",
      "rpoplpush", "sadd", "srem", "spop", "smove", "sinterstore", "sunionstore", "sdiffstore",
      "zadd", "zrem", "zincrby", "zpopmin", "zpopmax", "zmpop", "zremrangebyrank",
      "zremrangebyscore", "zremrangebylex", "zunionstore", "zinterstore", "zdiffstore",
      "zrangestore", "flushdb", "flushall", "pfadd", "pfmerge", "setbit", "bitop", "bitfield",
      "xadd", "xdel", "xtrim", "geoadd", "sort", "eval", "evalsha", "fcall", "publish", "spublish");

  private static final List<String> BLOCKING = List.of(
      "blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax", "bzmpop",
      "waitaof");

  private static final List<String> CONNECTION_STATE_COMMANDS = List.of(
      "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe",
      "multi", "exec", "discard", "watch", "unwatch", "select", "auth", "hello", "reset", "quit",
      "monitor", "sync", "psync", "replconf");

  private volatile Map<String, CommandInfo> byName;

  /** A table holding the built-in classification. */
  public CommandTable() {
    this.byName = builtIn();
  }

  /** The classification of {@code name} (any case); unknown commands get a write entry. */
  public CommandInfo lookup(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    CommandInfo info = byName.get(key);
    return info != null ? info : new CommandInfo(key, Set.of("write"));
  }

  /** Whether the table has an entry for {@code name}, built in or learned from the server. */
  public boolean knows(String name) {
    return byName.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Merges the server's {@code COMMAND} (or {@code COMMAND INFO}) reply into the table. Server
   * flags replace the built-in ones, except that the client's own rules (blocking {@code WAIT},
   * connection-state commands) are kept. Returns how many commands the reply described.
   */
  public int refresh(RespValue commandReply) {
    if (!(commandReply instanceof RespArray entries)) {
      return 0;
    }
    Map<String, CommandInfo> next = new HashMap<>(byName);
    int count = 0;
    for (RespValue entry : entries.elements()) {
      if (!(entry instanceof RespArray fields) || fields.size() < 3
          || !(fields.get(0) instanceof RespBulkString nameBulk)) {
        continue; // COMMAND INFO answers null for unknown names
      }
      String name = nameBulk.asString().toLowerCase(Locale.ROOT);
      Set<String> flags = new HashSet<>(flagsOf(fields.get(2)));
      CommandInfo builtIn = byName.get(name);
      if (builtIn != null && builtIn.flags().contains(CONNECTION_STATE)) {
        flags.add(CONNECTION_STATE);
      }
      if (BLOCKING.contains(name)) {
        flags.add("blocking");
      }
      next.put(name, new CommandInfo(name, flags));
      count++;
    }
    byName = Map.copyOf(next);
    return count;
  }

  private static List<String> flagsOf(RespValue value) {
    List<RespValue> elements;
    if (value instanceof RespArray array) {
      elements = array.elements();
    } else if (value instanceof RespSet set) {
      elements = set.elements();
    } else {
      return List.of();
    }
    return elements.stream().map(CommandTable::text).filter(s -> !s.isEmpty()).toList();
  }

  private static String text(RespValue value) {
    if (value instanceof RespSimpleString simple) {
      return simple.value().toLowerCase(Locale.ROOT);
    }
    if (value instanceof RespBulkString bulk) {
      return bulk.asString().toLowerCase(Locale.ROOT);
    }
    return "";
  }

  private static Map<String, CommandInfo> builtIn() {
    Map<String, CommandInfo> map = new HashMap<>();
    READS.forEach(n -> map.put(n, new CommandInfo(n, Set.of("readonly"))));
    WRITES.forEach(n -> map.put(n, new CommandInfo(n, Set.of("write"))));
    BLOCKING.forEach(n -> map.put(n, new CommandInfo(n, Set.of("write", "blocking"))));
    CONNECTION_STATE_COMMANDS.forEach(n -> map.put(n, new CommandInfo(n, Set.of(CONNECTION_STATE))));
    return Map.copyOf(map);
  }
}
