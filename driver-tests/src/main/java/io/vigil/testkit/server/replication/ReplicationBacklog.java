package io.vigil.testkit.server.replication;

import java.nio.ByteBuffer;

/**
 * A master's replication backlog: a circular buffer holding the most recent bytes of the
 * replication stream, with the offset bookkeeping of Redis ({@code master_repl_offset},
 * {@code repl_backlog_first_byte_offset}, {@code repl_backlog_histlen}).
 *
 * <p>Offsets count stream bytes from the start of the replication history: after appending n
 * bytes in total to a backlog created at master offset 0, {@link #masterReplOffset()} is n and
 * the backlog holds bytes {@link #firstByteOffset()} to n inclusive (1-based, as PSYNC asks for
 * "the first byte I do not have"). A replica that has everything up to offset k asks for k + 1,
 * which {@link #canServeFrom} accepts while that byte is still held or is the next one to come.
 *
 * <p>Knows nothing of sockets or Netty: {@link #forEachChunkFrom} hands out at most two array
 * slices (wrap them without copying). Not thread-safe; the server's command thread owns it.
 *
 * <pre>{@code
 * ReplicationBacklog backlog = new ReplicationBacklog(ReplicationBacklog.DEFAULT_SIZE, masterReplOffset);
 * backlog.append(commandBytes);                          // every propagated write
 * if (backlog.canServeFrom(psyncOffset)) {
 *   backlog.forEachChunkFrom(psyncOffset, (buf, off, len) -> channel.write(Unpooled.wrappedBuffer(buf, off, len)));
 * }
 * }</pre>
 */
public final class ReplicationBacklog {

  /** {@code repl-backlog-size}'s default, 1 MB. */
  public static final long DEFAULT_SIZE = 1024 * 1024;

  /**
   * The smallest backlog Redis allocates: it raises a {@code repl-backlog-size} below 16 KB to
   * this when it creates the backlog. Callers that mimic Redis apply it; this class does not, so
   * tests can use tiny buffers.
   */
  public static final long MIN_SIZE = 16 * 1024;

  private static final long MAX_SIZE = Integer.MAX_VALUE - 8;

  /** Receives a slice of the backlog; the array is the backlog's own, valid until the next append. */
  @FunctionalInterface
  public interface ChunkConsumer {
    void accept(byte[] buffer, int offset, int length);
  }

  private byte[] buffer;
  /** Where the next byte goes. */
  private int writeIndex;
  /** How many valid bytes the buffer holds, at most its size. */
  private long histlen;
  /** Offset of the last byte appended (or the starting offset when nothing was). */
  private long masterReplOffset;

  /**
   * A backlog of {@code size} bytes for a stream whose last byte so far has offset
   * {@code masterReplOffset} (0 for a new history), as Redis's {@code createReplicationBacklog}.
   */
  public ReplicationBacklog(long size, long masterReplOffset) {
    checkSize(size);
    if (masterReplOffset < 0) {
      throw new IllegalArgumentException("master replication offset " + masterReplOffset + " must not be negative");
    }
    this.buffer = new byte[(int) size];
    this.masterReplOffset = masterReplOffset;
  }

  private static void checkSize(long size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("repl-backlog-size " + size + " must be between 1 and " + MAX_SIZE
          + " bytes");
    }
  }

  /** The buffer size ({@code repl_backlog_size}). */
  public long size() {
    return buffer.length;
  }

  /** The offset of the last byte appended ({@code master_repl_offset}). */
  public long masterReplOffset() {
    return masterReplOffset;
  }

  /** The offset of the oldest byte held ({@code repl_backlog_first_byte_offset}). */
  public long firstByteOffset() {
    return masterReplOffset - histlen + 1;
  }

  /** How many bytes the backlog holds ({@code repl_backlog_histlen}). */
  public long histlen() {
    return histlen;
  }

  /** Appends stream bytes, advancing the master offset and overwriting the oldest bytes when full. */
  public void append(byte[] data) {
    append(data, 0, data.length);
  }

  /** Appends {@code length} bytes of {@code data} from {@code offset}. */
  public void append(byte[] data, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + data.length + " bytes");
    }
    masterReplOffset += length;
    // Only the last buffer.length bytes can survive; skip the rest of a huge append.
    int skip = Math.max(0, length - buffer.length);
    int p = offset + skip;
    int remaining = length - skip;
    if (skip > 0) {
      writeIndex = (int) ((writeIndex + (long) skip) % buffer.length);
    }
    while (remaining > 0) {
      int n = Math.min(remaining, buffer.length - writeIndex);
      System.arraycopy(data, p, buffer, writeIndex, n);
      writeIndex += n;
      if (writeIndex == buffer.length) {
        writeIndex = 0;
      }
      p += n;
      remaining -= n;
    }
    histlen = Math.min(buffer.length, histlen + length);
  }

  /** Appends the remaining bytes of {@code data}, consuming them. */
  public void append(ByteBuffer data) {
    if (data.hasArray()) {
      int n = data.remaining();
      append(data.array(), data.arrayOffset() + data.position(), n);
      data.position(data.position() + n);
    } else {
      byte[] copy = new byte[data.remaining()];
      data.get(copy);
      append(copy);
    }
  }

  /**
   * Whether a replica asking for the stream from {@code offset} (PSYNC's offset: the first byte
   * it lacks) can be served from here: the byte is held, or it is the next byte to be appended.
   */
  public boolean canServeFrom(long offset) {
    return offset >= firstByteOffset() && offset <= firstByteOffset() + histlen;
  }

  /** How many bytes {@link #forEachChunkFrom} would hand out for {@code offset}. */
  public long bytesFrom(long offset) {
    requireServable(offset);
    return masterReplOffset - offset + 1;
  }

  /**
   * Hands the bytes from {@code offset} to the newest to {@code consumer}, in order, in at most
   * two slices (none when {@code offset} is the next byte to come).
   *
   * @throws IllegalArgumentException when {@link #canServeFrom} is false for {@code offset}
   */
  public void forEachChunkFrom(long offset, ChunkConsumer consumer) {
    long len = bytesFrom(offset);
    if (len == 0) {
      return;
    }
    int oldest = (int) Math.floorMod(writeIndex - histlen, (long) buffer.length);
    int start = (int) ((oldest + (offset - firstByteOffset())) % buffer.length);
    int first = (int) Math.min(len, buffer.length - start);
    consumer.accept(buffer, start, first);
    if (first < len) {
      consumer.accept(buffer, 0, (int) (len - first));
    }
  }

  /** A copy of the bytes from {@code offset} to the newest; see {@link #forEachChunkFrom}. */
  public byte[] copyFrom(long offset) {
    byte[] out = new byte[(int) bytesFrom(offset)];
    int[] filled = {0};
    forEachChunkFrom(offset, (buf, off, len) -> {
      System.arraycopy(buf, off, out, filled[0], len);
      filled[0] += len;
    });
    return out;
  }

  /**
   * Changes the buffer size ({@code CONFIG SET repl-backlog-size}), keeping the newest bytes that
   * fit; offsets are unchanged.
   */
  public void resize(long newSize) {
    checkSize(newSize);
    if (newSize == buffer.length) {
      return;
    }
    long keep = Math.min(histlen, newSize);
    byte[] resized = new byte[(int) newSize];
    if (keep > 0) {
      long from = masterReplOffset - keep + 1;
      int[] filled = {0};
      forEachChunkFrom(from, (buf, off, len) -> {
        System.arraycopy(buf, off, resized, filled[0], len);
        filled[0] += len;
      });
    }
    buffer = resized;
    histlen = keep;
    writeIndex = (int) (keep % newSize);
  }

  private void requireServable(long offset) {
    if (!canServeFrom(offset)) {
      throw new IllegalArgumentException("offset " + offset + " is outside the backlog, which holds "
          + firstByteOffset() + " to " + masterReplOffset + "; check canServeFrom() and do a full resync");
    }
  }

  @Override
  public String toString() {
    return "ReplicationBacklog[size=" + buffer.length + ", first=" + firstByteOffset() + ", histlen=" + histlen
        + ", master_repl_offset=" + masterReplOffset + "]";
  }
}
