package io.vigil.testkit.server.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * An error a script raises on purpose: {@code error()}, a failing {@code redis.call}, the
 * sandbox's refusals, SCRIPT KILL. It carries its Lua value (an error table or a message) and
 * whether the message still needs Lua 5.1's {@code <source>:<line>:} prefix, which is only known
 * once the error leaves the Lua function that raised it.
 */
final class ScriptError extends LuaError {

  private static final long serialVersionUID = 1L;

  private final transient LuaValue value;
  private final boolean positioned;
  private final boolean kill;

  private ScriptError(LuaValue value, boolean positioned, boolean kill) {
    super(value);
    this.value = value;
    this.positioned = positioned;
    this.kill = kill;
  }

  /** An error table such as {@code {err='ERR ...'}}, raised as it is. */
  static ScriptError table(LuaValue table) {
    return new ScriptError(table, false, false);
  }

  /** A message that gets the position of the Lua code that raised it, as {@code luaL_error}. */
  static ScriptError message(String message) {
    return new ScriptError(LuaValue.valueOf(message), true, false);
  }

  /** A value raised by {@code error(value, level)}: strings get a position unless level is 0. */
  static ScriptError raised(LuaValue value, boolean position) {
    return new ScriptError(value, position && (value.isstring()), false);
  }

  /** The error that ends a killed script; {@code pcall} cannot catch it. */
  static ScriptError killed(String by) {
    return new ScriptError(LuaErrors.errorTable("Script killed by user with " + by + "..."), false, true);
  }

  /** Whether this ends a killed script. */
  boolean isKill() {
    return kill;
  }

  /** Where it was raised ({@code @user_script:3}), or null outside Lua code. */
  String where() {
    return fileline;
  }

  /** The value a {@code pcall} returns and the reply is made of. */
  LuaValue resolved() {
    if (positioned && fileline != null) {
      return LuaValue.valueOf(LuaErrors.position(fileline) + " " + value.tojstring());
    }
    return value;
  }
}
