package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.StreamConsumer;
import io.vigil.testkit.server.keyspace.StreamEntry;
import io.vigil.testkit.server.keyspace.StreamGroup;
import io.vigil.testkit.server.keyspace.StreamId;
import io.vigil.testkit.server.keyspace.StreamPending;
import io.vigil.testkit.server.keyspace.StreamValue;
import java.util.ArrayList;
import java.util.List;

/**
 * XINFO STREAM [FULL [COUNT n]], XINFO GROUPS, XINFO CONSUMERS and XINFO HELP, with the fields
 * Redis 7.0 reports (entries-read and lag included; no 7.2 active-time) as maps, which RESP2
 * flattens into arrays.
 */
final class StreamInfoCommand {

  private static final long FULL_DEFAULT_COUNT = 10;

  private StreamInfoCommand() {}

  static void install(CommandTable t) {
    t.add("xinfo|stream", StreamInfoCommand::stream);
    t.add("xinfo|groups", StreamInfoCommand::groups);
    t.add("xinfo|consumers", StreamInfoCommand::consumers);
    t.add("xinfo|help", c -> help("XINFO",
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream."));
  }

  /** A HELP reply as Redis's {@code addReplyHelp} writes it: status lines. */
  static RespValue help(String command, String... lines) {
    List<RespValue> out = new ArrayList<>(lines.length + 3);
    out.add(RespSimpleString.of(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
    for (String line : lines) {
      out.add(RespSimpleString.of(line));
    }
    out.add(RespSimpleString.of("HELP"));
    out.add(RespSimpleString.of("    Prints this help."));
    return new RespArray(out);
  }

  private static StreamValue lookup(Call c) {
    StreamValue s = c.read(c.key(2), StreamValue.class);
    if (s == null) {
      throw new RedisError("ERR no such key");
    }
    return s;
  }

  private static RespValue stream(Call c) {
    StreamValue s = lookup(c); // Redis looks the key up before it reads the options
    boolean full = false;
    long count = FULL_DEFAULT_COUNT;
    int options = c.argc() - 3;
    if (options > 0) {
      if ((options != 1 && options != 3) || !c.is(3, "FULL") || (options == 3 && !c.is(4, "COUNT"))) {
        throw StreamGroupCommands.subcommandSyntax(c);
      }
      full = true;
      if (options == 3) {
        count = c.longArg(5);
        if (count < 0) {
          count = FULL_DEFAULT_COUNT;
        }
      }
    }
    List<RespValue> m = new ArrayList<>(20);
    put(m, "length", Replies.integer(s.length()));
    put(m, "radix-tree-keys", Replies.integer(s.radixTreeKeys()));
    put(m, "radix-tree-nodes", Replies.integer(s.radixTreeNodes()));
    put(m, "last-generated-id", StreamReplies.id(s.lastId()));
    put(m, "max-deleted-entry-id", StreamReplies.id(s.maxDeletedId()));
    put(m, "entries-added", Replies.integer(s.entriesAdded()));
    put(m, "recorded-first-entry-id", StreamReplies.id(s.firstId()));
    if (!full) {
      put(m, "groups", Replies.integer(s.groupCount()));
      StreamEntry first = s.cursor(StreamId.MIN, StreamId.MAX, false).next();
      StreamEntry last = s.cursor(StreamId.MIN, StreamId.MAX, true).next();
      put(m, "first-entry", first == null ? RespNull.BULK : StreamReplies.entry(first));
      put(m, "last-entry", last == null ? RespNull.BULK : StreamReplies.entry(last));
      return new RespMap(m);
    }
    put(m, "entries", new RespArray(StreamReplies.range(s, StreamId.MIN, StreamId.MAX, count, false)));
    List<RespValue> groups = new ArrayList<>();
    for (StreamGroup g : s.groups()) {
      List<RespValue> gm = new ArrayList<>(14);
      put(gm, "name", Replies.bulk(g.name()));
      put(gm, "last-delivered-id", StreamReplies.id(g.lastId()));
      put(gm, "entries-read", entriesRead(g));
      put(gm, "lag", lag(s, g));
      put(gm, "pel-count", Replies.integer(g.pending().size()));
      List<RespValue> pending = new ArrayList<>();
      for (var e : g.pending().entrySet()) {
        if (count != 0 && pending.size() == count) {
          break;
        }
        StreamPending p = e.getValue();
        pending.add(RespArray.of(StreamReplies.id(e.getKey()), Replies.bulk(p.consumer().name()),
            Replies.integer(p.deliveryTime()), Replies.integer(p.deliveryCount())));
      }
      put(gm, "pending", new RespArray(pending));
      List<RespValue> consumers = new ArrayList<>();
      for (StreamConsumer consumer : g.consumers().values()) {
        List<RespValue> cm = new ArrayList<>(8);
        put(cm, "name", Replies.bulk(consumer.name()));
        put(cm, "seen-time", Replies.integer(consumer.seenTime()));
        put(cm, "pel-count", Replies.integer(consumer.pending().size()));
        List<RespValue> own = new ArrayList<>();
        for (var e : consumer.pending().entrySet()) {
          if (count != 0 && own.size() == count) {
            break;
          }
          own.add(RespArray.of(StreamReplies.id(e.getKey()), Replies.integer(e.getValue().deliveryTime()),
              Replies.integer(e.getValue().deliveryCount())));
        }
        put(cm, "pending", new RespArray(own));
        consumers.add(new RespMap(cm));
      }
      put(gm, "consumers", new RespArray(consumers));
      groups.add(new RespMap(gm));
    }
    put(m, "groups", new RespArray(groups));
    return new RespMap(m);
  }

  private static RespValue groups(Call c) {
    StreamValue s = lookup(c);
    List<RespValue> out = new ArrayList<>();
    for (StreamGroup g : s.groups()) {
      List<RespValue> gm = new ArrayList<>(12);
      put(gm, "name", Replies.bulk(g.name()));
      put(gm, "consumers", Replies.integer(g.consumers().size()));
      put(gm, "pending", Replies.integer(g.pending().size()));
      put(gm, "last-delivered-id", StreamReplies.id(g.lastId()));
      put(gm, "entries-read", entriesRead(g));
      put(gm, "lag", lag(s, g));
      out.add(new RespMap(gm));
    }
    return new RespArray(out);
  }

  private static RespValue consumers(Call c) {
    StreamValue s = lookup(c);
    StreamGroup g = s.group(c.key(3));
    if (g == null) {
      throw new RedisError("NOGROUP No such consumer group '" + c.str(3) + "' for key name '" + c.str(2) + "'");
    }
    long now = c.server().now();
    List<RespValue> out = new ArrayList<>();
    for (StreamConsumer consumer : g.consumers().values()) {
      List<RespValue> cm = new ArrayList<>(6);
      put(cm, "name", Replies.bulk(consumer.name()));
      put(cm, "pending", Replies.integer(consumer.pending().size()));
      put(cm, "idle", Replies.integer(Math.max(0, now - consumer.seenTime())));
      out.add(new RespMap(cm));
    }
    return new RespArray(out);
  }

  private static RespValue entriesRead(StreamGroup g) {
    return g.entriesRead() == StreamGroup.INVALID_ENTRIES_READ ? RespNull.BULK : Replies.integer(g.entriesRead());
  }

  private static RespValue lag(StreamValue s, StreamGroup g) {
    Long lag = s.lag(g);
    return lag == null ? RespNull.BULK : Replies.integer(lag);
  }

  private static void put(List<RespValue> map, String name, RespValue value) {
    map.add(Replies.bulk(name));
    map.add(value);
  }
}
