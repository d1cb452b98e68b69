package io.vigil.testkit.server.keyspace;

import java.nio.charset.StandardCharsets;

/**
 * A stream entry ID: two unsigned 64-bit numbers, milliseconds and sequence, ordered as one
 * 128-bit big-endian number (Redis's {@code streamID}). Immutable and thread-safe.
 *
 * <p>Both parts are held in {@code long}s and compared unsigned, so
 * {@code 18446744073709551615-18446744073709551615} is {@link #MAX}.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

  /** {@code 0-0}, the smallest ID. */
  public static final StreamId MIN = new StreamId(0, 0);
  /** The largest ID, both parts 2^64-1. */
  public static final StreamId MAX = new StreamId(-1L, -1L);

  @Override
  public int compareTo(StreamId o) {
    int c = Long.compareUnsigned(ms, o.ms);
    return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
  }

  /** Whether this is {@code 0-0}. */
  public boolean isZero() {
    return ms == 0 && seq == 0;
  }

  /** The next ID, or null when this is {@link #MAX} (Redis's {@code streamIncrID} failing). */
  public StreamId next() {
    if (seq != -1L) {
      return new StreamId(ms, seq + 1);
    }
    return ms == -1L ? null : new StreamId(ms + 1, 0);
  }

  /** The previous ID, or null when this is {@code 0-0}. */
  public StreamId previous() {
    if (seq != 0) {
      return new StreamId(ms, seq - 1);
    }
    return ms == 0 ? null : new StreamId(ms - 1, -1L);
  }

  /** The 16-byte big-endian form, the key of a radix tree node or a pending entry in an RDB. */
  public byte[] toBytes() {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (ms >>> (56 - 8 * i));
      b[8 + i] = (byte) (seq >>> (56 - 8 * i));
    }
    return b;
  }

  /** The ID in the 16-byte big-endian form at {@code offset} of {@code b}. */
  public static StreamId fromBytes(byte[] b, int offset) {
    long ms = 0;
    long seq = 0;
    for (int i = 0; i < 8; i++) {
      ms = (ms << 8) | (b[offset + i] & 0xff);
      seq = (seq << 8) | (b[offset + 8 + i] & 0xff);
    }
    return new StreamId(ms, seq);
  }

  /** {@code <ms>-<seq>} as the bytes of a reply. */
  public byte[] bytes() {
    return toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
  }
}
