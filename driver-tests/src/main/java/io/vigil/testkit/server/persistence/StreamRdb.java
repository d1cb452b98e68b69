package io.vigil.testkit.server.persistence;

import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.StreamConsumer;
import io.vigil.testkit.server.keyspace.StreamGroup;
import io.vigil.testkit.server.keyspace.StreamId;
import io.vigil.testkit.server.keyspace.StreamNode;
import io.vigil.testkit.server.keyspace.StreamPending;
import io.vigil.testkit.server.keyspace.StreamValue;
import io.vigil.testkit.server.rdb.RdbStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between a {@link StreamValue} and the {@link RdbStream} an RDB holds, both ways, for
 * snapshots, full syncs and {@code DUMP}-style payloads. Stateless.
 *
 * <p>Loading a type 15 stream derives what that format lacks as Redis 7.0 does: the first ID
 * from the entries, no deleted ID, entries-added equal to the length, and each group's read
 * counter estimated from its last delivered ID.
 */
public final class StreamRdb {

  private StreamRdb() {}

  /** The RDB form of {@code s}. */
  public static RdbStream toRdb(StreamValue s) {
    List<RdbStream.Node> nodes = new ArrayList<>(s.radixTreeKeys());
    for (StreamNode n : s.nodes()) {
      nodes.add(new RdbStream.Node(id(n.masterId()), n.listpackElements()));
    }
    List<RdbStream.Group> groups = new ArrayList<>(s.groupCount());
    for (StreamGroup g : s.groups()) {
      List<RdbStream.Pending> pending = new ArrayList<>(g.pending().size());
      for (var e : g.pending().entrySet()) {
        pending.add(new RdbStream.Pending(id(e.getKey()), e.getValue().deliveryTime(), e.getValue().deliveryCount()));
      }
      List<RdbStream.Consumer> consumers = new ArrayList<>(g.consumers().size());
      for (StreamConsumer c : g.consumers().values()) {
        List<RdbStream.Id> owned = new ArrayList<>(c.pending().size());
        for (StreamId id : c.pending().keySet()) {
          owned.add(id(id));
        }
        consumers.add(new RdbStream.Consumer(c.name().bytes(), c.seenTime(), owned));
      }
      groups.add(new RdbStream.Group(g.name().bytes(), id(g.lastId()), g.entriesRead(), pending, consumers));
    }
    return new RdbStream(nodes, s.length(), id(s.lastId()), id(s.firstId()), id(s.maxDeletedId()), s.entriesAdded(),
        groups, false);
  }

  /**
   * The stream {@code r} describes.
   *
   * @throws IllegalArgumentException when its parts contradict one another (a malformed node,
   *     a length its nodes do not hold, a pending entry nobody owns)
   */
  public static StreamValue fromRdb(RdbStream r) {
    List<StreamNode> nodes = new ArrayList<>(r.nodes().size());
    for (RdbStream.Node n : r.nodes()) {
      nodes.add(StreamNode.fromListpackElements(id(n.masterId()), n.elements()));
    }
    StreamValue s = StreamValue.restore(nodes, r.length(), id(r.lastId()), id(r.firstId()), id(r.maxDeletedId()),
        r.entriesAdded());
    if (r.legacy()) {
      s.maxDeletedId(StreamId.MIN);
      s.entriesAdded(r.length());
      StreamId first = s.firstLiveId();
      s.firstId(first == null ? StreamId.MAX : first); // streamGetEdgeID's answer for an empty stream
    }
    for (RdbStream.Group rg : r.groups()) {
      StreamId last = id(rg.lastId());
      long entriesRead = r.legacy() ? s.estimateEntriesRead(last) : rg.entriesRead();
      StreamGroup g = s.createGroup(Bytes.wrap(rg.name()), last, entriesRead);
      if (g == null) {
        throw new IllegalArgumentException("duplicated consumer group '" + new String(rg.name(),
            java.nio.charset.StandardCharsets.UTF_8) + "'");
      }
      for (RdbStream.Pending p : rg.pending()) {
        g.restorePending(id(p.id()), p.deliveryTime(), p.deliveryCount());
      }
      for (RdbStream.Consumer rc : rg.consumers()) {
        StreamConsumer c = g.createConsumer(Bytes.wrap(rc.name()), rc.seenTime());
        if (c == null) {
          throw new IllegalArgumentException("duplicated consumer '" + new String(rc.name(),
              java.nio.charset.StandardCharsets.UTF_8) + "'");
        }
        for (RdbStream.Id owned : rc.pending()) {
          StreamId pid = id(owned);
          StreamPending p = g.pendingEntry(pid);
          g.transfer(pid, p, c);
        }
      }
      for (var e : g.pending().entrySet()) {
        if (e.getValue().consumer() == null) {
          throw new IllegalArgumentException("pending entry " + e.getKey() + " has no consumer");
        }
      }
    }
    return s;
  }

  private static RdbStream.Id id(StreamId id) {
    return new RdbStream.Id(id.ms(), id.seq());
  }

  private static StreamId id(RdbStream.Id id) {
    return new StreamId(id.ms(), id.seq());
  }
}
