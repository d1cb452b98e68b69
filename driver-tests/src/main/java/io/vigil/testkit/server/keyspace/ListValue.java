package io.vigil.testkit.server.keyspace;

/**
 * A list value: a circular array of elements with O(1) push/pop at both ends and O(1) index
 * access. Encoding answers {@code quicklist}, as Redis 7.0 does for every list.
 */
public final class ListValue implements RedisValue {

  private byte[][] items = new byte[8][];
  private int head;
  private int size;

  @Override
  public String typeName() {
    return "list";
  }

  @Override
  public String encoding() {
    return "quicklist";
  }

  @Override
  public ListValue copy() {
    ListValue c = new ListValue();
    for (int i = 0; i < size; i++) {
      c.addLast(get(i));
    }
    return c;
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  /** Element {@code i} (0 = head). */
  public byte[] get(int i) {
    return items[(head + i) & (items.length - 1)];
  }

  /** Replaces element {@code i}. */
  public void set(int i, byte[] value) {
    items[(head + i) & (items.length - 1)] = value;
  }

  /** Pushes at the head. */
  public void addFirst(byte[] value) {
    grow();
    head = (head - 1) & (items.length - 1);
    items[head] = value;
    size++;
  }

  /** Pushes at the tail. */
  public void addLast(byte[] value) {
    grow();
    items[(head + size) & (items.length - 1)] = value;
    size++;
  }

  /** Pops the head. */
  public byte[] removeFirst() {
    byte[] v = items[head];
    items[head] = null;
    head = (head + 1) & (items.length - 1);
    size--;
    return v;
  }

  /** Pops the tail. */
  public byte[] removeLast() {
    int i = (head + size - 1) & (items.length - 1);
    byte[] v = items[i];
    items[i] = null;
    size--;
    return v;
  }

  /** Inserts before index {@code i} (i == size appends). */
  public void insert(int i, byte[] value) {
    if (i == 0) {
      addFirst(value);
      return;
    }
    addLast(null);
    for (int j = size - 1; j > i; j--) {
      set(j, get(j - 1));
    }
    set(i, value);
  }

  /** Removes element {@code i}. */
  public void remove(int i) {
    for (int j = i; j < size - 1; j++) {
      set(j, get(j + 1));
    }
    removeLast();
  }

  /** Keeps elements {@code [start, end]} only (inclusive, already clamped, {@code start <= end}). */
  public void trim(int start, int end) {
    byte[][] kept = new byte[Math.max(8, Integer.highestOneBit(Math.max(1, end - start + 1)) * 2)][];
    int n = 0;
    for (int i = start; i <= end; i++) {
      kept[n++] = get(i);
    }
    items = kept;
    head = 0;
    size = n;
  }

  private void grow() {
    if (size < items.length) {
      return;
    }
    byte[][] bigger = new byte[items.length * 2][];
    for (int i = 0; i < size; i++) {
      bigger[i] = get(i);
    }
    items = bigger;
    head = 0;
  }

  @Override
  public String toString() {
    return "ListValue[size=" + size + "]";
  }
}
