package io.vigil.testkit.server.scripting;

import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.network.ServerLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code redis} table scripts call: {@code call}/{@code pcall}, the reply helpers, logging,
 * {@code sha1hex}, {@code setresp}, {@code set_repl} and the constants, with Redis 7.0's error
 * texts. Server thread only.
 */
final class RedisApi {

  static final String VERSION = "7.0.15";
  static final int VERSION_NUM = 0x07000f;

  private RedisApi() {}

  /** Fills {@code redis} with the functions every script has; {@code run} gives the current run. */
  static void install(ReadOnlyTable redis, Supplier<ScriptRun> run, ServerLog log) {
    redis.define("call", fn(args -> call(run.get(), args, true)));
    redis.define("pcall", fn(args -> call(run.get(), args, false)));
    redis.define("error_reply", fn(args -> singleField(args, "err")));
    redis.define("status_reply", fn(args -> singleField(args, "ok")));
    redis.define("sha1hex", fn(args -> {
      if (args.narg() != 1) {
        throw raise("wrong number of arguments");
      }
      LuaValue s = args.arg1();
      return LuaValue.valueOf(sha1hex(s.isstring() ? LuaValues.bytes(s) : new byte[0]));
    }));
    redis.define("log", fn(args -> {
      int argc = args.narg();
      if (argc < 2) {
        throw raise("redis.log() requires two arguments or more.");
      }
      if (args.arg1().type() != LuaValue.TNUMBER && !args.arg1().isnumber()) {
        throw raise("First argument must be a number (log level).");
      }
      int level = (int) args.arg1().todouble();
      if (level < 0 || level > 3) {
        throw raise("Invalid debug level.");
      }
      StringBuilder sb = new StringBuilder();
      for (int j = 2; j <= argc; j++) {
        LuaValue v = args.arg(j);
        if (v.isstring()) {
          if (j != 2) {
            sb.append(' ');
          }
          sb.append(new String(LuaValues.bytes(v), StandardCharsets.UTF_8));
        }
      }
      switch (level) {
        case 0 -> log.log(ServerLog.Level.DEBUG, sb.toString());
        case 1 -> log.verbose(sb.toString());
        case 2 -> log.notice(sb.toString());
        default -> log.warning(sb.toString());
      }
      return LuaValue.NONE;
    }));
    redis.define("setresp", fn(args -> {
      ScriptRun r = require(run.get(), "redis.setresp");
      if (args.narg() != 1) {
        throw raise("redis.setresp() requires one argument.");
      }
      int resp = (int) args.arg1().optdouble(0);
      if (resp != 2 && resp != 3) {
        throw raise("RESP version must be 2 or 3.");
      }
      r.resp(resp);
      return LuaValue.NONE;
    }));
    redis.define("set_repl", fn(args -> {
      ScriptRun r = require(run.get(), "redis.set_repl");
      if (args.narg() != 1) {
        throw raise("redis.set_repl() requires two arguments.");
      }
      int flags = (int) args.arg1().optdouble(0);
      if ((flags & ~3) != 0) {
        throw raise("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
      }
      r.propagateTo(flags);
      return LuaValue.NONE;
    }));
    redis.define("replicate_commands", fn(args -> LuaValue.TRUE));
    redis.define("breakpoint", fn(args -> LuaValue.FALSE));
    redis.define("debug", fn(args -> LuaValue.NONE));
    redis.define("acl_check_cmd", fn(args -> {
      ScriptRun r = require(run.get(), "redis.acl_check_cmd");
      byte[][] argv;
      try {
        argv = argv(args);
      } catch (ArgumentError e) {
        throw raise(e.getMessage());
      }
      if (!r.knows(argv)) {
        throw raise("Invalid command passed to redis.acl_check_cmd()");
      }
      return LuaValue.TRUE; // every client runs as the default user, which may run everything
    }));
    redis.define("LOG_DEBUG", LuaValue.valueOf(0));
    redis.define("LOG_VERBOSE", LuaValue.valueOf(1));
    redis.define("LOG_NOTICE", LuaValue.valueOf(2));
    redis.define("LOG_WARNING", LuaValue.valueOf(3));
    redis.define("REPL_NONE", LuaValue.valueOf(0));
    redis.define("REPL_AOF", LuaValue.valueOf(1));
    redis.define("REPL_SLAVE", LuaValue.valueOf(2));
    redis.define("REPL_REPLICA", LuaValue.valueOf(2));
    redis.define("REPL_ALL", LuaValue.valueOf(3));
    redis.define("REDIS_VERSION", LuaValue.valueOf(VERSION));
    redis.define("REDIS_VERSION_NUM", LuaValue.valueOf(VERSION_NUM));
  }

  /** A Lua function of {@code body}. */
  static VarArgFunction fn(java.util.function.Function<Varargs, Varargs> body) {
    return new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        return body.apply(args);
      }
    };
  }

  /** An error raised as Redis's {@code luaPushError} + {@code luaError} raise it. */
  static ScriptError raise(String message) {
    return ScriptError.table(LuaErrors.errorTable(message));
  }

  private static ScriptRun require(ScriptRun run, String what) {
    if (run == null) {
      throw raise(what + " can only be called inside a script invocation");
    }
    return run;
  }

  private static Varargs singleField(Varargs args, String field) {
    if (args.narg() != 1 || args.arg1().type() != LuaValue.TSTRING) {
      return LuaErrors.errorTable("wrong number or type of arguments");
    }
    if (field.equals("err")) {
      String text = new String(LuaValues.bytes(args.arg1()), StandardCharsets.UTF_8);
      return LuaErrors.errorTable(text.startsWith("-") ? text : "-" + text);
    }
    LuaTable t = new LuaTable();
    t.rawset(field, args.arg1());
    return t;
  }

  /** Arguments of a {@code redis.call} as command arguments, numbers spelled {@code %.17g}. */
  private static byte[][] argv(Varargs args) {
    int argc = args.narg();
    if (argc == 0) {
      throw new ArgumentError("Please specify at least one argument for this redis lib call");
    }
    byte[][] argv = new byte[argc][];
    for (int j = 0; j < argc; j++) {
      LuaValue v = args.arg(j + 1);
      if (v.type() == LuaValue.TNUMBER) {
        argv[j] = LuaNumbers.formatG(v.todouble(), 17).getBytes(StandardCharsets.US_ASCII);
      } else if (v.type() == LuaValue.TSTRING) {
        argv[j] = LuaValues.bytes(v);
      } else {
        throw new ArgumentError("Lua redis lib command arguments must be strings or integers");
      }
    }
    return argv;
  }

  /** Bad {@code redis.call} arguments: raised by {@code call}, returned by {@code pcall}. */
  private static final class ArgumentError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ArgumentError(String message) {
      super(message, null, false, false);
    }
  }

  private static Varargs call(ScriptRun run, Varargs args, boolean raise) {
    if (run == null) {
      throw raise("redis.call/pcall can only be called inside a script invocation");
    }
    byte[][] argv;
    try {
      argv = argv(args);
    } catch (ArgumentError e) {
      LuaTable err = LuaErrors.errorTable(e.getMessage());
      if (raise) {
        throw ScriptError.table(err);
      }
      return err;
    }
    RespValue reply = run.call(argv);
    LuaValue v = LuaReplies.toLua(reply, run.resp3());
    if (raise && reply instanceof RespError) {
      throw ScriptError.table(v);
    }
    return v;
  }

  /** The SHA-1 of {@code body} in lower-case hex, as SCRIPT LOAD and {@code redis.sha1hex} give it. */
  static String sha1hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-1", e);
    }
  }
}
