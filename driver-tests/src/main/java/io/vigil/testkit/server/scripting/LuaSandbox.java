package io.vigil.testkit.server.scripting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.luaj.vm2.Globals;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.ZeroArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * One Lua interpreter set up as Redis 7.0's sandbox: Lua 5.1's base functions minus files,
 * {@code print}, environments and modules; the {@code string}, {@code table}, {@code math},
 * {@code coroutine}, {@code bit}, {@code cjson}, {@code cmsgpack} and {@code struct} libraries;
 * a {@code redis} table; every global and library table read-only; reading a missing global an
 * error. Numbers print as Lua 5.1 prints them ({@code tostring}, {@code string.format}).
 *
 * <p>Not thread-safe: the server thread runs every script.
 */
final class LuaSandbox {

  /** The chunk name Redis gives EVAL scripts and function libraries. */
  static final String CHUNK = "@user_script";

  private final Globals globals = new Globals();
  /** What scripts see as {@code _G}. */
  final ReadOnlyTable env = new ReadOnlyTable();
  /** The {@code redis} table. */
  final ReadOnlyTable redis = new ReadOnlyTable();

  /**
   * A sandbox whose hook calls {@code interrupt} every few thousand instructions and whose
   * {@code math.random} draws from {@code random}.
   */
  LuaSandbox(Runnable interrupt, Rand48 random) {
    globals.load(new BaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new JseMathLib());
    globals.load(new CoroutineLib());
    LuaC.install(globals);
    ScriptHooks hooks = new ScriptHooks(interrupt);
    globals.debuglib = hooks;
    env.debuglib = hooks;
    env.compiler = globals.compiler;
    env.loader = globals.loader;

    for (String name : List.of("getmetatable", "ipairs", "next", "pairs", "rawequal", "rawget",
        "select", "tonumber", "type", "collectgarbage")) {
      env.define(name, globals.get(name));
    }
    env.define("rawset", ReadOnlyTable.unpositioned(globals.get("rawset")));
    env.define("setmetatable", ReadOnlyTable.unpositioned(globals.get("setmetatable")));
    env.define("_VERSION", LuaValue.valueOf("Lua 5.1"));
    env.define("_G", env);
    env.define("tostring", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue v) {
        LuaValue meta = v.metatag(LuaValue.valueOf("__tostring"));
        return meta.isnil() ? LuaValue.valueOf(LuaValues.tostring(v)) : meta.call(v);
      }
    });
    env.define("unpack", globals.get("table").get("unpack"));
    env.define("gcinfo", new ZeroArgFunction() {
      @Override
      public LuaValue call() {
        Runtime rt = Runtime.getRuntime();
        return LuaValue.valueOf((int) ((rt.totalMemory() - rt.freeMemory()) / 1024));
      }
    });
    env.define("error", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        throw ScriptError.raised(args.arg1(), args.optint(2, 1) > 0);
      }
    });
    env.define("assert", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        if (!args.arg1().toboolean()) {
          throw ScriptError.message(args.narg() > 1 ? args.checkjstring(2) : "assertion failed!");
        }
        return args;
      }
    });
    env.define("pcall", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        LuaValue f = args.checkvalue(1);
        try {
          return LuaValue.varargsOf(LuaValue.TRUE, f.invoke(args.subargs(2)));
        } catch (ScriptError e) {
          if (e.isKill()) {
            throw e;
          }
          return LuaValue.varargsOf(LuaValue.FALSE, pcallValue(LuaErrors.value(e)));
        } catch (LuaError e) {
          return LuaValue.varargsOf(LuaValue.FALSE, pcallValue(LuaErrors.value(e)));
        } catch (StackOverflowError e) {
          return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf("stack overflow"));
        }
      }
    });
    env.define("xpcall", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        LuaValue f = args.arg1();
        LuaValue handler = args.arg(2);
        try {
          return LuaValue.varargsOf(LuaValue.TRUE, f.invoke());
        } catch (ScriptError e) {
          if (e.isKill()) {
            throw e;
          }
          return LuaValue.varargsOf(LuaValue.FALSE, handler.call(LuaErrors.value(e)));
        } catch (LuaError e) {
          return LuaValue.varargsOf(LuaValue.FALSE, handler.call(LuaErrors.value(e)));
        }
      }
    });
    env.define("loadstring", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        LuaString source = args.checkstring(1);
        String name = args.isnoneornil(2) ? source.tojstring() : args.checkjstring(2);
        return LuaSandbox.this.loadChunk(LuaValues.bytes(source), name);
      }
    });
    env.define("load", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        LuaValue f = args.checkfunction(1);
        java.io.ByteArrayOutputStream source = new java.io.ByteArrayOutputStream();
        while (true) {
          LuaValue piece = f.call();
          if (piece.isnil() || (piece.isstring() && piece.rawlen() == 0)) {
            break;
          }
          if (!piece.isstring()) {
            return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("reader function must return a string"));
          }
          byte[] b = LuaValues.bytes(piece);
          source.write(b, 0, b.length);
        }
        return LuaSandbox.this.loadChunk(source.toByteArray(), args.isnoneornil(2) ? "=(load)" : args.checkjstring(2));
      }
    });

    env.define("string", stringLibrary(globals));
    env.define("table", tableLibrary(globals));
    env.define("math", mathLibrary(globals, random));
    env.define("coroutine", copy((LuaTable) globals.get("coroutine")).seal());
    env.define("bit", BitLib.create().seal());
    env.define("cjson", CjsonLib.create().seal());
    env.define("cmsgpack", CmsgpackLib.create().seal());
    env.define("struct", StructLib.create().seal());
    env.define("redis", redis);

    LuaTable meta = new LuaTable();
    meta.rawset(LuaValue.INDEX, new TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue table, LuaValue key) {
        throw ScriptError.message("Script attempted to access nonexistent global variable '"
            + key.tojstring() + "'");
      }
    });
    env.defineMetatable(meta);
  }

  /** Redis's {@code pcall} hands back an error table's {@code err} text rather than the table. */
  private static LuaValue pcallValue(LuaValue error) {
    if (error.istable()) {
      LuaValue err = error.rawget("err");
      if (err.isstring()) {
        return err;
      }
    }
    return error;
  }

  /** Seals the global table and the {@code redis} table; call once they are filled. */
  void seal() {
    redis.seal();
    env.seal();
  }

  /** {@code loadstring}: a function, or nil and the compile error. */
  private Varargs loadChunk(byte[] source, String chunkName) {
    if (source.length > 0 && source[0] == 27) {
      return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("bytecode loading is not allowed"));
    }
    try {
      return compile(source, chunkName);
    } catch (LuaError e) {
      return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(LuaErrors.compileMessage(e.getMessage())));
    }
  }

  /**
   * Compiles {@code source} as a chunk named {@code chunkName} whose globals are the sandbox's.
   *
   * @throws LuaError with the compiler's message
   */
  LuaFunction compile(byte[] source, String chunkName) {
    try {
      Prototype p = globals.compilePrototype(new ByteArrayInputStream(source), chunkName);
      untail(p);
      return new org.luaj.vm2.LuaClosure(p, env);
    } catch (IOException e) {
      throw new LuaError(e.getMessage());
    }
  }

  /**
   * Turns tail calls into plain calls (the RETURN the compiler always emits after a tail call
   * then returns their results). LuaJ runs a tail-called Java function after the calling Lua
   * frame is gone, so an error raised by {@code return redis.call(...)} would lose the line
   * Redis reports; Lua 5.1 keeps the caller's frame for C functions.
   */
  private static void untail(Prototype p) {
    int[] code = p.code;
    for (int i = 0; i < code.length; i++) {
      if ((code[i] & Lua.MASK_OP) >> Lua.POS_OP == Lua.OP_TAILCALL) {
        code[i] = (code[i] & Lua.MASK_NOT_OP & Lua.MASK_NOT_C) | (Lua.OP_CALL << Lua.POS_OP);
      }
    }
    for (Prototype child : p.p) {
      untail(child);
    }
  }

  private static ReadOnlyTable copy(LuaTable from) {
    ReadOnlyTable to = new ReadOnlyTable();
    LuaValue k = LuaValue.NIL;
    while (true) {
      Varargs n = from.next(k);
      if ((k = n.arg1()).isnil()) {
        break;
      }
      to.define(k, n.arg(2));
    }
    return to;
  }

  /** One string table for every sandbox: LuaJ keeps the string metatable in a static field. */
  private static ReadOnlyTable stringTable;

  private static synchronized ReadOnlyTable stringLibrary(Globals globals) {
    if (stringTable == null) {
      LuaTable luaj = (LuaTable) globals.get("string");
      ReadOnlyTable s = new ReadOnlyTable();
      for (String name : List.of("byte", "char", "dump", "find", "gmatch", "gsub", "len", "lower",
          "match", "rep", "reverse", "sub", "upper")) {
        s.define(name, luaj.get(name));
      }
      s.define("gfind", luaj.get("gmatch"));
      s.define("format", new StringFormat());
      stringTable = s.seal();
    }
    LuaTable meta = new LuaTable();
    meta.rawset(LuaValue.INDEX, stringTable);
    LuaString.s_metatable = meta;
    return stringTable;
  }

  private static ReadOnlyTable tableLibrary(Globals globals) {
    LuaTable luaj = (LuaTable) globals.get("table");
    ReadOnlyTable t = new ReadOnlyTable();
    t.define("concat", luaj.get("concat"));
    for (String name : List.of("insert", "remove", "sort")) {
      t.define(name, ReadOnlyTable.unpositioned(luaj.get(name)));
    }
    t.define("getn", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue table) {
        return LuaValue.valueOf(table.checktable().length());
      }
    });
    t.define("setn", new TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue table, LuaValue n) {
        throw ScriptError.message("'setn' is obsolete");
      }
    });
    t.define("maxn", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue table) {
        double max = 0;
        LuaValue k = LuaValue.NIL;
        LuaTable tt = table.checktable();
        while (true) {
          Varargs n = tt.next(k);
          if ((k = n.arg1()).isnil()) {
            break;
          }
          if (k.type() == LuaValue.TNUMBER && k.todouble() > max) {
            max = k.todouble();
          }
        }
        return LuaValue.valueOf(max);
      }
    });
    t.define("foreach", new TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue table, LuaValue f) {
        LuaValue k = LuaValue.NIL;
        LuaTable tt = table.checktable();
        while (true) {
          Varargs n = tt.next(k);
          if ((k = n.arg1()).isnil()) {
            return LuaValue.NIL;
          }
          LuaValue r = f.call(k, n.arg(2));
          if (!r.isnil()) {
            return r;
          }
        }
      }
    });
    t.define("foreachi", new TwoArgFunction() {
      @Override
      public LuaValue call(LuaValue table, LuaValue f) {
        LuaTable tt = table.checktable();
        int n = tt.length();
        for (int i = 1; i <= n; i++) {
          LuaValue r = f.call(LuaValue.valueOf(i), tt.get(i));
          if (!r.isnil()) {
            return r;
          }
        }
        return LuaValue.NIL;
      }
    });
    return t.seal();
  }

  private static ReadOnlyTable mathLibrary(Globals globals, Rand48 random) {
    LuaTable luaj = (LuaTable) globals.get("math");
    ReadOnlyTable m = new ReadOnlyTable();
    for (String name : List.of("abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh", "deg",
        "exp", "floor", "fmod", "frexp", "huge", "ldexp", "log", "max", "min", "modf", "pi", "pow",
        "rad", "sin", "sinh", "sqrt", "tan", "tanh")) {
      m.define(name, luaj.get(name));
    }
    m.define("mod", luaj.get("fmod"));
    m.define("log10", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue x) {
        return LuaValue.valueOf(Math.log10(x.checkdouble()));
      }
    });
    m.define("log", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue x) {
        return LuaValue.valueOf(Math.log(x.checkdouble()));
      }
    });
    m.define("random", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        double r = (double) (random.next() % Rand48.MAX) / Rand48.MAX;
        switch (args.narg()) {
          case 0:
            return LuaValue.valueOf(r);
          case 1: {
            int u = (int) args.checkdouble(1);
            if (u < 1) {
              throw new LuaError("bad argument #1 to 'random' (interval is empty)");
            }
            return LuaValue.valueOf(Math.floor(r * u) + 1);
          }
          case 2: {
            int l = (int) args.checkdouble(1);
            int u = (int) args.checkdouble(2);
            if (l > u) {
              throw new LuaError("bad argument #2 to 'random' (interval is empty)");
            }
            return LuaValue.valueOf(Math.floor(r * (u - l + 1)) + l);
          }
          default:
            throw new LuaError("wrong number of arguments");
        }
      }
    });
    m.define("randomseed", new OneArgFunction() {
      @Override
      public LuaValue call(LuaValue seed) {
        random.seed((int) seed.checkdouble());
        return LuaValue.NONE;
      }
    });
    return m.seal();
  }
}
