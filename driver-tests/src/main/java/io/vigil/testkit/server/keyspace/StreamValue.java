package io.vigil.testkit.server.keyspace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stream value, laid out as Redis 7.0 lays it out: a radix tree of nodes keyed by their first
 * entry's ID, each node what one listpack holds (see {@link StreamNode}), plus the stream's
 * metadata (length, last generated ID, first entry ID, highest deleted ID, entries ever added)
 * and its consumer groups.
 *
 * <p>Entries are appended into the last node until it reaches {@code stream-node-max-bytes} or
 * {@code stream-node-max-entries}, deleted as tombstones, and trimmed by whole nodes first, so
 * {@code XINFO STREAM}'s radix-tree figures and the RDB encoding come out as Redis's. The lag
 * and read-counter rules ({@link #estimateEntriesRead}, {@link #lag}) are Redis 7.0's. IDs are
 * compared unsigned. Server thread only.
 */
public final class StreamValue implements RedisValue {

  private static final long LISTPACK_MAX_SIZE = 1L << 30;

  private final TreeMap<StreamId, StreamNode> nodes = new TreeMap<>();
  private long length;
  private StreamId lastId = StreamId.MIN;
  private StreamId firstId = StreamId.MIN;
  private StreamId maxDeletedId = StreamId.MIN;
  private long entriesAdded;
  /** Created on first use, as Redis does. */
  private TreeMap<Bytes, StreamGroup> groups;

  @Override
  public String typeName() {
    return "stream";
  }

  @Override
  public String encoding() {
    return "stream";
  }

  @Override
  public StreamValue copy() {
    StreamValue c = new StreamValue();
    for (StreamNode n : nodes.values()) {
      c.nodes.put(n.masterId(), n.copy());
    }
    c.length = length;
    c.lastId = lastId;
    c.firstId = firstId;
    c.maxDeletedId = maxDeletedId;
    c.entriesAdded = entriesAdded;
    if (groups != null) {
      c.groups = new TreeMap<>();
      for (StreamGroup g : groups.values()) {
        c.groups.put(g.name(), g.copy());
      }
    }
    return c;
  }

  // --- metadata ------------------------------------------------------------------------------

  /** Live entries ({@code XLEN}). */
  public long length() {
    return length;
  }

  /** The last ID generated or set ({@code last-generated-id}). */
  public StreamId lastId() {
    return lastId;
  }

  /** The first live entry's ID as recorded, {@code 0-0} when empty. */
  public StreamId firstId() {
    return firstId;
  }

  /** The highest ID ever deleted by {@code XDEL} ({@code max-deleted-entry-id}). */
  public StreamId maxDeletedId() {
    return maxDeletedId;
  }

  /** Entries ever added ({@code entries-added}). */
  public long entriesAdded() {
    return entriesAdded;
  }

  /** Sets the last ID ({@code XSETID}). */
  public void lastId(StreamId id) {
    this.lastId = id;
  }

  /** Sets the entries-added counter ({@code XSETID ... ENTRIESADDED}). */
  public void entriesAdded(long n) {
    this.entriesAdded = n;
  }

  /** Sets the recorded first ID (loading an old RDB that lacks it). */
  public void firstId(StreamId id) {
    this.firstId = id;
  }

  /** Sets the highest deleted ID ({@code XSETID ... MAXDELETEDID}). */
  public void maxDeletedId(StreamId id) {
    this.maxDeletedId = id;
  }

  /** The number of radix tree keys: nodes ({@code radix-tree-keys}). */
  public int radixTreeKeys() {
    return nodes.size();
  }

  /**
   * The number of nodes of Redis's radix tree holding the node keys ({@code radix-tree-nodes}).
   * Redis's tree stays in the compressed form for keys of one length (16 bytes here) through
   * inserts and removals, so the count follows from the keys: a node for each shared prefix,
   * each branching point and each key.
   */
  public int radixTreeNodes() {
    if (nodes.isEmpty()) {
      return 1;
    }
    List<byte[]> keys = new ArrayList<>(nodes.size());
    for (StreamId id : nodes.keySet()) {
      keys.add(id.toBytes());
    }
    return subtreeNodes(keys, 0, keys.size(), 0);
  }

  private static int subtreeNodes(List<byte[]> keys, int from, int to, int depth) {
    if (to - from == 1) {
      return depth == 16 ? 1 : 2; // a leaf, or a compressed tail and its leaf
    }
    byte[] first = keys.get(from);
    byte[] last = keys.get(to - 1);
    int branch = depth;
    while (first[branch] == last[branch]) {
      branch++;
    }
    int count = (branch > depth ? 1 : 0) + 1; // the shared prefix node, then the branching node
    int start = from;
    for (int i = from + 1; i <= to; i++) {
      if (i == to || keys.get(i)[branch] != keys.get(start)[branch]) {
        count += subtreeNodes(keys, start, i, branch + 1);
        start = i;
      }
    }
    return count;
  }

  /** The nodes in ID order (read-only view), for persistence. */
  public Collection<StreamNode> nodes() {
    return Collections.unmodifiableCollection(nodes.values());
  }

  // --- adding, deleting, trimming -------------------------------------------------------------

  /**
   * Appends an entry; {@code id} must be above {@link #lastId()}. A new node starts when the
   * last one's listpack plus the new fields and values would reach {@code nodeMaxBytes} (0 or
   * above 1 GB: 1 GB), or it holds {@code nodeMaxEntries} entries, tombstones included (0: no
   * limit), as in Redis's {@code streamAppendItem}.
   *
   * @param fieldsValues field, value, field, value...
   */
  public void append(StreamId id, byte[][] fieldsValues, long nodeMaxBytes, long nodeMaxEntries) {
    int n = fieldsValues.length / 2;
    byte[][] fields = new byte[n][];
    byte[][] values = new byte[n][];
    long totalBytes = 0;
    for (int i = 0; i < n; i++) {
      fields[i] = fieldsValues[2 * i];
      values[i] = fieldsValues[2 * i + 1];
      totalBytes += fields[i].length + values[i].length;
    }
    Map.Entry<StreamId, StreamNode> tail = nodes.lastEntry();
    StreamNode node = tail == null ? null : tail.getValue();
    if (node != null) {
      long maxBytes = nodeMaxBytes == 0 || nodeMaxBytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : nodeMaxBytes;
      if (node.listpackBytes() + totalBytes >= maxBytes
          || (nodeMaxEntries != 0 && node.live() + node.deleted() >= nodeMaxEntries)) {
        node = null;
      }
    }
    if (node == null) {
      node = StreamNode.create(id, fields);
      nodes.put(id, node);
    }
    node.append(id, fields, values);
    length++;
    entriesAdded++;
    lastId = id;
    if (length == 1) {
      firstId = id;
    }
  }

  /**
   * Deletes the given IDs as {@code XDEL} does: live entries become tombstones (a node goes
   * with its last live entry), the highest deleted ID and the first ID follow.
   *
   * @return how many entries were deleted
   */
  public int delete(List<StreamId> ids) {
    int deleted = 0;
    boolean firstDeleted = false;
    for (StreamId id : ids) {
      if (deleteOne(id)) {
        if (id.equals(firstId)) {
          firstDeleted = true;
        }
        if (id.compareTo(maxDeletedId) > 0) {
          maxDeletedId = id;
        }
        deleted++;
      }
    }
    if (deleted > 0) {
      if (length == 0) {
        firstId = StreamId.MIN;
      } else if (firstDeleted) {
        firstId = firstLiveId();
      }
    }
    return deleted;
  }

  private boolean deleteOne(StreamId id) {
    Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
    if (e == null) {
      return false;
    }
    StreamNode node = e.getValue();
    StreamEntry entry = node.find(id);
    if (entry == null || entry.deleted()) {
      return false;
    }
    if (node.live() == 1) {
      nodes.remove(node.masterId());
    } else {
      node.delete(entry);
    }
    length--;
    return true;
  }

  /**
   * Trims as Redis's {@code streamTrim}: whole nodes from the head while they can go, then (when
   * not approximate) entries of the next node turned into tombstones.
   *
   * @return how many entries were removed
   */
  public long trim(StreamTrim t) {
    long removed = 0;
    while (!nodes.isEmpty()) {
      if (t.byLength() && length <= t.maxLength()) {
        break;
      }
      StreamNode node = nodes.firstEntry().getValue();
      int entries = node.live();
      if (t.limit() != 0 && removed + entries > t.limit()) {
        break;
      }
      boolean removeNode = t.byLength()
          ? length - entries >= t.maxLength()
          : node.lastId().compareTo(t.minId()) < 0;
      if (removeNode) {
        nodes.remove(node.masterId());
        length -= entries;
        removed += entries;
        continue;
      }
      if (t.approximate()) {
        break;
      }
      for (StreamEntry entry : node.entries()) {
        boolean stop = t.byLength() ? length <= t.maxLength() : entry.id().compareTo(t.minId()) >= 0;
        if (stop) {
          break;
        }
        if (!entry.deleted()) {
          node.delete(entry);
          length--;
          removed++;
        }
      }
      break;
    }
    if (length == 0) {
      firstId = StreamId.MIN;
    } else if (removed > 0) {
      firstId = firstLiveId();
    }
    return removed;
  }

  // --- reading ---------------------------------------------------------------------------------

  /** The first live entry's ID, or null when the stream is empty. */
  public StreamId firstLiveId() {
    StreamEntry e = cursor(StreamId.MIN, StreamId.MAX, false).next();
    return e == null ? null : e.id();
  }

  /** The last live entry's ID ({@code streamLastValidID}), or null when empty. */
  public StreamId lastLiveId() {
    StreamEntry e = cursor(StreamId.MIN, StreamId.MAX, true).next();
    return e == null ? null : e.id();
  }

  /** The first entry's ID, tombstones included, or {@link StreamId#MAX} when there is none. */
  public StreamId firstIdWithTombstones() {
    return nodes.isEmpty() ? StreamId.MAX : nodes.firstKey();
  }

  /** The live entry {@code id}, or null. */
  public StreamEntry entry(StreamId id) {
    Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(id);
    if (e == null) {
      return null;
    }
    StreamEntry entry = e.getValue().find(id);
    return entry == null || entry.deleted() ? null : entry;
  }

  /** A cursor over the live entries from {@code start} to {@code end}, both inclusive. */
  public Cursor cursor(StreamId start, StreamId end, boolean reverse) {
    return new Cursor(start, end, reverse);
  }

  /** Walks live entries in ID order (or reverse); invalid once the stream changes. */
  public final class Cursor {
    private final StreamId start;
    private final StreamId end;
    private final boolean reverse;
    private StreamNode node;
    private int index;
    private boolean done;

    private Cursor(StreamId start, StreamId end, boolean reverse) {
      this.start = start;
      this.end = end;
      this.reverse = reverse;
      if (nodes.isEmpty() || start.compareTo(end) > 0) {
        done = true;
        return;
      }
      Map.Entry<StreamId, StreamNode> e = nodes.floorEntry(reverse ? end : start);
      if (e == null) {
        e = reverse ? null : nodes.firstEntry();
      }
      if (e == null) {
        done = true;
        return;
      }
      node = e.getValue();
      if (reverse) {
        StreamId above = end.next();
        index = above == null ? node.entries().size() - 1 : node.lowerBound(above) - 1;
      } else {
        index = node.lowerBound(start);
      }
    }

    /** The next live entry in range, or null at the end. */
    public StreamEntry next() {
      while (!done) {
        List<StreamEntry> entries = node.entries();
        if (reverse ? index < 0 : index >= entries.size()) {
          Map.Entry<StreamId, StreamNode> e = reverse ? nodes.lowerEntry(node.masterId())
              : nodes.higherEntry(node.masterId());
          if (e == null) {
            done = true;
            return null;
          }
          node = e.getValue();
          index = reverse ? node.entries().size() - 1 : 0;
          continue;
        }
        StreamEntry entry = entries.get(reverse ? index-- : index++);
        if (entry.deleted()) {
          continue;
        }
        if (reverse ? entry.id().compareTo(start) < 0 : entry.id().compareTo(end) > 0) {
          done = true;
          return null;
        }
        if (reverse ? entry.id().compareTo(end) > 0 : entry.id().compareTo(start) < 0) {
          continue;
        }
        return entry;
      }
      return null;
    }
  }

  // --- read counters and lag (Redis 7.0's rules) -----------------------------------------------

  /**
   * Whether a tombstone may lie between {@code start} and {@code end} (null: the end of the
   * stream), as Redis's {@code streamRangeHasTombstones} judges from the highest deleted ID.
   */
  public boolean rangeHasTombstones(StreamId start, StreamId end) {
    if (length == 0 || maxDeletedId.isZero()) {
      return false;
    }
    if (firstId.compareTo(maxDeletedId) > 0) {
      return false; // the latest tombstone is before the first entry
    }
    StreamId to = end == null ? StreamId.MAX : end;
    return start.compareTo(maxDeletedId) <= 0 && maxDeletedId.compareTo(to) <= 0;
  }

  /**
   * The logical read counter of {@code id} (how many entries were added up to it), or
   * {@link StreamGroup#INVALID_ENTRIES_READ} when it cannot be known, as Redis's
   * {@code streamEstimateDistanceFromFirstEverEntry}.
   */
  public long estimateEntriesRead(StreamId id) {
    if (entriesAdded == 0) {
      return 0;
    }
    if (length == 0 && id.compareTo(lastId) < 1) {
      return entriesAdded;
    }
    int cmpLast = id.compareTo(lastId);
    if (cmpLast == 0) {
      return entriesAdded;
    } else if (cmpLast > 0) {
      return StreamGroup.INVALID_ENTRIES_READ;
    }
    int cmpFirst = id.compareTo(firstId);
    if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId) < 0) {
      if (cmpFirst < 0) {
        return entriesAdded - length;
      } else if (cmpFirst == 0) {
        return entriesAdded - length + 1;
      }
    }
    return StreamGroup.INVALID_ENTRIES_READ;
  }

  /** How many entries {@code group} has yet to read, or null when it cannot be known. */
  public Long lag(StreamGroup group) {
    if (entriesAdded == 0) {
      return 0L;
    }
    if (group.entriesRead() != StreamGroup.INVALID_ENTRIES_READ && !rangeHasTombstones(group.lastId(), null)) {
      return entriesAdded - group.entriesRead();
    }
    long read = estimateEntriesRead(group.lastId());
    return read == StreamGroup.INVALID_ENTRIES_READ ? null : entriesAdded - read;
  }

  /**
   * Moves {@code group}'s last delivered ID to {@code id} (above it) and keeps its read counter,
   * as Redis does when {@code XREADGROUP} delivers a new entry.
   */
  public void advance(StreamGroup group, StreamId id) {
    if (group.entriesRead() != StreamGroup.INVALID_ENTRIES_READ && !rangeHasTombstones(id, null)) {
      group.entriesRead(group.entriesRead() + 1);
    } else if (entriesAdded != 0) {
      group.entriesRead(estimateEntriesRead(id));
    }
    group.lastId(id);
  }

  // --- consumer groups -------------------------------------------------------------------------

  /** The groups by name (read-only view, empty when none). */
  public Collection<StreamGroup> groups() {
    return groups == null ? List.of() : Collections.unmodifiableCollection(groups.values());
  }

  /** The number of groups. */
  public int groupCount() {
    return groups == null ? 0 : groups.size();
  }

  /** The group called {@code name}, or null. */
  public StreamGroup group(Bytes name) {
    return groups == null ? null : groups.get(name);
  }

  /** Creates a group; null when one with that name exists. */
  public StreamGroup createGroup(Bytes name, StreamId lastDelivered, long entriesRead) {
    if (groups == null) {
      groups = new TreeMap<>();
    }
    if (groups.containsKey(name)) {
      return null;
    }
    StreamGroup g = new StreamGroup(name, lastDelivered, entriesRead);
    groups.put(name, g);
    return g;
  }

  /** Deletes a group; true when it existed. */
  public boolean destroyGroup(Bytes name) {
    return groups != null && groups.remove(name) != null;
  }

  // --- loading ---------------------------------------------------------------------------------

  /**
   * Rebuilds a stream from its saved parts (an RDB), the metadata as saved.
   *
   * @throws IllegalArgumentException when the nodes overlap or the length disagrees with them
   */
  public static StreamValue restore(List<StreamNode> nodes, long length, StreamId lastId, StreamId firstId,
      StreamId maxDeletedId, long entriesAdded) {
    StreamValue s = new StreamValue();
    long live = 0;
    StreamId previousLast = null;
    for (StreamNode n : nodes) {
      if (previousLast != null && n.masterId().compareTo(previousLast) <= 0) {
        throw new IllegalArgumentException("stream node " + n.masterId() + " overlaps the node before it");
      }
      previousLast = n.lastId();
      s.nodes.put(n.masterId(), n);
      live += n.live();
    }
    if (live != length) {
      throw new IllegalArgumentException("the stream says it has " + length + " entries but its nodes hold " + live);
    }
    s.length = length;
    s.lastId = lastId;
    s.firstId = firstId;
    s.maxDeletedId = maxDeletedId;
    s.entriesAdded = entriesAdded;
    return s;
  }
}
