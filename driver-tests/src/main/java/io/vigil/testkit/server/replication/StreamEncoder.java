package io.vigil.testkit.server.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a command as the RESP array of bulk strings that Redis writes into its replication
 * stream and append-only file ({@code *<n>\r\n$<len>\r\n<arg>\r\n...}). Stateless.
 */
public final class StreamEncoder {

  private StreamEncoder() {}

  /** The RESP encoding of {@code argv}. */
  public static byte[] encode(List<byte[]> argv) {
    int size = 16;
    for (byte[] a : argv) {
      size += a.length + 16;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    header(out, '*', argv.size());
    for (byte[] a : argv) {
      header(out, '$', a.length);
      out.write(a, 0, a.length);
      out.write('\r');
      out.write('\n');
    }
    return out.toByteArray();
  }

  /** The RESP encoding of the given words. */
  public static byte[] encode(String... words) {
    byte[][] argv = new byte[words.length][];
    for (int i = 0; i < words.length; i++) {
      argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
    }
    return encode(List.of(argv));
  }

  private static void header(ByteArrayOutputStream out, char type, int n) {
    out.write(type);
    byte[] digits = Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
    out.write(digits, 0, digits.length);
    out.write('\r');
    out.write('\n');
  }
}
