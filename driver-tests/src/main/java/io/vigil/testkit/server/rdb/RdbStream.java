package io.vigil.testkit.server.rdb;

import java.util.List;

/**
 * A stream as RDB holds it ({@code STREAM_LISTPACKS_2}, Redis 7.0's type 19, or the older
 * {@code STREAM_LISTPACKS}, 15): its radix tree nodes, each the elements of one listpack under
 * the ID of its first entry, then the stream's metadata and its consumer groups with their
 * pending entries and consumers. What the listpack elements mean (master entry, entries,
 * tombstones) is the stream's business, not the format's: they are carried as they are.
 *
 * <p>IDs and counters are unsigned 64-bit numbers held in {@code long}s, as in the file. An
 * {@link #legacy()} stream came from type 15, which has no first ID, highest deleted ID,
 * entries-added counter or group read counters (they read as 0 here); the loader derives them
 * as Redis does. Immutable apart from the byte arrays, which belong to whoever holds the record.
 *
 * @param nodes the radix tree's nodes in ID order; none is empty
 * @param length live entries
 * @param lastId the last generated ID
 * @param firstId the first live entry's ID, 0-0 when empty
 * @param maxDeletedId the highest ID ever deleted
 * @param entriesAdded entries ever added
 * @param groups consumer groups by name
 * @param legacy whether this came from a type 15 value
 */
public record RdbStream(List<Node> nodes, long length, Id lastId, Id firstId, Id maxDeletedId, long entriesAdded,
    List<Group> groups, boolean legacy) {

  /** An entry ID: milliseconds and sequence, each unsigned. */
  public record Id(long ms, long seq) {
    @Override
    public String toString() {
      return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
  }

  /** One node: the listpack's elements (integers as their decimal text) under its first ID. */
  public record Node(Id masterId, List<byte[]> elements) {}

  /**
   * A consumer group.
   *
   * @param entriesRead the logical read counter, -1 when unknown
   * @param pending every pending entry of the group, in ID order
   * @param consumers in name order, each naming the pending entries it owns
   */
  public record Group(byte[] name, Id lastId, long entriesRead, List<Pending> pending, List<Consumer> consumers) {}

  /** A pending entry: last delivery (Unix milliseconds) and delivery count. */
  public record Pending(Id id, long deliveryTime, long deliveryCount) {}

  /** A consumer: when it was last seen (Unix milliseconds) and the IDs it owns, in order. */
  public record Consumer(byte[] name, long seenTime, List<Id> pending) {}
}
