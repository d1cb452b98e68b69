package io.vigil.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments exactly as Redis's {@code sdssplitargs}: spaces
 * separate, {@code "..."} understands {@code \n \r \t \b \a \\ \" \xHH}, {@code '...'} only
 * {@code \'}, and a closing quote must be followed by a space or the end of the line.
 *
 * <p>Redis splits configuration file lines the same way, so config parsers use it too.
 * Stateless and thread-safe.
 */
public final class InlineSplitter {

  private InlineSplitter() {}

  /** The arguments, or null when the quotes are unbalanced. */
  public static List<byte[]> split(byte[] line) {
    List<byte[]> args = new ArrayList<>();
    int i = 0;
    int n = line.length;
    while (true) {
      while (i < n && isSpace(line[i])) {
        i++;
      }
      if (i >= n) {
        return args;
      }
      ByteArrayOutputStream current = new ByteArrayOutputStream();
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        if (inDouble) {
          if (i >= n) {
            return null;
          }
          byte c = line[i];
          if (c == '\\' && i + 3 < n && line[i + 1] == 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
            current.write(hex(line[i + 2]) * 16 + hex(line[i + 3]));
            i += 3;
          } else if (c == '\\' && i + 1 < n) {
            i++;
            switch (line[i]) {
              case 'n': current.write('\n'); break;
              case 'r': current.write('\r'); break;
              case 't': current.write('\t'); break;
              case 'b': current.write('\b'); break;
              case 'a': current.write(7); break;
              default: current.write(line[i]); break;
            }
          } else if (c == '"') {
            if (i + 1 < n && !isSpace(line[i + 1])) {
              return null; // closing quote must be followed by a space
            }
            done = true;
          } else {
            current.write(c);
          }
        } else if (inSingle) {
          if (i >= n) {
            return null;
          }
          byte c = line[i];
          if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
            i++;
            current.write('\'');
          } else if (c == '\'') {
            if (i + 1 < n && !isSpace(line[i + 1])) {
              return null;
            }
            done = true;
          } else {
            current.write(c);
          }
        } else {
          if (i >= n) {
            done = true;
            break;
          }
          byte c = line[i];
          if (isSpace(c)) {
            done = true;
          } else if (c == '"') {
            inDouble = true;
          } else if (c == '\'') {
            inSingle = true;
          } else {
            current.write(c);
          }
        }
        if (i < n) {
          i++;
        }
      }
      args.add(current.toByteArray());
    }
  }

  /** The arguments of a line of text as UTF-8 strings, or null when the quotes are unbalanced. */
  public static List<String> split(String line) {
    List<byte[]> args = split(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (args == null) {
      return null;
    }
    List<String> out = new ArrayList<>(args.size());
    for (byte[] a : args) {
      out.add(new String(a, java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0b || c == '\f';
  }

  private static boolean isHex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c - 'A' + 10;
  }
}
