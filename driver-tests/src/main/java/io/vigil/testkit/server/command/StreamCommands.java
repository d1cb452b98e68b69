package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_STREAM;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.StreamId;
import io.vigil.testkit.server.keyspace.StreamValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream commands that add, read, delete and trim entries: XADD, XRANGE, XREVRANGE, XLEN,
 * XDEL, XTRIM and XSETID. Consumer groups are in {@link StreamGroupCommands}, XREAD and
 * XREADGROUP in {@link StreamReadCommands}, XINFO in {@link StreamInfoCommand}.
 *
 * <p>Propagation follows Redis: an XADD with {@code *} or {@code <ms>-*} carries the ID it
 * generated, and an approximate ({@code ~}) trim carries {@code =} and the exact outcome, so a
 * replica or the AOF ends up with the same entries.
 */
final class StreamCommands {

  private static final long LISTPACK_MAX_SIZE = 1L << 30;

  private StreamCommands() {}

  /** Installs the whole stream family: these commands, groups, reads and XINFO. */
  static void install(CommandTable t) {
    StreamGroupCommands.install(t);
    StreamReadCommands.install(t);
    StreamInfoCommand.install(t);
    t.add("xadd", StreamCommands::xadd);
    t.add("xrange", c -> range(c, false));
    t.add("xrevrange", c -> range(c, true));
    t.add("xlen", c -> {
      StreamValue s = c.read(c.key(1), StreamValue.class);
      return Replies.integer(s == null ? 0 : s.length());
    });
    t.add("xdel", StreamCommands::xdel);
    t.add("xtrim", StreamCommands::xtrim);
    t.add("xsetid", StreamCommands::xsetid);
  }

  private static RespValue xadd(Call c) {
    ServerContext server = c.server();
    StreamTrimArgs args = StreamTrimArgs.parse(c, true, server.streamNodeMaxEntries);
    int fieldsAt = args.idIndex + 1;
    int pairs = c.argc() - fieldsAt;
    if (pairs < 2 || pairs % 2 == 1) {
      throw new RedisError("ERR wrong number of arguments for 'xadd' command");
    }
    if (args.id != null && args.id.seqGiven() && args.id.id().isZero()) {
      throw new RedisError("ERR The ID specified in XADD must be greater than 0-0");
    }
    Bytes key = c.key(1);
    StreamValue s = c.lookupWrite(key, StreamValue.class);
    boolean created = false;
    if (s == null) {
      if (args.noMakeStream) {
        return RespNull.BULK;
      }
      s = new StreamValue();
      c.db().put(key, s, false);
      created = true;
    }
    StreamId last = s.lastId();
    if (last.equals(StreamId.MAX)) {
      throw new RedisError("ERR The stream has exhausted the last possible ID, unable to add more items");
    }
    StreamId id = nextId(s, args.id, server.now());
    if (id == null || id.compareTo(last) <= 0) {
      throw new RedisError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
    }
    byte[][] fieldsValues = new byte[pairs][];
    long total = 0;
    for (int i = 0; i < pairs; i++) {
      fieldsValues[i] = c.arg(fieldsAt + i);
      total += fieldsValues[i].length;
    }
    if (total > LISTPACK_MAX_SIZE) {
      throw new RedisError("ERR Elements are too large to be stored");
    }
    s.append(id, fieldsValues, server.streamNodeMaxBytes, server.streamNodeMaxEntries);
    c.notify(NOTIFY_STREAM, "xadd", key);
    byte[][] propagated = c.argv().clone();
    if (args.trims) {
      if (s.trim(args.trim()) > 0) {
        c.notify(NOTIFY_STREAM, "xtrim", key);
      }
      if (args.approximate) {
        rewriteTrim(propagated, args, s);
      }
    }
    if (!created) {
      c.modified(key);
      c.ready(key);
    }
    if (args.id == null || !args.id.seqGiven()) {
      propagated[args.idIndex] = id.bytes();
    }
    c.propagateAs(propagated);
    return StreamReplies.id(id);
  }

  /** The ID XADD uses: given, {@code <ms>-*} completed, or generated from the clock. */
  private static StreamId nextId(StreamValue s, StreamIds.AddId given, long now) {
    StreamId last = s.lastId();
    if (given == null) {
      if (Long.compareUnsigned(now, last.ms()) > 0) {
        return new StreamId(now, 0);
      }
      return last.next();
    }
    StreamId id = given.id();
    if (given.seqGiven()) {
      return id;
    }
    if (last.ms() == id.ms()) {
      return last.seq() == -1L ? null : new StreamId(id.ms(), last.seq() + 1);
    }
    return id;
  }

  /** An approximate trim is propagated as the exact trim it turned out to be. */
  private static void rewriteTrim(byte[][] argv, StreamTrimArgs args, StreamValue s) {
    argv[args.thresholdIndex - 1] = bytes("=");
    argv[args.thresholdIndex] = args.byLength ? Numbers.format(s.length()) : s.firstIdWithTombstones().bytes();
  }

  private static RespValue range(Call c, boolean reverse) {
    StreamId start = StreamIds.parseBound(c.arg(reverse ? 3 : 2), 0, true);
    StreamId end = StreamIds.parseBound(c.arg(reverse ? 2 : 3), -1L, false);
    long count = -1;
    for (int j = 4; j < c.argc(); j++) {
      if (c.is(j, "COUNT") && j + 1 < c.argc()) {
        count = Math.max(0, c.longArg(++j));
      } else {
        throw RedisError.syntax();
      }
    }
    StreamValue s = c.read(c.key(1), StreamValue.class);
    if (s == null) {
      return RespArray.EMPTY;
    }
    if (count == 0) {
      return RespNull.ARRAY;
    }
    return new RespArray(StreamReplies.range(s, start, end, Math.max(count, 0), reverse));
  }

  private static RespValue xdel(Call c) {
    Bytes key = c.key(1);
    StreamValue s = c.lookupWrite(key, StreamValue.class);
    if (s == null) {
      return RespInteger.ZERO;
    }
    List<StreamId> ids = new ArrayList<>(c.argc() - 2);
    for (int j = 2; j < c.argc(); j++) {
      ids.add(StreamIds.parse(c.arg(j), 0, true));
    }
    int deleted = s.delete(ids);
    if (deleted > 0) {
      c.modified(key);
      c.notify(NOTIFY_STREAM, "xdel", key);
      c.server().addDirty(deleted - 1);
    }
    return Replies.integer(deleted);
  }

  private static RespValue xtrim(Call c) {
    StreamTrimArgs args = StreamTrimArgs.parse(c, false, c.server().streamNodeMaxEntries);
    Bytes key = c.key(1);
    StreamValue s = c.lookupWrite(key, StreamValue.class);
    if (s == null) {
      return RespInteger.ZERO;
    }
    long deleted = s.trim(args.trim());
    if (deleted > 0) {
      c.notify(NOTIFY_STREAM, "xtrim", key);
      if (args.approximate) {
        byte[][] propagated = c.argv().clone();
        rewriteTrim(propagated, args, s);
        c.propagateAs(propagated);
      }
      c.modified(key);
      c.server().addDirty(deleted - 1);
    }
    return Replies.integer(deleted);
  }

  private static RespValue xsetid(Call c) {
    StreamId id = StreamIds.parse(c.arg(2), 0, true);
    StreamId maxDeleted = StreamId.MIN;
    long entriesAdded = -1;
    for (int i = 3; i < c.argc(); i += 2) {
      boolean more = i + 1 < c.argc();
      if (c.is(i, "ENTRIESADDED") && more) {
        entriesAdded = c.longArg(i + 1);
        if (entriesAdded < 0) {
          throw new RedisError("ERR entries_added must be positive");
        }
      } else if (c.is(i, "MAXDELETEDID") && more) {
        maxDeleted = StreamIds.parse(c.arg(i + 1), 0, true);
        if (id.compareTo(maxDeleted) < 0) {
          throw new RedisError("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
        }
      } else {
        throw RedisError.syntax();
      }
    }
    Bytes key = c.key(1);
    StreamValue s = c.lookupWrite(key, StreamValue.class);
    if (s == null) {
      throw new RedisError("ERR no such key");
    }
    if (s.length() > 0) {
      if (id.compareTo(s.lastLiveId()) < 0) {
        throw new RedisError("ERR The ID specified in XSETID is smaller than the target stream top item");
      }
      if (entriesAdded != -1 && s.length() > entriesAdded) {
        throw new RedisError("ERR The entries_added specified in XSETID is smaller than the target stream length");
      }
    }
    s.lastId(id);
    if (entriesAdded != -1) {
      s.entriesAdded(entriesAdded);
    }
    if (!maxDeleted.isZero()) {
      s.maxDeletedId(maxDeleted);
    }
    c.modified(key);
    c.notify(NOTIFY_STREAM, "xsetid", key);
    return RespSimpleString.OK;
  }
}
