package io.vigil.testkit.server.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for the pre-7.0 blob encodings that a Redis 7.0 still loads from older RDB files:
 * ziplist (lists, hashes and sorted sets before listpacks) and zipmap (hashes before Redis 2.6).
 * Read-only: Redis 7.0 never writes them.
 */
final class LegacyEncodings {

  private static final int ZIPLIST_HEADER = 10;

  private LegacyEncodings() {}

  /** Decodes every entry of a ziplist; integers come back as decimal text. */
  static List<byte[]> ziplist(byte[] zl) {
    if (zl.length < ZIPLIST_HEADER + 1) {
      throw new IllegalArgumentException("ziplist of " + zl.length + " bytes is shorter than its 11-byte minimum");
    }
    long total = Listpack.getLe(zl, 0, 4) & 0xFFFFFFFFL;
    if (total != zl.length) {
      throw new IllegalArgumentException("ziplist header says " + total + " bytes but the blob has " + zl.length);
    }
    int declared = (int) Listpack.getLe(zl, 8, 2) & 0xFFFF;
    List<byte[]> out = new ArrayList<>(Math.min(declared, 1024));
    int p = ZIPLIST_HEADER;
    int end = zl.length - 1;
    while (true) {
      check(p, 0, end, "entry");
      if ((zl[p] & 0xff) == 0xFF) {
        break;
      }
      int start = p;
      p += (zl[p] & 0xff) < 254 ? 1 : 5; // prevlen
      check(p, 1, end, "entry encoding");
      int b = zl[p] & 0xff;
      byte[] value;
      switch (b >>> 6) {
        case 0: {
          int len = b & 0x3F;
          value = copy(zl, p + 1, len, end, start);
          p += 1 + len;
          break;
        }
        case 1: {
          check(p, 2, end, "entry length");
          int len = ((b & 0x3F) << 8) | (zl[p + 1] & 0xff);
          value = copy(zl, p + 2, len, end, start);
          p += 2 + len;
          break;
        }
        case 2: {
          check(p, 5, end, "entry length");
          long len = ((zl[p + 1] & 0xffL) << 24) | ((zl[p + 2] & 0xff) << 16) | ((zl[p + 3] & 0xff) << 8)
              | (zl[p + 4] & 0xff);
          if (len > end) {
            throw new IllegalArgumentException("ziplist entry at byte " + start + " declares " + len + " bytes");
          }
          value = copy(zl, p + 5, (int) len, end, start);
          p += 5 + (int) len;
          break;
        }
        default: {
          int n;
          if (b == 0xC0) {
            n = 2;
          } else if (b == 0xD0) {
            n = 4;
          } else if (b == 0xE0) {
            n = 8;
          } else if (b == 0xF0) {
            n = 3;
          } else if (b == 0xFE) {
            n = 1;
          } else if (b >= 0xF1 && b <= 0xFD) {
            n = 0;
          } else {
            throw new IllegalArgumentException("ziplist entry at byte " + start + " has unknown encoding 0x"
                + Integer.toHexString(b));
          }
          check(p, 1 + n, end, "integer");
          long v;
          if (n == 0) {
            v = (b & 0x0F) - 1;
          } else {
            int shift = 64 - 8 * n;
            v = (Listpack.getLe(zl, p + 1, n) << shift) >> shift;
          }
          value = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
          p += 1 + n;
        }
      }
      out.add(value);
    }
    if (p != end) {
      throw new IllegalArgumentException("ziplist end byte at " + p + " but the header says " + total + " bytes");
    }
    if (declared != 65535 && declared != out.size()) {
      throw new IllegalArgumentException("ziplist header counts " + declared + " entries but " + out.size()
          + " are present");
    }
    return out;
  }

  /** Decodes a zipmap into alternating field, value. */
  static List<byte[]> zipmap(byte[] zm) {
    List<byte[]> out = new ArrayList<>();
    int end = zm.length;
    int p = 1; // zmlen
    check(0, 1, end, "zipmap length");
    while (true) {
      check(p, 1, end, "zipmap entry");
      if ((zm[p] & 0xff) == 0xFF) {
        return out;
      }
      int start = p;
      int[] len = new int[1];
      p = zipmapLength(zm, p, end, len);
      out.add(copy(zm, p, len[0], end, start));
      p += len[0];
      p = zipmapLength(zm, p, end, len);
      check(p, 1, end, "zipmap free byte");
      int free = zm[p++] & 0xff;
      out.add(copy(zm, p, len[0], end, start));
      p += len[0] + free;
    }
  }

  private static int zipmapLength(byte[] zm, int p, int end, int[] len) {
    check(p, 1, end, "zipmap length");
    int b = zm[p] & 0xff;
    if (b < 254) {
      len[0] = b;
      return p + 1;
    }
    check(p, 5, end, "zipmap length");
    long v = Listpack.getLe(zm, p + 1, 4) & 0xFFFFFFFFL;
    if (v > end) {
      throw new IllegalArgumentException("zipmap entry at byte " + p + " declares " + v + " bytes");
    }
    len[0] = (int) v;
    return p + 5;
  }

  private static void check(int p, int n, int end, String what) {
    if (p + n > end) {
      throw new IllegalArgumentException(what + " at byte " + p + " runs past the end of the blob at " + end);
    }
  }

  private static byte[] copy(byte[] b, int from, int len, int end, int start) {
    if (from + len > end) {
      throw new IllegalArgumentException("entry at byte " + start + " of " + len + " bytes runs past the end at " + end);
    }
    byte[] v = new byte[len];
    System.arraycopy(b, from, v, 0, len);
    return v;
  }
}
