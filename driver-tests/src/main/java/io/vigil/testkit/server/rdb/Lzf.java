package io.vigil.testkit.server.rdb;

/**
 * LZF compression as Redis uses it for RDB strings: a port of liblzf 3.6 {@code lzf_compress}
 * with Redis's build settings ({@code HLOG 16}, {@code VERY_FAST}, offsets into a zeroed hash
 * table) and of {@code lzf_decompress}.
 *
 * <p>The compressor produces the same bytes as the C code, so an RDB written here can be
 * compared byte for byte with one written by {@code redis-server}. Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] packed = Lzf.compress(value, value.length - 4); // null: not worth it
 * byte[] back = Lzf.decompress(packed, 0, packed.length, value.length);
 * }</pre>
 */
public final class Lzf {

  private static final int HLOG = 16;
  private static final int HSIZE = 1 << HLOG;
  private static final int MAX_LIT = 1 << 5;
  private static final int MAX_OFF = 1 << 13;
  private static final int MAX_REF = (1 << 8) + (1 << 3);

  private Lzf() {}

  /**
   * Compresses {@code in} into at most {@code maxLength} bytes.
   *
   * @return the compressed bytes, or {@code null} when they would not fit in {@code maxLength}
   *     (as {@code lzf_compress} returns 0), or when {@code in} or {@code maxLength} is empty
   */
  public static byte[] compress(byte[] in, int maxLength) {
    if (maxLength <= 0 || in.length == 0) {
      return null;
    }
    // Slack past out_end: the C code reserves a run header byte it may not fill.
    byte[] out = new byte[maxLength + 4];
    int n = compress(in, 0, in.length, out, maxLength);
    if (n == 0) {
      return null;
    }
    byte[] result = new byte[n];
    System.arraycopy(out, 0, result, 0, n);
    return result;
  }

  private static int idx(int h) {
    return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
  }

  private static int next(int v, byte[] in, int p) {
    return (v << 8) | (in[p + 2] & 0xff);
  }

  private static int first(byte[] in, int p) {
    return ((in[p] & 0xff) << 8) | (in[p + 1] & 0xff);
  }

  /** Mirrors lzf_c.c statement by statement; indexes stand in for its pointers. */
  private static int compress(byte[] in, int inData, int inLen, byte[] out, int outLen) {
    int[] htab = new int[HSIZE];
    int ip = inData;
    int op = 0;
    int inEnd = inData + inLen;
    int outEnd = outLen;
    int lit = 0;
    op++; // start run

    int hval = inLen >= 2 ? first(in, ip) : 0;
    while (ip < inEnd - 2) {
      hval = next(hval, in, ip);
      int slot = idx(hval);
      int ref = htab[slot];
      htab[slot] = ip;
      int off = ip - ref - 1;
      if (ref < ip
          && off < MAX_OFF
          && ref > inData
          && in[ref + 2] == in[ip + 2]
          && in[ref + 1] == in[ip + 1]
          && in[ref] == in[ip]) {
        int len = 2;
        int maxlen = inEnd - ip - len;
        maxlen = Math.min(maxlen, MAX_REF);

        if (op + 3 + 1 >= outEnd && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outEnd) {
          return 0;
        }
        out[op - lit - 1] = (byte) (lit - 1); // stop run
        op -= lit == 0 ? 1 : 0; // undo run if length is zero

        boolean mismatched = false;
        if (maxlen > 16) {
          // liblzf unrolls sixteen comparisons here without checking maxlen; keep that, since
          // it decides the match length (and so the output bytes) near the end of the input.
          for (int k = 0; k < 16; k++) {
            len++;
            if (in[ref + len] != in[ip + len]) {
              mismatched = true;
              break;
            }
          }
        }
        if (!mismatched) {
          do {
            len++;
          } while (len < maxlen && in[ref + len] == in[ip + len]);
        }

        len -= 2; // len is now #octets - 1
        ip++;
        if (len < 7) {
          out[op++] = (byte) ((off >>> 8) + (len << 5));
        } else {
          out[op++] = (byte) ((off >>> 8) + (7 << 5));
          out[op++] = (byte) (len - 7);
        }
        out[op++] = (byte) off;
        lit = 0;
        op++; // start run

        ip += len + 1;
        if (ip >= inEnd - 2) {
          break;
        }
        // VERY_FAST: re-hash the last two positions of the match.
        ip -= 2;
        hval = first(in, ip);
        hval = next(hval, in, ip);
        htab[idx(hval)] = ip;
        ip++;
        hval = next(hval, in, ip);
        htab[idx(hval)] = ip;
        ip++;
      } else {
        if (op >= outEnd) {
          return 0;
        }
        lit++;
        out[op++] = in[ip++];
        if (lit == MAX_LIT) {
          out[op - lit - 1] = (byte) (lit - 1);
          lit = 0;
          op++;
        }
      }
    }

    if (op + 3 > outEnd) { // at most 3 bytes can be missing here
      return 0;
    }
    while (ip < inEnd) {
      lit++;
      out[op++] = in[ip++];
      if (lit == MAX_LIT) {
        out[op - lit - 1] = (byte) (lit - 1);
        lit = 0;
        op++;
      }
    }
    out[op - lit - 1] = (byte) (lit - 1); // end run
    op -= lit == 0 ? 1 : 0;
    return op;
  }

  /**
   * Decompresses {@code len} bytes of {@code in} from {@code off}, which must expand to exactly
   * {@code originalLength} bytes.
   *
   * @throws IllegalArgumentException naming the position in the compressed data where it is
   *     malformed, or the length mismatch
   */
  public static byte[] decompress(byte[] in, int off, int len, int originalLength) {
    byte[] out = new byte[originalLength];
    int ip = off;
    int inEnd = off + len;
    int op = 0;
    while (ip < inEnd) {
      int ctrl = in[ip++] & 0xff;
      if (ctrl < (1 << 5)) {
        ctrl++;
        if (op + ctrl > originalLength) {
          throw new IllegalArgumentException("LZF literal run at compressed byte " + (ip - 1 - off)
              + " expands past the declared length " + originalLength);
        }
        if (ip + ctrl > inEnd) {
          throw new IllegalArgumentException("LZF literal run at compressed byte " + (ip - 1 - off)
              + " needs " + ctrl + " bytes but the input ends");
        }
        System.arraycopy(in, ip, out, op, ctrl);
        ip += ctrl;
        op += ctrl;
      } else {
        int refLen = ctrl >>> 5;
        int ref = op - ((ctrl & 0x1f) << 8) - 1;
        if (ip >= inEnd) {
          throw new IllegalArgumentException("LZF back reference at compressed byte " + (ip - 1 - off)
              + " is cut off by the end of the input");
        }
        if (refLen == 7) {
          refLen += in[ip++] & 0xff;
          if (ip >= inEnd) {
            throw new IllegalArgumentException("LZF back reference at compressed byte " + (ip - 2 - off)
                + " is cut off by the end of the input");
          }
        }
        ref -= in[ip++] & 0xff;
        if (op + refLen + 2 > originalLength) {
          throw new IllegalArgumentException("LZF back reference before compressed byte " + (ip - off)
              + " expands past the declared length " + originalLength);
        }
        if (ref < 0) {
          throw new IllegalArgumentException("LZF back reference before compressed byte " + (ip - off)
              + " points before the start of the output");
        }
        for (int i = 0; i < refLen + 2; i++) {
          out[op++] = out[ref++];
        }
      }
    }
    if (op != originalLength) {
      throw new IllegalArgumentException("LZF data expands to " + op + " bytes, but "
          + originalLength + " were declared");
    }
    return out;
  }
}
