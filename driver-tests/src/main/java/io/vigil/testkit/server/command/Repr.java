package io.vigil.testkit.server.command;

/** Redis's {@code sdscatrepr}: a quoted, escaped rendering of bytes (MONITOR, CLIENT LIST). */
final class Repr {

  private Repr() {}

  static void append(StringBuilder sb, byte[] bytes) {
    sb.append('"');
    for (byte b : bytes) {
      int c = b & 0xff;
      switch (c) {
        case '\\': sb.append("\\\\"); break;
        case '"': sb.append("\\\""); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case 7: sb.append("\\a"); break;
        case 8: sb.append("\\b"); break;
        default:
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append(String.format("\\x%02x", c));
          }
      }
    }
    sb.append('"');
  }
}
