package io.vigil.testkit.server.scripting;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ's per-instruction hook, used as Redis uses Lua's count hook: every {@value #PERIOD}
 * instructions it asks {@code check} whether the script has run too long (then other clients
 * are served, and SCRIPT KILL can end it). Scripts never see a {@code debug} library.
 *
 * <p>Runs on the thread that runs the script; keeps no call stack (LuaJ only needs one for the
 * debug library's introspection, which the sandbox does not offer).
 */
final class ScriptHooks extends DebugLib {

  /** Instructions between two checks; a check costs a clock read. */
  static final int PERIOD = 4096;

  private final Runnable check;
  private int count;

  ScriptHooks(Runnable check) {
    this.check = check;
  }

  @Override
  public LuaValue call(LuaValue modname, LuaValue env) {
    return NIL; // never installed as a library
  }

  @Override
  public void onCall(LuaFunction f) {}

  @Override
  public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {}

  @Override
  public void onReturn() {}

  @Override
  public void onInstruction(int pc, Varargs v, int top) {
    if (++count >= PERIOD) {
      count = 0;
      check.run();
    }
  }

  @Override
  public String traceback(int level) {
    return "";
  }
}
