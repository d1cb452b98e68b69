package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_STREAM;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.StreamConsumer;
import io.vigil.testkit.server.keyspace.StreamEntry;
import io.vigil.testkit.server.keyspace.StreamGroup;
import io.vigil.testkit.server.keyspace.StreamId;
import io.vigil.testkit.server.keyspace.StreamPending;
import io.vigil.testkit.server.keyspace.StreamValue;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Consumer groups: XGROUP (CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP), XACK,
 * XPENDING, XCLAIM and XAUTOCLAIM, with Redis 7.0.15's texts and checks in its order.
 *
 * <p>XCLAIM and XAUTOCLAIM are not replicated as sent: each change of ownership goes out as an
 * idempotent {@code XCLAIM ... FORCE JUSTID LASTID} (a claimed entry that was deleted from the
 * stream as one that drops it from the pending list), and a LASTID that moved the group with
 * nothing claimed as {@code XGROUP SETID}. The consumer a claim names is created only when it
 * gets an entry, as in 7.0.
 */
final class StreamGroupCommands {

  private static final String NEEDS_KEY = "ERR The XGROUP subcommand requires the key to exist. Note that for"
      + " CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";
  /** XAUTOCLAIM scans at most this many pending entries per entry it may claim. */
  private static final long ATTEMPTS_FACTOR = 10;
  /** Above this COUNT Redis cannot allocate its list of deleted IDs. */
  private static final long ALLOCATABLE_COUNT = 1L << 32;

  private StreamGroupCommands() {}

  static void install(CommandTable t) {
    t.add("xgroup|create", StreamGroupCommands::create);
    t.add("xgroup|setid", StreamGroupCommands::setId);
    t.add("xgroup|destroy", StreamGroupCommands::destroy);
    t.add("xgroup|createconsumer", StreamGroupCommands::createConsumer);
    t.add("xgroup|delconsumer", StreamGroupCommands::deleteConsumer);
    t.add("xgroup|help", c -> StreamInfoCommand.help("XGROUP",
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter."));
    t.add("xack", StreamGroupCommands::ack);
    t.add("xpending", StreamGroupCommands::pending);
    t.add("xclaim", StreamGroupCommands::claim);
    t.add("xautoclaim", StreamGroupCommands::autoClaim);
  }

  // --- XGROUP ----------------------------------------------------------------------------------

  /** What every XGROUP subcommand but HELP parses first, in Redis's order. */
  private record GroupArgs(StreamValue stream, StreamGroup group, boolean makeStream, long entriesRead) {}

  private static GroupArgs groupArgs(Call c, boolean create, boolean setId, boolean groupRequired) {
    boolean makeStream = false;
    long entriesRead = StreamGroup.INVALID_ENTRIES_READ;
    for (int i = 5; i < c.argc(); ) {
      if (create && c.is(i, "MKSTREAM")) {
        makeStream = true;
        i++;
      } else if ((create || setId) && c.is(i, "ENTRIESREAD") && i + 1 < c.argc()) {
        entriesRead = c.longArg(i + 1);
        if (entriesRead < 0 && entriesRead != StreamGroup.INVALID_ENTRIES_READ) {
          throw new RedisError("ERR value for ENTRIESREAD must be positive or -1");
        }
        i += 2;
      } else {
        throw subcommandSyntax(c);
      }
    }
    StreamValue s = c.lookupWrite(c.key(2), StreamValue.class);
    StreamGroup group = null;
    if (!makeStream) {
      if (s == null) {
        throw new RedisError(NEEDS_KEY);
      }
      group = s.group(c.key(3));
      if (group == null && groupRequired) {
        throw new RedisError("NOGROUP No such consumer group '" + c.str(3) + "' for key name '" + c.str(2) + "'");
      }
    }
    return new GroupArgs(s, group, makeStream, entriesRead);
  }

  static RedisError subcommandSyntax(Call c) {
    return new RedisError("ERR unknown subcommand or wrong number of arguments for '" + c.str(1) + "'. Try "
        + c.str(0).toUpperCase(java.util.Locale.ROOT) + " HELP.");
  }

  private static RespValue create(Call c) {
    GroupArgs a = groupArgs(c, true, false, false);
    if (c.argc() > 8) {
      throw subcommandSyntax(c);
    }
    StreamValue s = a.stream();
    StreamId id;
    if (isDollar(c.arg(4))) {
      id = s == null ? StreamId.MIN : s.lastId();
    } else {
      id = StreamIds.parse(c.arg(4), 0, true);
    }
    Bytes key = c.key(2);
    if (s == null) {
      s = new StreamValue();
      c.db().put(key, s, false);
    }
    if (s.createGroup(c.key(3), id, a.entriesRead()) == null) {
      throw new RedisError("BUSYGROUP Consumer Group name already exists");
    }
    c.server().addDirty(1);
    c.notify(NOTIFY_STREAM, "xgroup-create", key);
    return RespSimpleString.OK;
  }

  private static RespValue setId(Call c) {
    GroupArgs a = groupArgs(c, false, true, true);
    if (c.argc() != 5 && c.argc() != 7) {
      throw subcommandSyntax(c);
    }
    StreamId id = isDollar(c.arg(4)) ? a.stream().lastId() : StreamIds.parse(c.arg(4), 0, false);
    a.group().lastId(id);
    a.group().entriesRead(a.entriesRead());
    c.server().addDirty(1);
    c.notify(NOTIFY_STREAM, "xgroup-setid", c.key(2));
    return RespSimpleString.OK;
  }

  private static RespValue destroy(Call c) {
    GroupArgs a = groupArgs(c, false, false, false);
    if (a.group() == null) {
      return RespInteger.ZERO;
    }
    a.stream().destroyGroup(c.key(3));
    c.server().addDirty(1);
    c.notify(NOTIFY_STREAM, "xgroup-destroy", c.key(2));
    c.ready(c.key(2)); // its blocked readers fail with -NOGROUP
    return RespInteger.ONE;
  }

  private static RespValue createConsumer(Call c) {
    GroupArgs a = groupArgs(c, false, false, true);
    StreamConsumer created = a.group().createConsumer(c.key(4), c.server().now());
    if (created == null) {
      return RespInteger.ZERO;
    }
    c.server().addDirty(1);
    c.notify(NOTIFY_STREAM, "xgroup-createconsumer", c.key(2));
    return RespInteger.ONE;
  }

  private static RespValue deleteConsumer(Call c) {
    GroupArgs a = groupArgs(c, false, false, true);
    StreamConsumer consumer = a.group().consumer(c.key(4));
    if (consumer == null) {
      return RespInteger.ZERO;
    }
    int pending = a.group().deleteConsumer(consumer);
    c.server().addDirty(1);
    c.notify(NOTIFY_STREAM, "xgroup-delconsumer", c.key(2));
    return Replies.integer(pending);
  }

  private static boolean isDollar(byte[] b) {
    return b.length == 1 && b[0] == '$';
  }

  // --- XACK, XPENDING --------------------------------------------------------------------------

  private static RespValue ack(Call c) {
    StreamValue s = c.read(c.key(1), StreamValue.class);
    StreamGroup group = s == null ? null : s.group(c.key(2));
    if (group == null) {
      return RespInteger.ZERO;
    }
    List<StreamId> ids = new ArrayList<>(c.argc() - 3);
    for (int j = 3; j < c.argc(); j++) {
      ids.add(StreamIds.parse(c.arg(j), 0, true));
    }
    int acknowledged = 0;
    for (StreamId id : ids) {
      if (group.acknowledge(id)) {
        acknowledged++;
      }
    }
    c.server().addDirty(acknowledged);
    return Replies.integer(acknowledged);
  }

  private static RespValue pending(Call c) {
    int argc = c.argc();
    if (argc != 3 && (argc < 6 || argc > 9)) {
      throw RedisError.syntax();
    }
    StreamId start = null;
    StreamId end = null;
    long count = 0;
    long minIdle = 0;
    Bytes consumerName = null;
    if (argc >= 6) {
      int at = 3;
      if (c.is(3, "IDLE")) {
        minIdle = c.longArg(4);
        if (argc < 8) {
          throw RedisError.syntax();
        }
        at += 2;
      }
      count = Math.max(0, c.longArg(at + 2));
      start = StreamIds.parseBound(c.arg(at), 0, true);
      end = StreamIds.parseBound(c.arg(at + 1), -1L, false);
      if (at + 3 < argc) {
        consumerName = c.key(at + 3);
      }
    }
    StreamValue s = c.read(c.key(1), StreamValue.class);
    StreamGroup group = s == null ? null : s.group(c.key(2));
    if (group == null) {
      throw new RedisError("NOGROUP No such key '" + c.str(1) + "' or consumer group '" + c.str(2) + "'");
    }
    if (argc == 3) {
      return summary(group);
    }
    NavigableMap<StreamId, StreamPending> pel = group.pending();
    if (consumerName != null) {
      StreamConsumer consumer = group.consumer(consumerName);
      if (consumer == null) {
        return RespArray.EMPTY;
      }
      pel = consumer.pending();
    }
    long now = c.server().now();
    List<RespValue> out = new ArrayList<>();
    if (count > 0 && start.compareTo(end) <= 0) {
      for (var e : pel.subMap(start, true, end, true).entrySet()) {
        StreamPending p = e.getValue();
        long idle = now - p.deliveryTime();
        if (minIdle != 0 && idle < minIdle) {
          continue;
        }
        out.add(RespArray.of(StreamReplies.id(e.getKey()), Replies.bulk(p.consumer().name()),
            Replies.integer(Math.max(0, idle)), Replies.integer(p.deliveryCount())));
        if (--count == 0) {
          break;
        }
      }
    }
    return new RespArray(out);
  }

  private static RespValue summary(StreamGroup group) {
    var pel = group.pending();
    if (pel.isEmpty()) {
      return RespArray.of(RespInteger.ZERO, RespNull.BULK, RespNull.BULK, RespNull.ARRAY);
    }
    List<RespValue> consumers = new ArrayList<>();
    for (StreamConsumer consumer : group.consumers().values()) {
      if (!consumer.pending().isEmpty()) {
        consumers.add(RespArray.of(Replies.bulk(consumer.name()),
            Replies.bulk(Numbers.format(consumer.pending().size()))));
      }
    }
    return RespArray.of(Replies.integer(pel.size()), StreamReplies.id(pel.firstKey()),
        StreamReplies.id(pel.lastKey()), new RespArray(consumers));
  }

  // --- XCLAIM, XAUTOCLAIM ----------------------------------------------------------------------

  private static RespValue claim(Call c) {
    StreamValue s = c.read(c.key(1), StreamValue.class);
    StreamGroup group = s == null ? null : s.group(c.key(2));
    if (group == null) {
      throw new RedisError("NOGROUP No such key '" + c.str(1) + "' or consumer group '" + c.str(2) + "'");
    }
    long minIdle = Math.max(0, c.longArg(4, "ERR Invalid min-idle-time argument for XCLAIM"));
    List<StreamId> ids = new ArrayList<>();
    int j = 5;
    for (; j < c.argc(); j++) {
      StreamId id = StreamIds.tryParse(c.arg(j), 0, true);
      if (id == null) {
        break;
      }
      ids.add(id);
    }
    long now = c.server().now();
    long deliveryTime = -1;
    long retryCount = -1;
    boolean force = false;
    boolean justId = false;
    StreamId lastId = StreamId.MIN;
    for (; j < c.argc(); j++) {
      boolean more = j + 1 < c.argc();
      if (c.is(j, "FORCE")) {
        force = true;
      } else if (c.is(j, "JUSTID")) {
        justId = true;
      } else if (c.is(j, "IDLE") && more) {
        deliveryTime = now - c.longArg(++j, "ERR Invalid IDLE option argument for XCLAIM");
      } else if (c.is(j, "TIME") && more) {
        deliveryTime = c.longArg(++j, "ERR Invalid TIME option argument for XCLAIM");
      } else if (c.is(j, "RETRYCOUNT") && more) {
        retryCount = c.longArg(++j, "ERR Invalid RETRYCOUNT option argument for XCLAIM");
      } else if (c.is(j, "LASTID") && more) {
        lastId = StreamIds.parse(c.arg(++j), 0, true);
      } else {
        throw new RedisError("ERR Unrecognized XCLAIM option '" + c.str(j) + "'");
      }
    }
    boolean propagateLastId = false;
    if (lastId.compareTo(group.lastId()) > 0) {
      group.lastId(lastId);
      propagateLastId = true;
    }
    if (deliveryTime < 0 || deliveryTime > now) {
      // a clock a little ahead of ours is no reason to fail a claim, as Redis reasons
      deliveryTime = now;
    }
    Bytes key = c.key(1);
    Claimer claimer = new Claimer(c, group, c.key(3), now);
    List<RespValue> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      StreamId id = ids.get(i);
      byte[] idArg = c.arg(5 + i);
      StreamPending p = group.pendingEntry(id);
      StreamEntry entry = s.entry(id);
      if (entry == null) {
        if (p != null) {
          c.propagateAs(StreamDelivery.xclaim(key, group, idArg, p));
          propagateLastId = false;
          group.acknowledge(id);
          c.server().addDirty(1);
        }
        continue;
      }
      if (force && p == null) {
        p = group.createPending(id, now);
      }
      if (p == null) {
        continue;
      }
      if (p.consumer() != null && minIdle != 0 && now - p.deliveryTime() < minIdle) {
        continue;
      }
      group.transfer(id, p, claimer.consumer());
      p.deliveryTime(deliveryTime);
      if (retryCount >= 0) {
        p.deliveryCount(retryCount);
      } else if (!justId) {
        p.deliveryCount(p.deliveryCount() + 1);
      }
      out.add(justId ? StreamReplies.id(id) : StreamReplies.entry(entry));
      c.propagateAs(StreamDelivery.xclaim(key, group, idArg, p));
      propagateLastId = false;
      c.server().addDirty(1);
    }
    if (propagateLastId) {
      c.propagateAs(StreamDelivery.setId(key, group));
      c.server().addDirty(1);
    }
    c.propagateRewrittenOnly();
    return new RespArray(out);
  }

  private static RespValue autoClaim(Call c) {
    long minIdle = Math.max(0, c.longArg(4, "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
    StreamId start = StreamIds.parseBound(c.arg(5), 0, true);
    long count = 100;
    boolean justId = false;
    for (int j = 6; j < c.argc(); j++) {
      if (c.is(j, "COUNT") && j + 1 < c.argc()) {
        Long n = Numbers.parseLong(c.arg(++j));
        if (n == null || n < 1 || n > Long.MAX_VALUE / 16) {
          throw new RedisError("ERR COUNT must be > 0");
        }
        count = n;
      } else if (c.is(j, "JUSTID")) {
        justId = true;
      } else {
        throw RedisError.syntax();
      }
    }
    StreamValue s = c.read(c.key(1), StreamValue.class);
    StreamGroup group = s == null ? null : s.group(c.key(2));
    if (group == null) {
      throw new RedisError("NOGROUP No such key '" + c.str(1) + "' or consumer group '" + c.str(2) + "'");
    }
    if (count > ALLOCATABLE_COUNT) {
      throw new RedisError("ERR Insufficient memory, failed allocating transient memory, COUNT too high.");
    }
    Bytes key = c.key(1);
    long now = c.server().now();
    Claimer claimer = new Claimer(c, group, c.key(3), now);
    long attempts = count * ATTEMPTS_FACTOR;
    List<RespValue> claimed = new ArrayList<>();
    List<RespValue> deleted = new ArrayList<>();
    NavigableMap<StreamId, StreamPending> pel = group.pending();
    StreamId at = pel.ceilingKey(start);
    StreamId last = null;
    while (attempts-- > 0 && count > 0 && at != null) {
      StreamId id = at;
      last = id;
      at = pel.higherKey(id);
      StreamPending p = pel.get(id);
      StreamEntry entry = s.entry(id);
      if (entry == null) {
        c.propagateAs(StreamDelivery.xclaim(key, group, id.bytes(), p));
        c.server().addDirty(1);
        group.acknowledge(id);
        deleted.add(StreamReplies.id(id));
        count--;
        continue;
      }
      if (minIdle != 0 && now - p.deliveryTime() < minIdle) {
        continue;
      }
      group.transfer(id, p, claimer.consumer());
      p.deliveryTime(now);
      if (!justId) {
        p.deliveryCount(p.deliveryCount() + 1);
      }
      claimed.add(justId ? StreamReplies.id(id) : StreamReplies.entry(entry));
      count--;
      c.propagateAs(StreamDelivery.xclaim(key, group, id.bytes(), p));
      c.server().addDirty(1);
    }
    StreamId next = last == null ? pel.ceilingKey(start) : pel.higherKey(last);
    c.propagateRewrittenOnly();
    return RespArray.of(StreamReplies.id(next == null ? StreamId.MIN : next), new RespArray(claimed),
        new RespArray(deleted));
  }

  /** Finds or creates the claiming consumer on first use, as Redis 7.0 does. */
  private static final class Claimer {
    private final Call call;
    private final StreamGroup group;
    private final Bytes name;
    private final long now;
    private StreamConsumer consumer;

    Claimer(Call call, StreamGroup group, Bytes name, long now) {
      this.call = call;
      this.group = group;
      this.name = name;
      this.now = now;
    }

    StreamConsumer consumer() {
      if (consumer == null) {
        consumer = group.consumer(name);
        if (consumer == null) {
          consumer = group.createConsumer(name, now);
          call.server().addDirty(1);
          call.notify(NOTIFY_STREAM, "xgroup-createconsumer", call.key(1));
        }
        consumer.seen(now);
      }
      return consumer;
    }
  }
}
