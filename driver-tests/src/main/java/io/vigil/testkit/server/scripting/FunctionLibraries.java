package io.vigil.testkit.server.scripting;

import io.vigil.testkit.server.command.RedisError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The server's function libraries (FUNCTION LOAD): parsing a library's {@code #!lua name=...}
 * header, running its code in the registration sandbox ({@code redis.register_function} and
 * {@code redis.log} only, 500 ms at most), checking names and collisions with Redis 7.0's
 * texts, and the function table FCALL looks names up in (case-insensitively, as Redis).
 *
 * <p>Server thread only.
 */
public final class FunctionLibraries {

  private static final long LOAD_TIMEOUT_NANOS = 500_000_000L;

  private final Scripting scripting;
  private final LuaSandbox sandbox;
  private final ReadOnlyTable loadApi = new ReadOnlyTable();
  private final Map<String, FunctionLibrary> libraries = new LinkedHashMap<>();
  /** Functions by lower-case name. */
  private final Map<String, FunctionLibrary.Function> functions = new LinkedHashMap<>();
  /** The library being loaded, or null. */
  private FunctionLibrary loading;
  private long loadDeadline;

  FunctionLibraries(Scripting scripting) {
    this.scripting = scripting;
    this.sandbox = scripting.newFunctionSandbox();
    RedisApi.install(sandbox.redis, scripting::running, scripting.server().log());
    for (String gone : List.of("replicate_commands", "breakpoint", "debug")) {
      sandbox.redis.define(gone, LuaValue.NIL);
    }
    sandbox.seal();
    ReadOnlyTable api = new ReadOnlyTable();
    for (String name : List.of("log", "LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING",
        "REDIS_VERSION", "REDIS_VERSION_NUM")) {
      api.define(name, sandbox.redis.rawget(name));
    }
    api.define("register_function", RedisApi.fn(this::register));
    api.defineMetatable(sandbox.env.getmetatable());
    loadApi.define("redis", api.seal());
    loadApi.seal();
  }

  /** The function called {@code name} in any letter case, or null. */
  FunctionLibrary.Function function(byte[] name) {
    return functions.get(new String(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
  }

  /** The libraries, in load order. */
  Collection<FunctionLibrary> all() {
    return libraries.values();
  }

  /** The number of functions (INFO, FUNCTION STATS). */
  public int functionCount() {
    return functions.size();
  }

  /** The number of libraries. */
  public int libraryCount() {
    return libraries.size();
  }

  /** Every library's source, in load order: what the RDB and FUNCTION DUMP hold. */
  public List<byte[]> codes() {
    List<byte[]> out = new ArrayList<>();
    for (FunctionLibrary l : libraries.values()) {
      out.add(l.code);
    }
    return out;
  }

  /** Bytes of library sources plus bookkeeping (INFO {@code used_memory_functions}). */
  public long memory() {
    long n = 0;
    for (FunctionLibrary l : libraries.values()) {
      n += l.code.length + 96 + 104L * l.functions.size();
    }
    return n;
  }

  /** Called from the Lua hook while a library loads. */
  void checkLoadDeadline() {
    if (loading != null && System.nanoTime() > loadDeadline) {
      throw RedisApi.raise("FUNCTION LOAD timeout");
    }
  }

  // --- FUNCTION LOAD ---------------------------------------------------------------------

  /**
   * FUNCTION LOAD: compiles and registers a library, replacing one of the same name when
   * {@code replace}.
   *
   * @return the library's name
   * @throws RedisError with Redis's text when the header, the code or a name is refused
   */
  String load(byte[] code, boolean replace) {
    FunctionLibrary lib = compile(code, replace ? null : libraries);
    install(List.of(lib), replace);
    return lib.name;
  }

  /**
   * Compiles and runs one library's code without installing it; {@code existing}, when not
   * null, refuses a name already there.
   */
  private FunctionLibrary compile(byte[] code, Map<String, FunctionLibrary> existing) {
    String name = metadataName(code);
    if (!validName(name)) {
      throw new RedisError("ERR Library names can only contain letters, numbers, or underscores(_) and must be "
          + "at least one character long");
    }
    if (existing != null && existing.containsKey(name)) {
      throw new RedisError("ERR Library '" + name + "' already exists");
    }
    byte[] source = code.clone();
    source[0] = '-';
    source[1] = '-';
    LuaFunction chunk;
    try {
      chunk = sandbox.compile(source, "@user_function");
    } catch (LuaError e) {
      throw new RedisError("ERR Error compiling function: " + LuaErrors.compileMessage(LuaErrors.value(e).tojstring()));
    }
    FunctionLibrary lib = new FunctionLibrary(name, code);
    loading = lib;
    loadDeadline = System.nanoTime() + LOAD_TIMEOUT_NANOS;
    sandbox.env.loadingView(loadApi);
    try {
      chunk.invoke();
    } catch (LuaError e) {
      LuaValue v = LuaErrors.value(e);
      String msg;
      if (v.istable() && v.rawget("err").isstring()) {
        msg = v.rawget("err").tojstring();
      } else {
        msg = "ERR " + LuaValues.tostring(v);
      }
      throw new RedisError("ERR Error registering functions: " + msg);
    } catch (StackOverflowError e) {
      throw new RedisError("ERR Error registering functions: ERR stack overflow");
    } finally {
      sandbox.env.loadingView(null);
      loading = null;
    }
    if (lib.functions.isEmpty()) {
      throw new RedisError("ERR No functions registered");
    }
    return lib;
  }

  /** Installs compiled libraries, replacing same-named ones when {@code replace}, all or none. */
  private void install(List<FunctionLibrary> libs, boolean replace) {
    for (FunctionLibrary lib : libs) {
      FunctionLibrary old = libraries.get(lib.name);
      if (old != null && !replace) {
        throw new RedisError("ERR Library " + lib.name + " already exists");
      }
      for (String f : lib.functions.keySet()) {
        FunctionLibrary.Function clash = functions.get(f.toLowerCase(Locale.ROOT));
        if (clash != null && !clash.library().name.equals(lib.name)) {
          throw new RedisError("ERR Function " + f + " already exists");
        }
      }
    }
    for (FunctionLibrary lib : libs) {
      FunctionLibrary old = libraries.remove(lib.name);
      if (old != null) {
        for (String f : old.functions.keySet()) {
          functions.remove(f.toLowerCase(Locale.ROOT));
        }
      }
      libraries.put(lib.name, lib);
      for (FunctionLibrary.Function f : lib.functions.values()) {
        functions.put(f.name().toLowerCase(Locale.ROOT), f);
      }
    }
  }

  /** The {@code name=} of a library's first line, as Redis's {@code functionExtractLibMetaData}. */
  private static String metadataName(byte[] code) {
    if (!ScriptFlags.hasShebang(code)) {
      throw new RedisError("ERR Missing library metadata");
    }
    int end = 0;
    while (end < code.length && code[end] != '\n') {
      end++;
    }
    if (end == code.length) {
      throw new RedisError("ERR Invalid library metadata");
    }
    String line = new String(code, 0, end, StandardCharsets.UTF_8);
    String[] parts = line.trim().split("[ \\t\\r]+");
    String engine = parts[0].substring(2);
    if (!engine.equalsIgnoreCase("lua")) {
      throw new RedisError("ERR Engine '" + engine + "' not found");
    }
    String name = null;
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].startsWith("name=")) {
        if (name != null) {
          throw new RedisError("ERR Invalid metadata value, name argument was given multiple times");
        }
        name = parts[i].substring(5);
      } else {
        throw new RedisError("ERR Invalid metadata value given: " + parts[i]);
      }
    }
    if (name == null) {
      throw new RedisError("ERR Library name was not given");
    }
    return name;
  }

  private static boolean validName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** {@code redis.register_function}, in both its positional and its named-argument form. */
  private Varargs register(Varargs args) {
    FunctionLibrary lib = loading;
    if (lib == null) {
      throw RedisApi.raise("redis.register_function can only be called on FUNCTION LOAD command");
    }
    String name = null;
    LuaValue callback = null;
    int flags = 0;
    String description = null;
    if (args.narg() == 1) {
      if (!args.arg1().istable()) {
        throw RedisApi.raise("calling redis.register_function with a single argument is only applicable to Lua "
            + "table (representing named arguments).");
      }
      LuaTable t = (LuaTable) args.arg1();
      LuaValue k = LuaValue.NIL;
      while (true) {
        Varargs n = t.next(k);
        if ((k = n.arg1()).isnil()) {
          break;
        }
        LuaValue v = n.arg(2);
        if (!k.isstring()) {
          throw RedisApi.raise("named argument key given to redis.register_function is not a string");
        }
        switch (k.tojstring()) {
          case "function_name" -> {
            if (!v.isstring()) {
              throw RedisApi.raise("function_name argument given to redis.register_function must be a string");
            }
            name = v.tojstring();
          }
          case "description" -> {
            if (!v.isstring()) {
              throw RedisApi.raise("description argument given to redis.register_function must be a string");
            }
            description = LuaValues.tostring(v);
          }
          case "callback" -> {
            if (!v.isfunction()) {
              throw RedisApi.raise("callback argument given to redis.register_function must be a function");
            }
            callback = v;
          }
          case "flags" -> {
            if (!v.istable()) {
              throw RedisApi.raise("flags argument to redis.register_function must be a table representing "
                  + "function flags");
            }
            for (int i = 1; ; i++) {
              LuaValue f = v.rawget(i);
              if (f.isnil()) {
                break;
              }
              int bit = f.isstring() ? ScriptFlags.bit(f.tojstring()) : 0;
              if (bit == 0) {
                throw RedisApi.raise("unknown flag given");
              }
              flags |= bit;
            }
          }
          default -> throw RedisApi.raise("unknown argument given to redis.register_function");
        }
      }
      if (name == null) {
        throw RedisApi.raise("redis.register_function must get a function name argument");
      }
      if (callback == null) {
        throw RedisApi.raise("redis.register_function must get a callback argument");
      }
    } else if (args.narg() == 2) {
      if (!args.arg1().isstring()) {
        throw RedisApi.raise("first argument to redis.register_function must be a string");
      }
      if (!args.arg(2).isfunction()) {
        throw RedisApi.raise("second argument to redis.register_function must be a function");
      }
      name = LuaValues.tostring(args.arg1());
      callback = args.arg(2);
    } else {
      throw RedisApi.raise("wrong number of arguments to redis.register_function");
    }
    if (!validName(name)) {
      throw RedisApi.raise("Library names can only contain letters, numbers, or underscores(_) and must be at "
          + "least one character long");
    }
    if (lib.functions.containsKey(name)) {
      throw RedisApi.raise("Function already exists in the library");
    }
    lib.functions.put(name, new FunctionLibrary.Function(name, (LuaFunction) callback, flags, description, lib));
    return LuaValue.NONE;
  }

  // --- DELETE, FLUSH, RESTORE and loading from an RDB --------------------------------------

  /** FUNCTION DELETE. */
  void delete(String name) {
    FunctionLibrary lib = libraries.remove(name);
    if (lib == null) {
      throw new RedisError("ERR Library not found");
    }
    for (String f : lib.functions.keySet()) {
      functions.remove(f.toLowerCase(Locale.ROOT));
    }
  }

  /** FUNCTION FLUSH. */
  public void flush() {
    libraries.clear();
    functions.clear();
  }

  /** The policies of FUNCTION RESTORE. */
  enum RestorePolicy { FLUSH, APPEND, REPLACE }

  /**
   * FUNCTION RESTORE of already-extracted library sources: all are compiled first, then
   * installed by {@code policy}; nothing changes on an error.
   */
  void restore(List<byte[]> codes, RestorePolicy policy) {
    Map<String, FunctionLibrary> fresh = new LinkedHashMap<>();
    List<FunctionLibrary> compiled = new ArrayList<>();
    for (byte[] code : codes) {
      FunctionLibrary lib = compile(code, fresh);
      fresh.put(lib.name, lib);
      compiled.add(lib);
    }
    if (policy == RestorePolicy.FLUSH) {
      Map<String, FunctionLibrary> oldLibraries = new LinkedHashMap<>(libraries);
      Map<String, FunctionLibrary.Function> oldFunctions = new LinkedHashMap<>(functions);
      flush();
      try {
        install(compiled, false);
      } catch (RedisError e) {
        libraries.putAll(oldLibraries);
        functions.putAll(oldFunctions);
        throw e;
      }
      return;
    }
    install(compiled, policy == RestorePolicy.REPLACE);
  }

  /**
   * Replaces every library with those of a loaded RDB (start-up, full sync), as Redis does.
   *
   * @throws IllegalStateException when a library does not load, naming it and why
   */
  public void replaceAll(List<byte[]> codes) {
    try {
      restore(codes, RestorePolicy.FLUSH);
    } catch (RedisError e) {
      throw new IllegalStateException("a function library in the RDB does not load: " + e.getMessage(), e);
    }
  }
}
