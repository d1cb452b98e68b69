package io.vigil.testkit.server.keyspace;

import io.vigil.testkit.server.rdb.Listpack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One node of a stream's radix tree: what Redis keeps in one listpack under the ID of its first
 * entry (the master ID). It holds the master fields (the fields of its first entry, which later
 * entries with the same fields share), its entries in ID order, tombstones included, and the
 * exact byte size the listpack has, which decides when Redis starts a new node.
 *
 * <p>The listpack layout, element by element, is Redis 7.0's: {@code count, deleted,
 * num-fields, field..., 0}, then per entry {@code flags, ms-diff, seq-diff, [num-fields,
 * field, value... | value...], lp-count}. {@link #listpackElements()} writes it and
 * {@link #fromListpackElements} reads it. Server thread only.
 */
public final class StreamNode {

  /** Listpack header (total bytes, element count) and end byte. */
  private static final int LISTPACK_OVERHEAD = 7;

  private final StreamId masterId;
  private final byte[][] masterFields;
  private final ArrayList<StreamEntry> entries = new ArrayList<>();
  private int live;
  private int deleted;
  /** The listpack's bytes apart from its two counters, whose size changes as they change. */
  private long fixedBytes;

  private StreamNode(StreamId masterId, byte[][] masterFields) {
    this.masterId = masterId;
    this.masterFields = masterFields;
    long bytes = LISTPACK_OVERHEAD + Listpack.integerEntrySize(masterFields.length) + Listpack.integerEntrySize(0);
    for (byte[] f : masterFields) {
      bytes += Listpack.entrySize(f);
    }
    this.fixedBytes = bytes;
  }

  /** A node whose first entry will be {@code masterId} with {@code fields}. */
  static StreamNode create(StreamId masterId, byte[][] fields) {
    return new StreamNode(masterId, fields);
  }

  /** The ID under which the node sits in the radix tree: its first entry's. */
  public StreamId masterId() {
    return masterId;
  }

  /** Entries that are not tombstones. */
  public int live() {
    return live;
  }

  /** Tombstones. */
  public int deleted() {
    return deleted;
  }

  /** The size of the listpack Redis would hold for this node ({@code lpBytes}). */
  public long listpackBytes() {
    return fixedBytes + Listpack.integerEntrySize(live) + Listpack.integerEntrySize(deleted);
  }

  List<StreamEntry> entries() {
    return entries;
  }

  /** Appends an entry (its ID above every other in the node), as {@code streamAppendItem}. */
  void append(StreamId id, byte[][] fields, byte[][] values) {
    boolean same = Arrays.deepEquals(fields, masterFields);
    int n = values.length;
    int flags = same ? StreamEntry.FLAG_SAME_FIELDS : 0;
    long bytes = Listpack.integerEntrySize(flags)
        + Listpack.integerEntrySize(id.ms() - masterId.ms())
        + Listpack.integerEntrySize(id.seq() - masterId.seq());
    if (!same) {
      bytes += Listpack.integerEntrySize(n);
      for (byte[] f : fields) {
        bytes += Listpack.entrySize(f);
      }
    }
    for (byte[] v : values) {
      bytes += Listpack.entrySize(v);
    }
    bytes += Listpack.integerEntrySize(lpCount(n, same));
    fixedBytes += bytes;
    entries.add(new StreamEntry(id, same ? masterFields : fields, values, flags));
    live++;
  }

  private static int lpCount(int fields, boolean same) {
    return same ? fields + 3 : fields * 2 + 4;
  }

  /** Turns a live entry into a tombstone. */
  void delete(StreamEntry e) {
    e.markDeleted();
    live--;
    deleted++;
  }

  /** The index of the first entry with an ID at or above {@code id} (size() when none). */
  int lowerBound(StreamId id) {
    int lo = 0;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).id().compareTo(id) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The entry with exactly {@code id}, tombstones included, or null. */
  StreamEntry find(StreamId id) {
    int i = lowerBound(id);
    if (i < entries.size() && entries.get(i).id().equals(id)) {
      return entries.get(i);
    }
    return null;
  }

  /** The last entry's ID, tombstones included ({@code lpGetEdgeStreamID} from the end). */
  StreamId lastId() {
    return entries.get(entries.size() - 1).id();
  }

  StreamNode copy() {
    StreamNode c = new StreamNode(masterId, masterFields);
    for (StreamEntry e : entries) {
      c.entries.add(new StreamEntry(e.id(), e.sameFields() ? c.masterFields : e.fields(), e.values(), e.flags()));
    }
    c.live = live;
    c.deleted = deleted;
    c.fixedBytes = fixedBytes;
    return c;
  }

  /** The listpack's elements in Redis's layout, integers as their decimal text. */
  public List<byte[]> listpackElements() {
    List<byte[]> out = new ArrayList<>(4 + masterFields.length + entries.size() * 8);
    out.add(num(live));
    out.add(num(deleted));
    out.add(num(masterFields.length));
    Collections.addAll(out, masterFields);
    out.add(num(0));
    for (StreamEntry e : entries) {
      boolean same = e.sameFields();
      out.add(num(e.flags()));
      out.add(num(e.id().ms() - masterId.ms()));
      out.add(num(e.id().seq() - masterId.seq()));
      int n = e.size();
      if (!same) {
        out.add(num(n));
      }
      for (int i = 0; i < n; i++) {
        if (!same) {
          out.add(e.field(i));
        }
        out.add(e.value(i));
      }
      out.add(num(lpCount(n, same)));
    }
    return out;
  }

  /**
   * Rebuilds a node from the elements of a listpack Redis saved under {@code masterId}.
   *
   * @throws IllegalArgumentException naming what is malformed: a counter that is not an
   *     integer, entries that run past the end or disagree with their {@code lp-count}, IDs out
   *     of order, counters that disagree with the flags
   */
  public static StreamNode fromListpackElements(StreamId masterId, List<byte[]> elements) {
    Reader r = new Reader(elements);
    long count = r.integer("the entry count");
    long deletedCount = r.integer("the deleted count");
    int masterFieldCount = r.count("the master field count");
    byte[][] masterFields = new byte[masterFieldCount][];
    for (int i = 0; i < masterFieldCount; i++) {
      masterFields[i] = r.next("a master field");
    }
    if (r.integer("the master entry terminator") != 0) {
      throw new IllegalArgumentException("the master entry of node " + masterId + " does not end with 0");
    }
    StreamNode node = new StreamNode(masterId, masterFields);
    StreamId previous = null;
    while (r.hasNext()) {
      int flags = (int) r.integer("entry flags");
      StreamId id = new StreamId(masterId.ms() + r.integer("an ID's ms delta"),
          masterId.seq() + r.integer("an ID's seq delta"));
      boolean same = (flags & StreamEntry.FLAG_SAME_FIELDS) != 0;
      int n = same ? masterFieldCount : r.count("an entry's field count");
      byte[][] fields = same ? masterFields : new byte[n][];
      byte[][] values = new byte[n][];
      for (int i = 0; i < n; i++) {
        if (!same) {
          fields[i] = r.next("a field");
        }
        values[i] = r.next("a value");
      }
      if (r.integer("an entry's lp-count") != lpCount(n, same)) {
        throw new IllegalArgumentException("entry " + id + " of node " + masterId + " has a wrong lp-count");
      }
      if (previous != null && id.compareTo(previous) <= 0) {
        throw new IllegalArgumentException("entry " + id + " of node " + masterId + " is not above " + previous);
      }
      previous = id;
      node.append(id, fields, values);
      if ((flags & StreamEntry.FLAG_DELETED) != 0) {
        node.delete(node.entries.get(node.entries.size() - 1));
      }
    }
    if (node.live != count || node.deleted != deletedCount) {
      throw new IllegalArgumentException("node " + masterId + " counts " + count + " entries and " + deletedCount
          + " deleted but holds " + node.live + " and " + node.deleted);
    }
    if (node.entries.isEmpty()) {
      throw new IllegalArgumentException("node " + masterId + " holds no entries");
    }
    return node;
  }

  private static byte[] num(long v) {
    return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
  }

  /** Walks listpack elements, parsing integers as {@code lpGetInteger} does. */
  private static final class Reader {
    private final List<byte[]> elements;
    private int i;

    Reader(List<byte[]> elements) {
      this.elements = elements;
    }

    boolean hasNext() {
      return i < elements.size();
    }

    byte[] next(String what) {
      if (i >= elements.size()) {
        throw new IllegalArgumentException("the listpack ends where " + what + " should be");
      }
      return elements.get(i++);
    }

    long integer(String what) {
      byte[] b = next(what);
      try {
        return Long.parseLong(new String(b, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " is not an integer");
      }
    }

    int count(String what) {
      long n = integer(what);
      if (n < 0 || n > elements.size()) {
        throw new IllegalArgumentException(what + " " + n + " does not fit the listpack");
      }
      return (int) n;
    }
  }
}
