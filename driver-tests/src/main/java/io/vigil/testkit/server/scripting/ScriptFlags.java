package io.vigil.testkit.server.scripting;

import io.vigil.testkit.server.command.RedisError;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags of a script or function ({@code #!lua flags=no-writes,allow-oom} in an EVAL script's
 * shebang, {@code flags = {...}} for a function), as a bit set. A script without a shebang runs
 * in Redis's compatibility mode, where flags are not checked.
 */
final class ScriptFlags {

  static final int NO_WRITES = 1;
  static final int ALLOW_OOM = 1 << 1;
  static final int ALLOW_STALE = 1 << 2;
  static final int NO_CLUSTER = 1 << 3;
  static final int ALLOW_CROSS_SLOT = 1 << 4;
  /** An EVAL script without a shebang. */
  static final int EVAL_COMPAT_MODE = 1 << 5;

  private static final String[] NAMES = {"no-writes", "allow-oom", "allow-stale", "no-cluster",
      "allow-cross-slot-keys"};

  private ScriptFlags() {}

  /** The bit of a flag name, or 0 when Redis has no such flag. */
  static int bit(String name) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return 1 << i;
      }
    }
    return 0;
  }

  /** The names of the set flags, in Redis's order. */
  static List<String> names(int flags) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) {
      if ((flags & (1 << i)) != 0) {
        out.add(NAMES[i]);
      }
    }
    return out;
  }

  /**
   * The flags of an EVAL script body, from its first line when it starts with {@code #!}.
   *
   * @throws RedisError with Redis's text for an unknown engine, option or flag
   */
  static int ofEvalBody(byte[] body) {
    if (!hasShebang(body)) {
      return EVAL_COMPAT_MODE;
    }
    int end = 0;
    while (end < body.length && body[end] != '\n') {
      end++;
    }
    if (end == body.length) {
      throw new RedisError("ERR Invalid script shebang");
    }
    String line = new String(body, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    List<String> words = new ArrayList<>();
    for (String p : line.split("[ \\t\\r\\n\\f\\v]+")) {
      if (!p.isEmpty()) {
        words.add(p);
      }
    }
    if (!words.get(0).equals("#!lua")) {
      throw new RedisError("ERR Unexpected engine in script shebang: " + words.get(0));
    }
    int flags = 0;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (!w.startsWith("flags=")) {
        throw new RedisError("ERR Unknown lua shebang option: " + w);
      }
      String list = w.substring(6);
      if (list.isEmpty()) {
        continue;
      }
      for (String f : list.split(",", -1)) {
        int bit = bit(f);
        if (bit == 0) {
          throw new RedisError("ERR Unexpected flag in script shebang: " + f);
        }
        flags |= bit;
      }
    }
    return flags;
  }

  static boolean hasShebang(byte[] body) {
    return body.length >= 2 && body[0] == '#' && body[1] == '!';
  }
}
