package io.vigil.testkit.server.rdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of {@code DUMP} and {@code RESTORE}: one value in its RDB encoding (type byte, then
 * the value, see {@link RdbWriter#valueOnly}), then the RDB format version as two bytes
 * little-endian, then the CRC-64 of everything before it, eight bytes little-endian — so a payload
 * dumped by Redis 7.0 restores here and the reverse.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] payload = DumpPayload.write(w -> w.string(key, value, RdbVisitor.NO_EXPIRY), RdbOptions.DEFAULTS);
 * if (DumpPayload.verify(payload, true)) {
 *   DumpPayload.read(payload, key, visitor);
 * }
 * }</pre>
 */
public final class DumpPayload {

  /** The RDB version this server writes, and the newest it accepts. */
  public static final int RDB_VERSION = RdbReader.MAX_VERSION;
  private static final int FOOTER = 10;

  private DumpPayload() {}

  /** What writes the one value of a payload. */
  @FunctionalInterface
  public interface ValueWrite {
    /** Writes exactly one value through {@code writer}. */
    void writeTo(RdbWriter writer) throws IOException;
  }

  /** Serializes one value and appends the version and checksum. */
  public static byte[] write(ValueWrite value, RdbOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    try {
      value.writeTo(RdbWriter.valueOnly(out, options));
    } catch (IOException e) {
      throw new UncheckedIOException("a value could not be serialized in memory", e);
    }
    out.write(RDB_VERSION & 0xff);
    out.write((RDB_VERSION >>> 8) & 0xff);
    byte[] body = out.toByteArray();
    long crc = Crc64.update(0, body, 0, body.length);
    byte[] payload = java.util.Arrays.copyOf(body, body.length + 8);
    Listpack.putLe(payload, body.length, crc, 8);
    return payload;
  }

  /**
   * Redis's {@code verifyDumpPayload}: at least the 10-byte footer, a version this server reads,
   * and (when {@code checkChecksum}) a matching CRC-64.
   */
  public static boolean verify(byte[] payload, boolean checkChecksum) {
    if (payload.length < FOOTER) {
      return false;
    }
    int footer = payload.length - FOOTER;
    int version = (payload[footer] & 0xff) | (payload[footer + 1] & 0xff) << 8;
    if (version > RDB_VERSION) {
      return false;
    }
    if (!checkChecksum) {
      return true;
    }
    long crc = Crc64.update(0, payload, 0, payload.length - 8);
    return crc == Listpack.getLe(payload, payload.length - 8, 8);
  }

  /**
   * Reads the value of a verified payload into {@code visitor} under {@code key}, as RESTORE
   * does; an empty collection arrives as no callback at all.
   *
   * @throws RdbFormatException when the value is not one this server loads ("Bad data format")
   */
  public static void read(byte[] payload, byte[] key, RdbVisitor visitor) throws RdbFormatException {
    try {
      // Redis reads the value from the whole buffer, footer included, and ignores what is left
      new RdbReader(new ByteArrayInputStream(payload)).readValue(key, visitor);
    } catch (RdbFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
  }
}
