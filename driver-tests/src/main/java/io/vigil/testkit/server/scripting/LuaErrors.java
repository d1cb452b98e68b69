package io.vigil.testkit.server.scripting;

import io.vigil.resp.RespError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Error values as Redis 7.0 builds them: error tables ({@code {err='CODE message'}}), Lua 5.1
 * positions ({@code user_script:1:}) and the final reply ({@code ... script: <name>, on
 * @user_script:1.}). Stateless.
 */
final class LuaErrors {

  /** LuaJ writes {@code <chunk>:<line> <message>} where Lua 5.1 writes {@code <chunk>:<line>: <message>}. */
  private static final Pattern LUAJ_POSITION = Pattern.compile("^(.*?):(\\d+|\\?) ", Pattern.DOTALL);

  private LuaErrors() {}

  /**
   * An error table from a Redis error text, as {@code luaPushErrorBuff}: a leading {@code -}
   * means the first word is the error code, otherwise the code is {@code ERR}; trailing line
   * breaks are dropped.
   */
  static LuaTable errorTable(String text) {
    String code;
    String msg;
    if (text.startsWith("-")) {
      int space = text.indexOf(' ');
      if (space < 0) {
        code = "ERR";
        msg = text.substring(1);
      } else {
        code = text.substring(1, space);
        msg = text.substring(space + 1);
      }
    } else {
      code = "ERR";
      msg = text;
    }
    msg = trimLineBreaks(msg);
    LuaTable t = new LuaTable();
    t.rawset("err", LuaValue.valueOf(code + " " + msg));
    return t;
  }

  /** The error table a command's error reply becomes inside a script. */
  static LuaTable fromReply(RespError error) {
    return errorTable("-" + error.message());
  }

  /** {@code @user_script:3} as Lua 5.1 prefixes messages: {@code user_script:3:}. */
  static String position(String fileline) {
    int colon = fileline.lastIndexOf(':');
    return chunkId(fileline.substring(0, colon)) + fileline.substring(colon) + ":";
  }

  /**
   * Lua 5.1's {@code luaO_chunkid}: {@code @file} as the file name, {@code =name} as the name,
   * a source string as {@code [string "first line..."]}.
   */
  static String chunkId(String source) {
    if (source.startsWith("=")) {
      return source.length() > 60 ? source.substring(1, 60) : source.substring(1);
    }
    if (source.startsWith("@")) {
      String name = source.substring(1);
      int room = 60 - 8;
      return name.length() > room ? "..." + name.substring(name.length() - room) : name;
    }
    int len = 0;
    while (len < source.length() && source.charAt(len) != '\n' && source.charAt(len) != '\r') {
      len++;
    }
    int room = 60 - 16;
    if (len > room) {
      len = room;
    }
    if (len < source.length()) {
      return "[string \"" + source.substring(0, len) + "...\"]";
    }
    return "[string \"" + source + "\"]";
  }

  /** LuaJ's compiler names the offending token by its code where Lua 5.1 quotes it. */
  private static final Pattern LUAJ_UNEXPECTED = Pattern.compile("unexpected symbol (\\d+) \\(.*?\\)$");
  private static final String[] RESERVED = {"and", "break", "do", "else", "elseif", "end", "false",
      "for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
      "true", "until", "while", "..", "...", "==", ">=", "<=", "~=", "::", "<eof>"};

  /** A LuaJ compile error in Lua 5.1's words where the two differ only in spelling. */
  static String compileMessage(String luaj) {
    Matcher m = LUAJ_UNEXPECTED.matcher(luaj);
    if (m.find()) {
      int token = Integer.parseInt(m.group(1));
      String text = token < 257 ? String.valueOf((char) token)
          : token - 257 < RESERVED.length ? RESERVED[token - 257] : null;
      if (text != null) {
        return luaj.substring(0, m.start()) + "unexpected symbol near '" + text + "'";
      }
    }
    return luaj;
  }

  /** The Lua value of any error: what {@code pcall} returns. */
  static LuaValue value(LuaError e) {
    if (e instanceof ScriptError se) {
      return se.resolved();
    }
    LuaValue object = e.getMessageObject();
    if (object != null && !object.isstring()) {
      return object; // raised by LuaJ with a value, e.g. from a coroutine
    }
    return LuaValue.valueOf(runtimeMessage(e));
  }

  /** A LuaJ runtime error's message in Lua 5.1's shape. */
  private static String runtimeMessage(LuaError e) {
    String m = e.getMessage();
    if (m == null) {
      return "nil";
    }
    // the sandbox's traceback hook adds nothing but LuaJ still appends a line break
    if (m.endsWith("\n")) {
      m = m.substring(0, m.length() - 1);
    }
    Matcher matcher = LUAJ_POSITION.matcher(m);
    if (matcher.find()) {
      return position(matcher.group(1) + ":" + matcher.group(2)) + " " + m.substring(matcher.end());
    }
    return m;
  }

  /** Where a LuaJ runtime error was raised ({@code @user_script:3}), or null. */
  static String where(LuaError e) {
    if (e instanceof ScriptError se) {
      return se.where();
    }
    String m = e.getMessage();
    if (m == null) {
      return null;
    }
    Matcher matcher = LUAJ_POSITION.matcher(m);
    return matcher.find() ? matcher.group(1) + ":" + matcher.group(2) : null;
  }

  /**
   * The reply of a script that ended with {@code e}, as Redis's error handler and
   * {@code luaCallFunction} build it: the error table's text (or {@code ERR <message>}), then
   * {@code script: <name>, on <source>:<line>.} when the position is known.
   */
  static RespError reply(LuaError e, String name) {
    LuaValue v = value(e);
    String msg;
    if (v.istable()) {
      LuaValue err = v.rawget("err");
      msg = err.isstring() ? err.tojstring() : "(null)";
    } else {
      msg = "ERR " + LuaValues.tostring(v);
    }
    String where = where(e);
    StringBuilder sb = new StringBuilder(trimLineBreaks(msg));
    if (where != null) {
      int colon = where.lastIndexOf(':');
      String line = where.substring(colon + 1);
      if (!line.equals("?")) {
        sb.append(" script: ").append(name).append(", on ").append(where, 0, colon).append(':')
            .append(line).append('.');
      }
    }
    return RespError.of(sb.toString());
  }

  static String trimLineBreaks(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '\r' || s.charAt(start) == '\n')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
      end--;
    }
    return s.substring(start, end);
  }
}
