package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.StringValue;
import io.vigil.testkit.server.keyspace.KeyAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * OBJECT ENCODING, REFCOUNT, IDLETIME and HELP. The key is looked up without touching it, as
 * Redis does, so OBJECT never changes the idle time it reports. (OBJECT FREQ sits with the
 * eviction policies.)
 */
final class ObjectCommand {

  private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;

  private ObjectCommand() {}

  static void install(CommandTable t) {
    t.add("object|encoding", c -> {
      RedisValue v = c.db().peek(c.key(2));
      return v == null ? RespNull.BULK : Replies.bulk(v.encoding());
    });
    t.add("object|refcount", c -> {
      RedisValue v = c.db().peek(c.key(2));
      if (v == null) {
        return RespNull.BULK;
      }
      return Replies.integer(v instanceof StringValue s && s.sharedInteger() && sharesIntegers(c) ? SHARED_REFCOUNT : 1);
    });
    t.add("object|idletime", c -> {
      RedisValue v = c.db().peek(c.key(2));
      if (v == null) {
        return RespNull.BULK;
      }
      if (c.server().config().get("maxmemory-policy").contains("lfu")) {
        throw new RedisError("ERR An LFU maxmemory policy is selected, idle time not tracked. Please "
            + "note that when switching between policies at runtime LRU and LFU data will take some "
            + "time to adjust.");
      }
      return Replies.integer(KeyAccess.idleMillis(c.db().accessWord(c.key(2)), c.server().now()) / 1000);
    });
    t.add("object|help", c -> help(
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>", "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.", "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>", "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.", "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.", "HELP", "    Prints this help."));
  }

  /** Redis shares small integers unless maxmemory is set with an LRU or LFU policy. */
  private static boolean sharesIntegers(Call c) {
    String policy = c.server().config().get("maxmemory-policy");
    return c.server().config().getLong("maxmemory") == 0 || !(policy.contains("lru") || policy.contains("lfu"));
  }

  /** Help lines are status replies in Redis ({@code addReplyHelp}). */
  private static RespValue help(String... lines) {
    List<RespValue> out = new ArrayList<>(lines.length);
    for (String line : lines) {
      out.add(RespSimpleString.of(line));
    }
    return new RespArray(out);
  }
}
