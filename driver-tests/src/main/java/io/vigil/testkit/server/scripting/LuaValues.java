package io.vigil.testkit.server.scripting;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/** Small conversions between Lua values and Java, with Lua 5.1's spelling of numbers. Stateless. */
final class LuaValues {

  private LuaValues() {}

  /** {@code tostring(v)} as Lua 5.1 writes it (numbers with {@code %.14g}). */
  static String tostring(LuaValue v) {
    if (v.type() == LuaValue.TNUMBER) {
      return LuaNumbers.luaToString(v.todouble());
    }
    if (v.isnil()) {
      return "nil";
    }
    if (v.isboolean()) {
      return v.toboolean() ? "true" : "false";
    }
    if (v.isstring()) {
      return v.tojstring();
    }
    return v.typename() + ": 0x" + String.format("%08x", System.identityHashCode(v));
  }

  /** The bytes of a Lua string, or of a number as Lua 5.1 converts it to a string. */
  static byte[] bytes(LuaValue v) {
    if (v.type() == LuaValue.TNUMBER) {
      return LuaNumbers.luaToString(v.todouble()).getBytes(StandardCharsets.US_ASCII);
    }
    LuaString s = v.checkstring();
    byte[] out = new byte[s.m_length];
    System.arraycopy(s.m_bytes, s.m_offset, out, 0, s.m_length);
    return out;
  }

  /** A Lua string holding {@code bytes} (not copied). */
  static LuaString string(byte[] bytes) {
    return LuaString.valueUsing(bytes);
  }

  /** A Lua number for {@code n}; Lua 5.1 numbers are doubles. */
  static LuaValue number(long n) {
    return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? LuaValue.valueOf((int) n) : LuaValue.valueOf((double) n);
  }
}
