package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_STREAM;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.StreamConsumer;
import io.vigil.testkit.server.keyspace.StreamGroup;
import io.vigil.testkit.server.keyspace.StreamId;
import io.vigil.testkit.server.keyspace.StreamValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * XREAD and XREADGROUP, including {@code BLOCK}: a client that finds nothing to read waits
 * until an XADD gives one of its streams an entry above its ID (for XREADGROUP, above the
 * group's last delivered ID), or its timeout passes (a null reply). A blocked XREADGROUP fails
 * with {@code -NOGROUP} when its group is destroyed and with {@code -UNBLOCKED} when its key is
 * deleted or replaced, as Redis 7.0 does. Inside MULTI nothing blocks.
 *
 * <p>A blocked read with no COUNT is served at most 1000 entries, Redis's
 * {@code XREAD_BLOCKED_DEFAULT_COUNT}.
 */
final class StreamReadCommands {

  private static final long BLOCKED_DEFAULT_COUNT = 1000;
  /** The ID a {@code >} argument stands for until the group's last ID replaces it. */
  private static final StreamId NEW_ENTRIES = StreamId.MAX;

  private StreamReadCommands() {}

  static void install(CommandTable t) {
    t.add("xread", c -> read(c, false));
    t.add("xreadgroup", c -> read(c, true));
  }

  private static RespValue read(Call c, boolean grouped) {
    long timeout = -1;
    long count = 0;
    int streamsAt = 0;
    int streams = 0;
    boolean noAck = false;
    Bytes groupName = null;
    Bytes consumerName = null;
    for (int i = 1; i < c.argc(); i++) {
      int more = c.argc() - i - 1;
      if (c.is(i, "BLOCK") && more > 0) {
        timeout = blockTimeout(c, ++i);
      } else if (c.is(i, "COUNT") && more > 0) {
        count = Math.max(0, c.longArg(++i));
      } else if (c.is(i, "STREAMS") && more > 0) {
        streamsAt = i + 1;
        streams = c.argc() - streamsAt;
        if (streams % 2 != 0) {
          // 7.0 words it this way for XREADGROUP too
          throw new RedisError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be"
              + " specified.");
        }
        streams /= 2;
        break;
      } else if (c.is(i, "GROUP") && more >= 2) {
        if (!grouped) {
          throw new RedisError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
        }
        groupName = c.key(i + 1);
        consumerName = c.key(i + 2);
        i += 2;
      } else if (c.is(i, "NOACK")) {
        if (!grouped) {
          throw new RedisError("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
        }
        noAck = true;
      } else {
        throw RedisError.syntax();
      }
    }
    if (streamsAt == 0) {
      throw RedisError.syntax();
    }
    if (grouped && groupName == null) {
      throw new RedisError("ERR Missing GROUP option for XREADGROUP");
    }
    List<Bytes> keys = c.keys(streamsAt, streamsAt + streams);
    StreamId[] ids = new StreamId[streams];
    StreamGroup[] groups = new StreamGroup[streams];
    for (int i = 0; i < streams; i++) {
      Bytes key = keys.get(i);
      StreamValue s = c.read(key, StreamValue.class);
      if (grouped) {
        groups[i] = s == null ? null : s.group(groupName);
        if (groups[i] == null) {
          throw new RedisError("NOGROUP No such key '" + key + "' or consumer group '" + groupName
              + "' in XREADGROUP with GROUP option");
        }
      }
      byte[] arg = c.arg(streamsAt + streams + i);
      if (arg.length == 1 && arg[0] == '$') {
        if (grouped) {
          throw new RedisError("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the"
              + " history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID"
              + " would just return an empty result set.");
        }
        ids[i] = s == null ? StreamId.MIN : s.lastId();
      } else if (arg.length == 1 && arg[0] == '>') {
        if (!grouped) {
          throw new RedisError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group>"
              + " <consumer> option.");
        }
        ids[i] = NEW_ENTRIES;
      } else {
        ids[i] = StreamIds.parse(arg, 0, true);
      }
    }

    ServerContext server = c.server();
    long now = server.now();
    List<RespValue> served = new ArrayList<>();
    List<byte[][]> propagation = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      Bytes key = keys.get(i);
      StreamValue s = c.read(key, StreamValue.class);
      if (s == null) {
        continue;
      }
      StreamId after = ids[i];
      boolean serve = false;
      boolean history = false;
      StreamConsumer consumer = null;
      if (grouped) {
        if (!after.equals(NEW_ENTRIES)) {
          serve = true;
          history = true;
        } else if (s.length() > 0) {
          StreamId last = s.lastLiveId();
          if (last.compareTo(groups[i].lastId()) > 0) {
            serve = true;
            after = groups[i].lastId();
          }
        }
      } else if (s.length() > 0 && s.lastLiveId().compareTo(after) > 0) {
        serve = true;
      }
      if (serve) {
        if (grouped) {
          // 7.0 creates the consumer only when it is served something
          consumer = groups[i].consumer(consumerName);
          if (consumer == null) {
            consumer = groups[i].createConsumer(consumerName, now);
            c.notify(NOTIFY_STREAM, "xgroup-createconsumer", key);
            server.addDirty(1);
            if (noAck) {
              propagation.add(StreamDelivery.createConsumer(key, groups[i], consumer));
            }
          }
          consumer.seen(now);
        }
        StreamId start = after.next();
        List<RespValue> entries = StreamDelivery.read(s, key, start == null ? StreamId.MAX : start, count,
            groups[i], consumer, noAck, history, now, propagation::add);
        served.add(RespBulkString.of(key.bytes()));
        served.add(new RespArray(entries));
      }
    }
    for (byte[][] command : propagation) {
      c.propagateAs(command);
    }
    if (propagation.isEmpty()) {
      c.noPropagate();
    } else {
      server.addDirty(1);
    }
    if (!served.isEmpty()) {
      return reply(served, c.resp3());
    }
    if (timeout < 0 || c.inExec()) {
      return RespNull.ARRAY;
    }
    block(c, keys, ids, timeout, count == 0 ? BLOCKED_DEFAULT_COUNT : count, groupName, consumerName, noAck);
    return null;
  }

  /** Longer than any test waits: such a timeout blocks until served, as Redis 7.0 ends up doing. */
  private static final long FOREVER_MILLIS = 100L * 365 * 24 * 3600 * 1000;

  /** BLOCK's milliseconds (0: forever), with Redis's texts for bad values. */
  private static long blockTimeout(Call c, int i) {
    long ms = c.longArg(i, "ERR timeout is not an integer or out of range");
    if (ms < 0) {
      throw new RedisError("ERR timeout is negative");
    }
    return ms > FOREVER_MILLIS ? 0 : ms;
  }

  /** {@code [[key, entries], ...]} in RESP2, {@code {key: entries, ...}} in RESP3. */
  private static RespValue reply(List<RespValue> keysAndEntries, boolean resp3) {
    if (resp3) {
      return new RespMap(keysAndEntries);
    }
    List<RespValue> pairs = new ArrayList<>(keysAndEntries.size() / 2);
    for (int i = 0; i < keysAndEntries.size(); i += 2) {
      pairs.add(RespArray.of(keysAndEntries.get(i), keysAndEntries.get(i + 1)));
    }
    return new RespArray(pairs);
  }

  private static void block(Call c, List<Bytes> keys, StreamId[] ids, long timeout, long count, Bytes groupName,
      Bytes consumerName, boolean noAck) {
    ServerContext server = c.server();
    ClientSession session = c.session();
    int db = c.dbIndex();
    List<Bytes> waitKeys = new ArrayList<>(keys);
    server.blocking.block(session, db, waitKeys, timeout, RespNull.ARRAY, false, key -> {
      int i = keys.indexOf(key);
      RedisValue v = server.keyspace().db(db).get(key);
      if (!(v instanceof StreamValue s)) {
        return groupName != null ? RespError.of("UNBLOCKED the stream key no longer exists") : null;
      }
      StreamGroup group = null;
      StreamId after = ids[i];
      if (groupName != null) {
        group = s.group(groupName);
        if (group == null) {
          return RespError.of("NOGROUP the consumer group this client was blocked on no longer exists");
        }
        after = group.lastId();
      }
      if (s.lastId().compareTo(after) <= 0) {
        return null;
      }
      long now = server.now();
      server.beginPropagation();
      try {
        Consumer<byte[][]> propagate = argv -> server.propagate(db, List.of(argv));
        StreamConsumer consumer = null;
        if (group != null) {
          consumer = group.consumer(consumerName);
          if (consumer == null) {
            consumer = group.createConsumer(consumerName, now);
            server.notify(NOTIFY_STREAM, "xgroup-createconsumer", db, key);
            server.addDirty(1);
            if (noAck) {
              propagate.accept(StreamDelivery.createConsumer(key, group, consumer));
            }
          }
          consumer.seen(now);
        }
        List<RespValue> entries = StreamDelivery.read(s, key, after.next(), count, group, consumer, noAck, false,
            now, propagate);
        boolean resp3 = session.connection.version() == RespVersion.RESP3;
        return reply(List.of(RespBulkString.of(key.bytes()), new RespArray(entries)), resp3);
      } finally {
        server.endPropagation();
      }
    });
  }
}
