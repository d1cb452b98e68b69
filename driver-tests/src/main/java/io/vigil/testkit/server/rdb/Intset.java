package io.vigil.testkit.server.rdb;

import java.util.Arrays;
import java.util.Collection;

/**
 * The intset format of Redis ({@code intset.c}): a 4-byte element width (2, 4 or 8), a 4-byte
 * count, then the values sorted ascending, all little-endian.
 *
 * <p>{@link #encode} picks the narrowest width that holds every value, as an intset built by
 * {@code SADD} has (an intset never narrows after {@code SREM}, so a real one may be wider;
 * {@link #decode} accepts any width). Stateless and thread-safe.
 */
public final class Intset {

  private static final int HEADER_SIZE = 8;

  private Intset() {}

  /** Encodes {@code values} (any order, no duplicates) as an intset. */
  public static byte[] encode(Collection<Long> values) {
    long[] sorted = new long[values.size()];
    int i = 0;
    for (long v : values) {
      sorted[i++] = v;
    }
    Arrays.sort(sorted);
    int width = 2;
    for (int k = 0; k < sorted.length; k++) {
      if (k > 0 && sorted[k] == sorted[k - 1]) {
        throw new IllegalArgumentException("duplicate intset value " + sorted[k]);
      }
      width = Math.max(width, widthOf(sorted[k]));
    }
    byte[] out = new byte[HEADER_SIZE + width * sorted.length];
    Listpack.putLe(out, 0, width, 4);
    Listpack.putLe(out, 4, sorted.length, 4);
    int p = HEADER_SIZE;
    for (long v : sorted) {
      p = Listpack.putLe(out, p, v, width);
    }
    return out;
  }

  private static int widthOf(long v) {
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      return 8;
    } else if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      return 4;
    }
    return 2;
  }

  /**
   * Decodes an intset blob.
   *
   * @throws IllegalArgumentException when the width is not 2, 4 or 8, the length disagrees with
   *     the count, or the values are not strictly ascending (what Redis's integrity check rejects)
   */
  public static long[] decode(byte[] blob) {
    if (blob.length < HEADER_SIZE) {
      throw new IllegalArgumentException("intset of " + blob.length + " bytes is shorter than its 8-byte header");
    }
    int width = (int) Listpack.getLe(blob, 0, 4);
    if (width != 2 && width != 4 && width != 8) {
      throw new IllegalArgumentException("intset element width " + width + " is not 2, 4 or 8");
    }
    long count = Listpack.getLe(blob, 4, 4) & 0xFFFFFFFFL;
    if (HEADER_SIZE + count * width != blob.length) {
      throw new IllegalArgumentException("intset declares " + count + " values of " + width
          + " bytes but the blob has " + blob.length + " bytes");
    }
    long[] values = new long[(int) count];
    int shift = 64 - 8 * width;
    for (int i = 0; i < count; i++) {
      long v = (Listpack.getLe(blob, HEADER_SIZE + i * width, width) << shift) >> shift;
      if (i > 0 && v <= values[i - 1]) {
        throw new IllegalArgumentException("intset value " + v + " at index " + i
            + " is not greater than the one before it");
      }
      values[i] = v;
    }
    return values;
  }
}
