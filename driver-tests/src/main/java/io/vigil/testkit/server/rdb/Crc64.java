package io.vigil.testkit.server.rdb;

/**
 * The CRC-64 that Redis appends to RDB files: the Jones polynomial ({@code 0xad93d23594c935a9}),
 * reflected input and output, initial value 0, no final xor.
 *
 * <p>Stateless and thread-safe. {@code update(0, "123456789")} is {@code 0xe9c6d914c4b8d9ca},
 * the check value of Redis's own {@code crc64} self-test.
 *
 * <pre>{@code
 * long crc = Crc64.update(0, header, 0, header.length);
 * crc = Crc64.update(crc, body, 0, body.length);
 * }</pre>
 */
public final class Crc64 {

  /** The Jones polynomial bit-reversed, as a reflected CRC consumes it. */
  private static final long REFLECTED_POLY = Long.reverse(0xad93d23594c935a9L);

  private static final long[] TABLE = new long[256];

  static {
    for (int n = 0; n < 256; n++) {
      long crc = n;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
      }
      TABLE[n] = crc;
    }
  }

  private Crc64() {}

  /** Continues {@code crc} (0 to start) over {@code len} bytes of {@code data} from {@code off}. */
  public static long update(long crc, byte[] data, int off, int len) {
    long c = crc;
    for (int i = off, end = off + len; i < end; i++) {
      c = TABLE[(int) ((c ^ data[i]) & 0xff)] ^ (c >>> 8);
    }
    return c;
  }

  /** Continues {@code crc} over one byte. */
  public static long update(long crc, int b) {
    return TABLE[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }
}
