package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespNull;
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
import java.util.function.Consumer;

/**
 * Reading a stream for a client, plain or in a consumer group (Redis's
 * {@code streamReplyWithRange}), and the commands that replicate what a group read changed.
 *
 * <p>A group read of new entries moves the group's last delivered ID and read counter, gives
 * each entry to the consumer's pending list (unless NOACK) and replicates each delivery as an
 * idempotent {@code XCLAIM ... FORCE JUSTID LASTID}; a NOACK read replicates the group's new
 * position as {@code XGROUP SETID ... ENTRIESREAD}, as Redis 7.0 does. A read of the
 * consumer's history serves its pending entries and replicates nothing. Server thread only.
 */
final class StreamDelivery {

  private StreamDelivery() {}

  /**
   * Entries from {@code start}, at most {@code count} (0: all), as reply elements.
   *
   * @param group null for a plain read
   * @param history serve {@code consumer}'s pending entries instead of new ones
   * @param propagate receives the commands that replicate a group read
   */
  static List<RespValue> read(StreamValue s, Bytes key, StreamId start, long count, StreamGroup group,
      StreamConsumer consumer, boolean noAck, boolean history, long now, Consumer<byte[][]> propagate) {
    if (group != null && history) {
      return history(s, start, count, consumer, now);
    }
    List<RespValue> out = new ArrayList<>();
    boolean moved = false;
    StreamValue.Cursor cursor = s.cursor(start, StreamId.MAX, false);
    for (StreamEntry e = cursor.next(); e != null; e = cursor.next()) {
      if (group != null && e.id().compareTo(group.lastId()) > 0) {
        s.advance(group, e.id());
        moved = noAck;
      }
      out.add(StreamReplies.entry(e));
      if (group != null && !noAck) {
        group.deliver(e.id(), consumer, now);
        propagate.accept(xclaim(key, group, e.id().bytes(), group.pendingEntry(e.id())));
      }
      if (count != 0 && out.size() == count) {
        break;
      }
    }
    if (moved) {
      propagate.accept(setId(key, group));
    }
    return out;
  }

  private static List<RespValue> history(StreamValue s, StreamId start, long count, StreamConsumer consumer,
      long now) {
    List<RespValue> out = new ArrayList<>();
    for (var e : consumer.pending().tailMap(start, true).entrySet()) {
      if (count != 0 && out.size() == count) {
        break;
      }
      StreamEntry entry = s.entry(e.getKey());
      if (entry == null) {
        // acknowledged nowhere but deleted from the stream: the ID with a null body, as Redis
        out.add(RespArray.of(StreamReplies.id(e.getKey()), RespNull.ARRAY));
      } else {
        out.add(StreamReplies.entry(entry));
        StreamPending p = e.getValue();
        p.deliveryTime(now);
        p.deliveryCount(p.deliveryCount() + 1);
      }
    }
    return out;
  }

  /**
   * The idempotent form Redis replicates a change of ownership in:
   * {@code XCLAIM key group consumer 0 id TIME t RETRYCOUNT n FORCE JUSTID LASTID last}.
   */
  static byte[][] xclaim(Bytes key, StreamGroup group, byte[] id, StreamPending p) {
    return new byte[][] {bytes("XCLAIM"), key.bytes(), group.name().bytes(), p.consumer().name().bytes(),
        bytes("0"), id, bytes("TIME"), Numbers.format(p.deliveryTime()), bytes("RETRYCOUNT"),
        Numbers.format(p.deliveryCount()), bytes("FORCE"), bytes("JUSTID"), bytes("LASTID"),
        group.lastId().bytes()};
  }

  /** {@code XGROUP SETID key group last-id ENTRIESREAD n}. */
  static byte[][] setId(Bytes key, StreamGroup group) {
    return new byte[][] {bytes("XGROUP"), bytes("SETID"), key.bytes(), group.name().bytes(),
        group.lastId().bytes(), bytes("ENTRIESREAD"), Numbers.format(group.entriesRead())};
  }

  /** {@code XGROUP CREATECONSUMER key group consumer}. */
  static byte[][] createConsumer(Bytes key, StreamGroup group, StreamConsumer consumer) {
    return new byte[][] {bytes("XGROUP"), bytes("CREATECONSUMER"), key.bytes(), group.name().bytes(),
        consumer.name().bytes()};
  }
}
