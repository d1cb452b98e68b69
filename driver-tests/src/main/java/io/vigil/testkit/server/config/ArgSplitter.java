package io.vigil.testkit.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a redis.conf line into arguments as Redis's {@code sdssplitargs} does: spaces
 * separate, double quotes allow escapes ({@code \n}, {@code \xff}), single quotes are literal.
 */
final class ArgSplitter {

  private ArgSplitter() {}

  /** The arguments, or null when quotes are unbalanced. */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return out;
      }
      StringBuilder cur = new StringBuilder();
      boolean inDq = false;
      boolean inSq = false;
      boolean done = false;
      while (!done) {
        if (inDq) {
          if (i >= n) {
            return null;
          }
          char c = line.charAt(i);
          if (c == '\\' && i + 3 < n && line.charAt(i + 1) == 'x'
              && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
            cur.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
            i += 3;
          } else if (c == '\\' && i + 1 < n) {
            i++;
            char e = line.charAt(i);
            switch (e) {
              case 'n': cur.append('\n'); break;
              case 'r': cur.append('\r'); break;
              case 't': cur.append('\t'); break;
              case 'b': cur.append('\b'); break;
              case 'a': cur.append((char) 7); break;
              default: cur.append(e); break;
            }
          } else if (c == '"') {
            if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
              return null;
            }
            done = true;
          } else {
            cur.append(c);
          }
        } else if (inSq) {
          if (i >= n) {
            return null;
          }
          char c = line.charAt(i);
          if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
            i++;
            cur.append('\'');
          } else if (c == '\'') {
            if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
              return null;
            }
            done = true;
          } else {
            cur.append(c);
          }
        } else {
          if (i >= n) {
            done = true;
            break;
          }
          char c = line.charAt(i);
          if (Character.isWhitespace(c)) {
            done = true;
          } else if (c == '"') {
            inDq = true;
          } else if (c == '\'') {
            inSq = true;
          } else {
            cur.append(c);
          }
        }
        if (i < n) {
          i++;
        }
      }
      out.add(cur.toString());
    }
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /** Quotes a value for writing back into a config file when it needs it. */
  static String quote(String value) {
    if (!value.isEmpty() && value.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '\\')) {
      return value;
    }
    return quoteAlways(value);
  }

  /** Quotes a value always, as Redis's {@code sdscatrepr}. */
  static String quoteAlways(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\': sb.append("\\\\"); break;
        case '"': sb.append("\\\""); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < ' ' || c == 127) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }
}
