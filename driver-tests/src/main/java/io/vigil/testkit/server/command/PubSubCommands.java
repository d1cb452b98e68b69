package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE, PSUBSCRIBE, their UN- forms, PUBLISH and PUBSUB. */
final class PubSubCommands {

  private PubSubCommands() {}

  static void install(CommandTable t) {
    t.add("subscribe", c -> {
      c.server().pubsub().subscribe(c.connection(), c.keys(1, c.argc()));
      return null;
    });
    t.add("psubscribe", c -> {
      c.server().pubsub().psubscribe(c.connection(), c.keys(1, c.argc()));
      return null;
    });
    t.add("unsubscribe", c -> {
      c.server().pubsub().unsubscribe(c.connection(), c.keys(1, c.argc()), true);
      return null;
    });
    t.add("punsubscribe", c -> {
      c.server().pubsub().punsubscribe(c.connection(), c.keys(1, c.argc()), true);
      return null;
    });
    t.add("publish", c -> {
      long n = c.server().pubsub().publish(c.key(1), c.arg(2));
      c.propagateAs(bytes("PUBLISH"), c.arg(1), c.arg(2));
      return RespInteger.of(n);
    });
    t.add("pubsub|channels", c -> {
      if (c.argc() > 3) {
        throw new RedisError("ERR wrong number of arguments for 'pubsub|channels' command");
      }
      return Replies.array(c.server().pubsub().channels(c.argc() == 3 ? c.arg(2) : null));
    });
    t.add("pubsub|numsub", c -> {
      List<RespValue> out = new ArrayList<>();
      for (int i = 2; i < c.argc(); i++) {
        Bytes ch = c.key(i);
        out.add(RespBulkString.of(ch.bytes()));
        out.add(RespInteger.of(c.server().pubsub().numsub(ch)));
      }
      return new RespArray(out);
    });
    t.add("pubsub|numpat", c -> RespInteger.of(c.server().pubsub().numpat()));
    t.add("pubsub|help", c -> Replies.strings(
        "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CHANNELS [<pattern>]", "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT", "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]", "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]", "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]", "    Return the number of subscribers for the specified shard level channel(s)",
        "HELP", "    Print this help."));
  }
}
