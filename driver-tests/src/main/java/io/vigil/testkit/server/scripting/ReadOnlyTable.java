package io.vigil.testkit.server.scripting;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * A Lua table that scripts cannot change, as Redis 7.0 seals its global table and libraries:
 * every write, {@code rawset} and {@code setmetatable} included, raises {@code Attempt to modify
 * a readonly table}. The server fills it through {@link #define} before sealing it and, for
 * {@code KEYS}/{@code ARGV}, between runs.
 *
 * <p>It is a LuaJ {@link Globals} because LuaJ attaches its per-instruction hook (which the
 * sandbox's time limit needs) only to functions whose environment is one.
 */
final class ReadOnlyTable extends Globals {

  static final String READONLY = "Attempt to modify a readonly table";

  private boolean sealed;
  /** While a function library loads, the only globals it may see; null otherwise. */
  private LuaValue loadingView;

  /**
   * Restricts global lookups to {@code view} (a library being loaded sees only the
   * registration API), or lifts the restriction with null.
   */
  void loadingView(LuaValue view) {
    this.loadingView = view;
  }

  @Override
  public LuaValue get(LuaValue key) {
    if (loadingView != null) {
      LuaValue v = loadingView.rawget(key);
      if (v.isnil()) {
        throw ScriptError.message("Script attempted to access nonexistent global variable '"
            + key.tojstring() + "'");
      }
      return v;
    }
    return super.get(key);
  }

  /** Sets {@code key} regardless of the seal (the server's own writes). */
  void define(String key, LuaValue value) {
    define(LuaValue.valueOf(key), value);
  }

  /** Sets {@code key} regardless of the seal. */
  void define(LuaValue key, LuaValue value) {
    boolean was = sealed;
    sealed = false;
    try {
      super.rawset(key, value);
    } finally {
      sealed = was;
    }
  }

  /** Sets the metatable regardless of the seal. */
  void defineMetatable(LuaValue metatable) {
    super.setmetatable(metatable);
  }

  /** From now on scripts cannot change the table. */
  ReadOnlyTable seal() {
    sealed = true;
    return this;
  }

  private void refuse() {
    if (sealed) {
      throw new ReadOnlyError();
    }
  }

  /**
   * The refusal. Raised by the VM's own assignment it gets the script's position; raised inside
   * a library function ({@code rawset}, {@code table.insert}...) it does not, as in Redis.
   */
  static final class ReadOnlyError extends LuaError {
    private static final long serialVersionUID = 1L;

    ReadOnlyError() {
      super(READONLY);
    }
  }

  /** {@code fn} with read-only refusals raised without a position, as C functions raise them. */
  static LuaValue unpositioned(LuaValue fn) {
    return new org.luaj.vm2.lib.VarArgFunction() {
      @Override
      public org.luaj.vm2.Varargs invoke(org.luaj.vm2.Varargs args) {
        try {
          return fn.invoke(args);
        } catch (ReadOnlyError e) {
          throw ScriptError.raised(LuaValue.valueOf(READONLY), false);
        }
      }
    };
  }

  @Override
  public void rawset(int key, LuaValue value) {
    refuse();
    super.rawset(key, value);
  }

  @Override
  public void rawset(LuaValue key, LuaValue value) {
    refuse();
    super.rawset(key, value);
  }

  @Override
  public void hashset(LuaValue key, LuaValue value) {
    refuse();
    super.hashset(key, value);
  }

  @Override
  public LuaValue setmetatable(LuaValue metatable) {
    refuse();
    return super.setmetatable(metatable);
  }

  @Override
  public void sort(LuaValue comparator) {
    refuse();
    super.sort(comparator);
  }

  @Override
  public LuaValue remove(int pos) {
    refuse();
    return super.remove(pos);
  }

  @Override
  public void insert(int pos, LuaValue value) {
    refuse();
    super.insert(pos, value);
  }
}
