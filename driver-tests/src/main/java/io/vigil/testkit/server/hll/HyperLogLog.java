package io.vigil.testkit.server.hll;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One HyperLogLog being read or changed, over the exact bytes Redis keeps in the string value:
 * a 16-byte header ({@code HYLL}, the encoding byte, three unused bytes, the cached cardinality
 * little-endian with its top bit meaning "stale"), then the registers in the sparse or the dense
 * form.
 *
 * <p>Copy on write: {@link #wrap} keeps the caller's array and only reads it; the first change
 * works on a private copy, so a value shared with a reply or a copied key never changes under
 * them. {@link #modified()} says whether {@link #toBytes()} is a new value to store. Every change
 * is made as Redis makes it — the same opcode splits and merges, promotion to dense when a
 * register exceeds 32 or the sparse form would outgrow {@code hll-sparse-max-bytes}, the cache
 * invalidated — so the bytes are Redis's bytes. Not thread-safe; one command at a time.
 *
 * <pre>{@code
 * HyperLogLog hll = HyperLogLog.create();
 * hll.add("apple".getBytes(UTF_8), 3000);
 * long n = hll.count();            // 1, and the cache now holds it
 * byte[] stored = hll.toBytes();   // what SET would store, what GET returns
 * }</pre>
 */
public final class HyperLogLog {

  /** Header bytes before the registers. */
  public static final int HEADER_SIZE = 16;
  /** Registers (2^14). */
  public static final int REGISTERS = 1 << 14;
  /** The exact length of a dense value. */
  public static final int DENSE_SIZE = HEADER_SIZE + (REGISTERS * 6 + 7) / 8;

  static final int P = 14;
  static final int Q = 64 - P;
  private static final long HASH_SEED = 0xadc83b19L;
  private static final int DENSE = 0;
  private static final int SPARSE = 1;
  private static final int REGISTER_MAX = 63;
  private static final int SPARSE_VAL_MAX_VALUE = 32;
  private static final int SPARSE_VAL_MAX_LEN = 4;
  private static final int SPARSE_ZERO_MAX_LEN = 64;
  private static final int SPARSE_XZERO_MAX_LEN = 16384;
  private static final String CORRUPT = "the sparse registers of this HyperLogLog do not cover 16384 registers";

  /** The current representation; bytes past {@link #length} are zero, as C's string terminator. */
  private byte[] bytes;
  private int length;
  /** Whether {@link #bytes} is this object's private copy. */
  private boolean owned;

  private HyperLogLog(byte[] bytes, int length, boolean owned) {
    this.bytes = bytes;
    this.length = length;
    this.owned = owned;
  }

  /**
   * Whether {@code value} passes Redis's {@code isHLLObjectOrReply} check: at least a header
   * long, the {@code HYLL} magic, a known encoding and, when dense, exactly {@link #DENSE_SIZE}
   * bytes. Sparse registers are only checked when read.
   */
  public static boolean isValid(byte[] value) {
    if (value.length < HEADER_SIZE || value[0] != 'H' || value[1] != 'Y' || value[2] != 'L' || value[3] != 'L') {
      return false;
    }
    int encoding = value[4] & 0xff;
    return encoding == SPARSE || (encoding == DENSE && value.length == DENSE_SIZE);
  }

  /** An empty HyperLogLog as PFADD creates it: sparse, one XZERO run of 16384, cached count 0. */
  public static HyperLogLog create() {
    byte[] b = new byte[HEADER_SIZE + 2];
    b[0] = 'H';
    b[1] = 'Y';
    b[2] = 'L';
    b[3] = 'L';
    b[4] = SPARSE;
    setXzero(b, HEADER_SIZE, SPARSE_XZERO_MAX_LEN);
    return new HyperLogLog(b, b.length, true);
  }

  /**
   * Reads {@code value} without copying it.
   *
   * @throws IllegalArgumentException when it fails {@link #isValid}
   */
  public static HyperLogLog wrap(byte[] value) {
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a HyperLogLog: " + value.length + " bytes without a valid HYLL header");
    }
    return new HyperLogLog(value, value.length, false);
  }

  /** Whether the registers are in the sparse form. */
  public boolean isSparse() {
    return bytes[4] == SPARSE;
  }

  /** Whether anything changed since {@link #wrap}: {@link #toBytes()} must then be stored. */
  public boolean modified() {
    return owned;
  }

  /** The value's bytes, exactly as long as the representation (the wrapped array when unchanged). */
  public byte[] toBytes() {
    if (bytes.length == length) {
      return bytes;
    }
    return Arrays.copyOf(bytes, length);
  }

  // ---- adding -------------------------------------------------------------------------------

  /**
   * Adds one element: hashes it with MurmurHash64A (seed {@code 0xadc83b19}), takes the low 14
   * bits as the register and the run of zeros above them, plus one, as the candidate value.
   *
   * @return whether a register grew
   * @throws InvalidHllException when the sparse registers are corrupt
   */
  public boolean add(byte[] element, long sparseMaxBytes) {
    long hash = MurmurHash64A.hash(element, HASH_SEED);
    int index = (int) (hash & (REGISTERS - 1));
    long rest = (hash >>> P) | (1L << Q);
    int count = Long.numberOfTrailingZeros(rest) + 1;
    return set(index, count, sparseMaxBytes);
  }

  /**
   * Raises register {@code index} to {@code count} when it is lower (Redis's {@code hllDenseSet}
   * and {@code hllSparseSet}), invalidating the cached cardinality.
   *
   * @return whether the register grew
   * @throws InvalidHllException when the sparse registers are corrupt
   */
  public boolean set(int index, int count, long sparseMaxBytes) {
    if (!isSparse()) {
      if (denseGet(bytes, index) >= count) {
        return false;
      }
      own(0);
      denseSet(bytes, index, count);
      invalidateCache();
      return true;
    }
    return sparseSet(index, count, sparseMaxBytes);
  }

  private boolean sparseSet(int index, int count, long sparseMaxBytes) {
    if (count > SPARSE_VAL_MAX_VALUE) {
      return promoteAndSet(index, count);
    }
    int p = HEADER_SIZE;
    int end = length;
    int first = 0;
    int prev = -1;
    int span = 0;
    while (p < end) {
      int op = bytes[p] & 0xff;
      int oplen = 1;
      if ((op & 0xc0) == 0) {
        span = (op & 0x3f) + 1;
      } else if ((op & 0x80) != 0) {
        span = (op & 0x3) + 1;
      } else {
        span = xzeroLen(p);
        oplen = 2;
      }
      if (index <= first + span - 1) {
        break;
      }
      prev = p;
      p += oplen;
      first += span;
    }
    if (span == 0 || p >= end) {
      throw new InvalidHllException(CORRUPT);
    }
    int op = bytes[p] & 0xff;
    boolean isZero = (op & 0xc0) == 0;
    boolean isXzero = (op & 0xc0) == 0x40;
    int runlen = isZero ? (op & 0x3f) + 1 : isXzero ? xzeroLen(p) : (op & 0x3) + 1;
    int next = p + (isXzero ? 2 : 1);
    boolean hasNext = next < end;

    if (!isZero && !isXzero) {
      int old = ((op >> 2) & 0x1f) + 1;
      if (old >= count) {
        return false;
      }
      if (runlen == 1) {
        own(0);
        bytes[p] = val(count, 1);
        mergeAdjacent(prev, length);
        return true;
      }
    }
    if (isZero && runlen == 1) {
      own(0);
      bytes[p] = val(count, 1);
      mergeAdjacent(prev, length);
      return true;
    }

    // Split the run covering the register into at most three opcodes (XZERO-VAL-XZERO at worst).
    byte[] seq = new byte[5];
    int n = 0;
    int last = first + span - 1;
    if (isZero || isXzero) {
      if (index != first) {
        n = putZeros(seq, n, index - first);
      }
      seq[n++] = val(count, 1);
      if (index != last) {
        n = putZeros(seq, n, last - index);
      }
    } else {
      int current = ((op >> 2) & 0x1f) + 1;
      if (index != first) {
        seq[n++] = val(current, index - first);
      }
      seq[n++] = val(count, 1);
      if (index != last) {
        seq[n++] = val(current, last - index);
      }
    }
    int delta = n - (isXzero ? 2 : 1);
    if (delta > 0 && (long) length + delta > sparseMaxBytes) {
      return promoteAndSet(index, count);
    }
    own(delta > 0 ? delta : 0);
    if (delta != 0 && hasNext) {
      System.arraycopy(bytes, next, bytes, next + delta, end - next);
    }
    length += delta;
    if (delta < 0) {
      Arrays.fill(bytes, length, length - delta, (byte) 0);
    }
    System.arraycopy(seq, 0, bytes, p, n);
    mergeAdjacent(prev, length);
    return true;
  }

  /**
   * Merges runs of equal VAL opcodes next to the change (up to five opcodes from the one before
   * it), as Redis does after every sparse update, then invalidates the cache.
   */
  private void mergeAdjacent(int prev, int end) {
    int p = prev >= 0 ? prev : HEADER_SIZE;
    int scan = 5;
    while (p < end && scan-- > 0) {
      int op = bytes[p] & 0xff;
      if ((op & 0xc0) == 0x40) {
        p += 2;
        continue;
      } else if ((op & 0xc0) == 0) {
        p++;
        continue;
      }
      if (p + 1 < end && (bytes[p + 1] & 0x80) != 0) {
        int v1 = ((op >> 2) & 0x1f) + 1;
        int op2 = bytes[p + 1] & 0xff;
        int v2 = ((op2 >> 2) & 0x1f) + 1;
        if (v1 == v2) {
          int len = (op & 0x3) + 1 + (op2 & 0x3) + 1;
          if (len <= SPARSE_VAL_MAX_LEN) {
            bytes[p + 1] = val(v1, len);
            System.arraycopy(bytes, p + 1, bytes, p, end - p - 1);
            bytes[end - 1] = 0;
            length--;
            end--;
            continue;
          }
        }
      }
      p++;
    }
    invalidateCache();
  }

  private boolean promoteAndSet(int index, int count) {
    toDense();
    own(0);
    denseSet(bytes, index, count);
    invalidateCache();
    return true;
  }

  /**
   * Converts to the dense form (Redis's {@code hllSparseToDense}), keeping the header and so the
   * cached cardinality.
   *
   * @return whether it was sparse
   * @throws InvalidHllException when the sparse registers are corrupt
   */
  public boolean toDense() {
    if (!isSparse()) {
      return false;
    }
    byte[] dense = new byte[DENSE_SIZE];
    System.arraycopy(bytes, 0, dense, 0, HEADER_SIZE);
    dense[4] = DENSE;
    int idx = 0;
    int p = HEADER_SIZE;
    while (p < length) {
      int op = bytes[p] & 0xff;
      if ((op & 0xc0) == 0) {
        idx += (op & 0x3f) + 1;
        p++;
      } else if ((op & 0xc0) == 0x40) {
        idx += xzeroLen(p);
        p += 2;
      } else {
        int runlen = (op & 0x3) + 1;
        int value = ((op >> 2) & 0x1f) + 1;
        if (runlen + idx > REGISTERS) {
          break;
        }
        while (runlen-- > 0) {
          denseSet(dense, idx++, value);
        }
        p++;
      }
    }
    if (idx != REGISTERS) {
      throw new InvalidHllException(CORRUPT);
    }
    bytes = dense;
    length = dense.length;
    owned = true;
    return true;
  }

  // ---- counting -----------------------------------------------------------------------------

  /** Whether the cached cardinality in the header is current. */
  public boolean cacheValid() {
    return (bytes[15] & 0x80) == 0;
  }

  /**
   * The estimated cardinality: the cached one when current, else computed and cached (which
   * counts as a change, see {@link #modified()}), as single-key PFCOUNT does.
   *
   * @throws InvalidHllException when the sparse registers are corrupt
   */
  public long count() {
    if (cacheValid()) {
      long card = 0;
      for (int i = 7; i >= 0; i--) {
        card = (card << 8) | (bytes[8 + i] & 0xff);
      }
      return card;
    }
    long card = estimateRegisters();
    own(0);
    for (int i = 0; i < 8; i++) {
      bytes[8 + i] = (byte) (card >>> (8 * i));
    }
    return card;
  }

  /** The estimate from the registers, ignoring and leaving the cache. */
  long estimateRegisters() {
    int[] histogram = new int[64];
    if (isSparse()) {
      sparseHistogram(histogram);
    } else {
      for (int i = 0; i < REGISTERS; i++) {
        histogram[denseGet(bytes, i)]++;
      }
    }
    return estimate(histogram);
  }

  /** Marks the cached cardinality stale (PFMERGE does so even when no register grew). */
  public void invalidate() {
    own(0);
    invalidateCache();
  }

  private void sparseHistogram(int[] histogram) {
    int idx = 0;
    int p = HEADER_SIZE;
    while (p < length) {
      int op = bytes[p] & 0xff;
      if ((op & 0xc0) == 0) {
        int run = (op & 0x3f) + 1;
        idx += run;
        histogram[0] += run;
        p++;
      } else if ((op & 0xc0) == 0x40) {
        int run = xzeroLen(p);
        idx += run;
        histogram[0] += run;
        p += 2;
      } else {
        int run = (op & 0x3) + 1;
        idx += run;
        histogram[((op >> 2) & 0x1f) + 1] += run;
        p++;
      }
    }
    if (idx != REGISTERS) {
      throw new InvalidHllException(CORRUPT);
    }
  }

  /**
   * Raises each of {@code max}'s 16384 one-byte registers to this HyperLogLog's value of it
   * (Redis's {@code hllMerge}), for PFMERGE and multi-key PFCOUNT.
   *
   * @throws InvalidHllException when the sparse registers are corrupt
   */
  public void mergeInto(byte[] max) {
    if (!isSparse()) {
      for (int i = 0; i < REGISTERS; i++) {
        int v = denseGet(bytes, i);
        if (v > max[i]) {
          max[i] = (byte) v;
        }
      }
      return;
    }
    int i = 0;
    int p = HEADER_SIZE;
    while (p < length) {
      int op = bytes[p] & 0xff;
      if ((op & 0xc0) == 0) {
        i += (op & 0x3f) + 1;
        p++;
      } else if ((op & 0xc0) == 0x40) {
        i += xzeroLen(p);
        p += 2;
      } else {
        int runlen = (op & 0x3) + 1;
        int value = ((op >> 2) & 0x1f) + 1;
        if (runlen + i > REGISTERS) {
          break;
        }
        while (runlen-- > 0) {
          if (value > max[i]) {
            max[i] = (byte) value;
          }
          i++;
        }
        p++;
      }
    }
    if (i != REGISTERS) {
      throw new InvalidHllException(CORRUPT);
    }
  }

  /** The estimated cardinality of one-byte registers, as {@code mergeInto} leaves them. */
  public static long countRegisters(byte[] max) {
    int[] histogram = new int[64];
    for (byte b : max) {
      histogram[b & 0xff]++;
    }
    return estimate(histogram);
  }

  /**
   * Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog
   * sketches", arXiv:1702.01284), computed in the same order of double operations as Redis so
   * the rounded result is the same.
   */
  private static long estimate(int[] histogram) {
    double m = REGISTERS;
    double z = m * tau((m - histogram[Q + 1]) / m);
    for (int j = Q; j >= 1; --j) {
      z += histogram[j];
      z *= 0.5;
    }
    z += m * sigma(histogram[0] / m);
    return Math.round(0.721347520444481703680 * m * m / z);
  }

  private static double sigma(double x) {
    if (x == 1.0) {
      return Double.POSITIVE_INFINITY;
    }
    double previous;
    double y = 1;
    double z = x;
    do {
      x *= x;
      previous = z;
      z += x * y;
      y += y;
    } while (previous != z);
    return z;
  }

  private static double tau(double x) {
    if (x == 0.0 || x == 1.0) {
      return 0.0;
    }
    double previous;
    double y = 1.0;
    double z = 1 - x;
    do {
      x = Math.sqrt(x);
      previous = z;
      y *= 0.5;
      double d = 1 - x;
      z -= d * d * y;
    } while (previous != z);
    return z / 3;
  }

  // ---- inspection (PFDEBUG) -----------------------------------------------------------------

  /** Every register's value, index order; converts a sparse value to dense first, as PFDEBUG GETREG. */
  public int[] registers() {
    toDense();
    int[] out = new int[REGISTERS];
    for (int i = 0; i < REGISTERS; i++) {
      out[i] = denseGet(bytes, i);
    }
    return out;
  }

  /**
   * The sparse opcodes as PFDEBUG DECODE prints them ({@code z:len}, {@code Z:len},
   * {@code v:value,len}, space separated); null when the value is dense.
   */
  public String decodeSparse() {
    if (!isSparse()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    int p = HEADER_SIZE;
    while (p < length) {
      int op = bytes[p] & 0xff;
      if ((op & 0xc0) == 0) {
        sb.append("z:").append((op & 0x3f) + 1).append(' ');
        p++;
      } else if ((op & 0xc0) == 0x40) {
        sb.append("Z:").append(xzeroLen(p)).append(' ');
        p += 2;
      } else {
        sb.append("v:").append(((op >> 2) & 0x1f) + 1).append(',').append((op & 0x3) + 1).append(' ');
        p++;
      }
    }
    int n = sb.length();
    while (n > 0 && sb.charAt(n - 1) == ' ') {
      n--;
    }
    return sb.substring(0, n);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, 4, StandardCharsets.US_ASCII) + (isSparse() ? " sparse " : " dense ") + length
        + " bytes";
  }

  // ---- primitives ---------------------------------------------------------------------------

  /** Makes {@link #bytes} a private copy with room for {@code extra} more bytes. */
  private void own(int extra) {
    if (owned && length + extra <= bytes.length) {
      return;
    }
    int capacity = isSparse() ? length + Math.max(extra, 3) : length;
    bytes = Arrays.copyOf(bytes, Math.max(capacity, length + extra));
    owned = true;
  }

  private void invalidateCache() {
    bytes[15] |= (byte) 0x80;
  }

  /** The length of the XZERO opcode at {@code p}; a truncated one reads a zero second byte. */
  private int xzeroLen(int p) {
    int low = p + 1 < length ? bytes[p + 1] & 0xff : 0;
    return (((bytes[p] & 0x3f) << 8) | low) + 1;
  }

  private static byte val(int value, int len) {
    return (byte) (((value - 1) << 2 | (len - 1)) | 0x80);
  }

  private static void setXzero(byte[] b, int p, int len) {
    int l = len - 1;
    b[p] = (byte) ((l >> 8) | 0x40);
    b[p + 1] = (byte) (l & 0xff);
  }

  private static int putZeros(byte[] seq, int n, int len) {
    if (len > SPARSE_ZERO_MAX_LEN) {
      setXzero(seq, n, len);
      return n + 2;
    }
    seq[n] = (byte) (len - 1);
    return n + 1;
  }

  /** Register {@code index} of a dense value: six bits, least significant first. */
  static int denseGet(byte[] b, int index) {
    int bit = index * 6;
    int at = HEADER_SIZE + (bit >>> 3);
    int fb = bit & 7;
    int v = (b[at] & 0xff) >>> fb;
    if (fb > 2) {
      v |= (b[at + 1] & 0xff) << (8 - fb);
    }
    return v & REGISTER_MAX;
  }

  static void denseSet(byte[] b, int index, int value) {
    int bit = index * 6;
    int at = HEADER_SIZE + (bit >>> 3);
    int fb = bit & 7;
    b[at] = (byte) ((b[at] & ~(REGISTER_MAX << fb)) | (value << fb));
    if (fb > 2) {
      int fb8 = 8 - fb;
      b[at + 1] = (byte) ((b[at + 1] & ~(REGISTER_MAX >> fb8)) | (value >> fb8));
    }
  }
}
