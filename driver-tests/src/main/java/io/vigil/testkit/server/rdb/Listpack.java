package io.vigil.testkit.server.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The listpack format of Redis 7.0 ({@code listpack.c}): a 6-byte header (total bytes and
 * element count, little-endian), entries, and a terminating {@code 0xFF}.
 *
 * <p>Each entry is an encoding byte and data, followed by its "backlen" (the length of encoding
 * plus data in 7-bit groups). Elements that are canonical 64-bit decimal integers are stored as
 * integers (7-bit unsigned, 13, 16, 24, 32 or 64-bit signed), others as 6, 12 or 32-bit-length
 * strings, exactly as {@code lpAppend} does; decoding turns integers back into their decimal
 * text. Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] lp = Listpack.encode(List.of(bytes("a"), bytes("42")));
 * List<byte[]> elements = Listpack.decode(lp); // "a", "42"
 * }</pre>
 */
public final class Listpack {

  /** Header (4 bytes total length, 2 bytes count) plus the end byte: an empty listpack. */
  public static final int EMPTY_SIZE = 7;

  private static final int HEADER_SIZE = 6;
  private static final int EOF = 0xFF;
  private static final int NUMELE_UNKNOWN = 65535;

  private Listpack() {}

  /** Encodes {@code elements} as a listpack, as appending them one by one to an empty one would. */
  public static byte[] encode(List<byte[]> elements) {
    long total = EMPTY_SIZE;
    for (byte[] e : elements) {
      total += entrySize(e);
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a listpack of " + total + " bytes exceeds the 2 GB array limit");
    }
    byte[] lp = new byte[(int) total];
    putLe(lp, 0, total, 4);
    putLe(lp, 4, Math.min(elements.size(), NUMELE_UNKNOWN), 2);
    int p = HEADER_SIZE;
    for (byte[] e : elements) {
      p = writeEntry(lp, p, e);
    }
    lp[p] = (byte) EOF;
    return lp;
  }

  /** The bytes {@code element} takes in a listpack: encoding, data and backlen. */
  public static int entrySize(byte[] element) {
    int encoded = encodedSize(element);
    return encoded + backlenSize(encoded);
  }

  /** The bytes the integer {@code v} takes in a listpack, as {@code lpAppendInteger} stores it. */
  public static int integerEntrySize(long v) {
    int encoded = integerEncodedSize(v);
    return encoded + backlenSize(encoded);
  }

  private static int integerEncodedSize(long x) {
    if (x >= 0 && x <= 127) {
      return 1;
    } else if (x >= -4096 && x <= 4095) {
      return 2;
    } else if (x >= -32768 && x <= 32767) {
      return 3;
    } else if (x >= -8388608 && x <= 8388607) {
      return 4;
    } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
      return 5;
    }
    return 9;
  }

  private static int encodedSize(byte[] element) {
    Long v = canonicalInteger(element);
    if (v != null) {
      return integerEncodedSize(v);
    }
    int len = element.length;
    if (len < 64) {
      return 1 + len;
    } else if (len < 4096) {
      return 2 + len;
    }
    return 5 + len;
  }

  private static int backlenSize(long l) {
    if (l <= 127) {
      return 1;
    } else if (l < 16383) {
      return 2;
    } else if (l < 2097151) {
      return 3;
    } else if (l < 268435455) {
      return 4;
    }
    return 5;
  }

  private static int writeEntry(byte[] lp, int p, byte[] element) {
    int start = p;
    Long v = canonicalInteger(element);
    if (v != null) {
      long x = v;
      if (x >= 0 && x <= 127) {
        lp[p++] = (byte) x;
      } else if (x >= -4096 && x <= 4095) {
        long u = x < 0 ? (1L << 13) + x : x;
        lp[p++] = (byte) ((u >>> 8) | 0xC0);
        lp[p++] = (byte) u;
      } else if (x >= -32768 && x <= 32767) {
        lp[p++] = (byte) 0xF1;
        p = putLe(lp, p, x, 2);
      } else if (x >= -8388608 && x <= 8388607) {
        lp[p++] = (byte) 0xF2;
        p = putLe(lp, p, x, 3);
      } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
        lp[p++] = (byte) 0xF3;
        p = putLe(lp, p, x, 4);
      } else {
        lp[p++] = (byte) 0xF4;
        p = putLe(lp, p, x, 8);
      }
    } else {
      int len = element.length;
      if (len < 64) {
        lp[p++] = (byte) (0x80 | len);
      } else if (len < 4096) {
        lp[p++] = (byte) ((len >>> 8) | 0xE0);
        lp[p++] = (byte) len;
      } else {
        lp[p++] = (byte) 0xF0;
        p = putLe(lp, p, len, 4);
      }
      System.arraycopy(element, 0, lp, p, len);
      p += len;
    }
    return writeBacklen(lp, p, p - start);
  }

  private static int writeBacklen(byte[] lp, int p, long l) {
    if (l <= 127) {
      lp[p++] = (byte) l;
    } else if (l < 16383) {
      lp[p++] = (byte) (l >>> 7);
      lp[p++] = (byte) ((l & 127) | 128);
    } else if (l < 2097151) {
      lp[p++] = (byte) (l >>> 14);
      lp[p++] = (byte) (((l >>> 7) & 127) | 128);
      lp[p++] = (byte) ((l & 127) | 128);
    } else if (l < 268435455) {
      lp[p++] = (byte) (l >>> 21);
      lp[p++] = (byte) (((l >>> 14) & 127) | 128);
      lp[p++] = (byte) (((l >>> 7) & 127) | 128);
      lp[p++] = (byte) ((l & 127) | 128);
    } else {
      lp[p++] = (byte) (l >>> 28);
      lp[p++] = (byte) (((l >>> 21) & 127) | 128);
      lp[p++] = (byte) (((l >>> 14) & 127) | 128);
      lp[p++] = (byte) (((l >>> 7) & 127) | 128);
      lp[p++] = (byte) ((l & 127) | 128);
    }
    return p;
  }

  /**
   * Decodes every element of {@code lp}; integers come back as their decimal text.
   *
   * @throws IllegalArgumentException naming the position inside the listpack where it is
   *     malformed (wrong total length, an entry running past the end, a bad backlen, a missing
   *     end byte or a count that disagrees with the header)
   */
  public static List<byte[]> decode(byte[] lp) {
    if (lp.length < EMPTY_SIZE) {
      throw new IllegalArgumentException("listpack of " + lp.length + " bytes is shorter than its "
          + EMPTY_SIZE + "-byte minimum");
    }
    long total = getLe(lp, 0, 4) & 0xFFFFFFFFL;
    if (total != lp.length) {
      throw new IllegalArgumentException("listpack header says " + total + " bytes but the blob has "
          + lp.length);
    }
    int declared = (int) getLe(lp, 4, 2) & 0xFFFF;
    List<byte[]> out = new ArrayList<>(Math.min(declared, 1024));
    int p = HEADER_SIZE;
    int end = lp.length - 1;
    while (true) {
      if (p > end) {
        throw new IllegalArgumentException("listpack entry at byte " + p + " runs past the end");
      }
      int b = lp[p] & 0xff;
      if (b == EOF) {
        break;
      }
      int start = p;
      byte[] value;
      if ((b & 0x80) == 0) {
        value = ascii(b);
        p += 1;
      } else if ((b & 0xC0) == 0x80) {
        int len = b & 0x3F;
        value = slice(lp, p + 1, len, start, end);
        p += 1 + len;
      } else if ((b & 0xE0) == 0xC0) {
        need(lp, p, 2, end);
        long u = ((b & 0x1F) << 8) | (lp[p + 1] & 0xff);
        value = ascii(u >= (1 << 12) ? u - (1 << 13) : u);
        p += 2;
      } else if ((b & 0xF0) == 0xE0) {
        need(lp, p, 2, end);
        int len = ((b & 0x0F) << 8) | (lp[p + 1] & 0xff);
        value = slice(lp, p + 2, len, start, end);
        p += 2 + len;
      } else if (b == 0xF0) {
        need(lp, p, 5, end);
        long len = getLe(lp, p + 1, 4) & 0xFFFFFFFFL;
        if (len > end - (p + 5)) {
          throw new IllegalArgumentException("listpack string at byte " + start + " declares "
              + len + " bytes, past the end");
        }
        value = slice(lp, p + 5, (int) len, start, end);
        p += 5 + (int) len;
      } else if (b == 0xF1 || b == 0xF2 || b == 0xF3 || b == 0xF4) {
        int n = b == 0xF1 ? 2 : b == 0xF2 ? 3 : b == 0xF3 ? 4 : 8;
        need(lp, p, 1 + n, end);
        long raw = getLe(lp, p + 1, n);
        int shift = 64 - 8 * n;
        value = ascii((raw << shift) >> shift);
        p += 1 + n;
      } else {
        throw new IllegalArgumentException("listpack entry at byte " + start + " has unknown encoding 0x"
            + Integer.toHexString(b));
      }
      int encoded = p - start;
      int backlen = backlenSize(encoded);
      need(lp, p, backlen, end);
      long stored = readBacklenBackwards(lp, p + backlen - 1);
      if (stored != encoded) {
        throw new IllegalArgumentException("listpack entry at byte " + start + " has backlen " + stored
            + " but its encoding and data take " + encoded + " bytes");
      }
      p += backlen;
      out.add(value);
    }
    if (p != end) {
      throw new IllegalArgumentException("listpack end byte at " + p + " but the header says the "
          + "listpack has " + total + " bytes");
    }
    if (declared != NUMELE_UNKNOWN && declared != out.size()) {
      throw new IllegalArgumentException("listpack header counts " + declared + " elements but "
          + out.size() + " are present");
    }
    return out;
  }

  private static long readBacklenBackwards(byte[] lp, int p) {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = lp[p] & 0xff;
      v |= (long) (b & 127) << shift;
      if ((b & 128) == 0) {
        return v;
      }
      shift += 7;
      p--;
      if (shift > 28) {
        return -1;
      }
    }
  }

  private static void need(byte[] lp, int p, int n, int end) {
    if (p + n > end) {
      throw new IllegalArgumentException("listpack entry at byte " + p + " needs " + n
          + " bytes but the listpack ends at " + end);
    }
  }

  private static byte[] slice(byte[] lp, int from, int len, int start, int end) {
    if (from + len > end) {
      throw new IllegalArgumentException("listpack string at byte " + start + " of " + len
          + " bytes runs past the end at " + end);
    }
    byte[] v = new byte[len];
    System.arraycopy(lp, from, v, 0, len);
    return v;
  }

  private static byte[] ascii(long v) {
    return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The value of {@code s} when it is the canonical decimal text of a 64-bit integer (no sign
   * but '-', no leading zeros, no spaces), as Redis's {@code string2ll} accepts; otherwise null.
   */
  static Long canonicalInteger(byte[] s) {
    int len = s.length;
    if (len == 0 || len > 20) {
      return null;
    }
    int i = 0;
    boolean negative = false;
    if (s[0] == '-') {
      if (len == 1) {
        return null;
      }
      negative = true;
      i = 1;
    }
    if (len == 1 && s[0] == '0') {
      return 0L;
    }
    if (s[i] < '1' || s[i] > '9') {
      return null;
    }
    long v = 0; // accumulated negatively so Long.MIN_VALUE fits
    for (; i < len; i++) {
      int d = s[i] - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      if (v < (Long.MIN_VALUE + d) / 10) {
        return null;
      }
      v = v * 10 - d;
    }
    if (negative) {
      return v;
    }
    return v == Long.MIN_VALUE ? null : -v;
  }

  static int putLe(byte[] b, int p, long v, int n) {
    for (int i = 0; i < n; i++) {
      b[p + i] = (byte) (v >>> (8 * i));
    }
    return p + n;
  }

  static long getBe(byte[] b, int p, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[p + i] & 0xff);
    }
    return v;
  }

  static long getLe(byte[] b, int p, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (b[p + i] & 0xff) << (8 * i);
    }
    return v;
  }
}
