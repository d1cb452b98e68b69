package io.vigil.resp;

/** Helpers to show bytes in messages and logs. */
final class RespText {

  private static final int MAX_SHOWN = 64;

  private RespText() {}

  /** Bytes as text with non-printable bytes escaped, cut after a few dozen characters. */
  static String printable(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(bytes.length, MAX_SHOWN);
    for (int i = 0; i < n; i++) {
      appendPrintable(sb, bytes[i]);
    }
    if (bytes.length > n) {
      sb.append("...(").append(bytes.length).append(" bytes)");
    }
    return sb.toString();
  }

  /** Appends one byte, escaped when it is not printable ASCII. */
  static void appendPrintable(StringBuilder sb, byte b) {
    int c = b & 0xff;
    if (c == '\r') {
      sb.append("\\r");
    } else if (c == '\n') {
      sb.append("\\n");
    } else if (c == '\\') {
      sb.append("\\\\");
    } else if (c >= 0x20 && c < 0x7f) {
      sb.append((char) c);
    } else {
      sb.append(String.format("\\x%02x", c));
    }
  }
}
