package io.vigil.testkit.server.keyspace;

/**
 * One entry of a stream: its ID and its field-value pairs, in the order they were added. An
 * entry deleted by {@code XDEL} or trimming stays in its node as a tombstone until the whole node
 * goes, as in Redis's listpacks. Server thread only.
 */
public final class StreamEntry {

  static final int FLAG_DELETED = 1;
  static final int FLAG_SAME_FIELDS = 2;

  private final StreamId id;
  /** The field names; the node's master fields themselves when {@link #FLAG_SAME_FIELDS}. */
  private final byte[][] fields;
  private final byte[][] values;
  private int flags;

  StreamEntry(StreamId id, byte[][] fields, byte[][] values, int flags) {
    this.id = id;
    this.fields = fields;
    this.values = values;
    this.flags = flags;
  }

  /** The ID. */
  public StreamId id() {
    return id;
  }

  /** The number of field-value pairs. */
  public int size() {
    return values.length;
  }

  /** Field {@code i} (not a copy; do not modify). */
  public byte[] field(int i) {
    return fields[i];
  }

  /** Value {@code i} (not a copy; do not modify). */
  public byte[] value(int i) {
    return values[i];
  }

  /** Whether the entry was deleted and only its tombstone remains. */
  public boolean deleted() {
    return (flags & FLAG_DELETED) != 0;
  }

  int flags() {
    return flags;
  }

  boolean sameFields() {
    return (flags & FLAG_SAME_FIELDS) != 0;
  }

  byte[][] fields() {
    return fields;
  }

  byte[][] values() {
    return values;
  }

  void markDeleted() {
    flags |= FLAG_DELETED;
  }
}
