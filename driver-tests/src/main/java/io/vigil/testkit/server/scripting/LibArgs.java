package io.vigil.testkit.server.scripting;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Argument checks for the C libraries Redis bundles, with Lua 5.1's {@code luaL_check*} texts. */
final class LibArgs {

  private LibArgs() {}

  /** Lua 5.1's type name of argument {@code i}, {@code no value} when absent. */
  static String typeName(Varargs args, int i) {
    return i > args.narg() ? "no value" : args.arg(i).typename();
  }

  static ScriptError argError(int i, String function, String message) {
    return ScriptError.message("bad argument #" + i + " to '" + function + "' (" + message + ")");
  }

  /** {@code luaL_checknumber}: a number, or a string that reads as one. */
  static double number(Varargs args, int i, String function) {
    LuaValue v = args.arg(i);
    if (v.type() == LuaValue.TNUMBER) {
      return v.todouble();
    }
    if (v.type() == LuaValue.TSTRING) {
      LuaValue n = v.tonumber();
      if (!n.isnil()) {
        return n.todouble();
      }
    }
    throw argError(i, function, "number expected, got " + typeName(args, i));
  }

  /** {@code luaL_optnumber}. */
  static double optNumber(Varargs args, int i, String function, double def) {
    return args.isnoneornil(i) ? def : number(args, i, function);
  }

  /** {@code luaL_checklstring}: a string, or a number spelled as Lua 5.1 spells it. */
  static byte[] string(Varargs args, int i, String function) {
    LuaValue v = args.arg(i);
    if (v.type() == LuaValue.TSTRING || v.type() == LuaValue.TNUMBER) {
      return LuaValues.bytes(v);
    }
    throw argError(i, function, "string expected, got " + typeName(args, i));
  }
}
