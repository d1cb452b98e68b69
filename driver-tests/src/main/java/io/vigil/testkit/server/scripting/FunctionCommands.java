package io.vigil.testkit.server.scripting;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.command.Call;
import io.vigil.testkit.server.command.CommandTable;
import io.vigil.testkit.server.command.RedisError;
import io.vigil.testkit.server.pubsub.GlobMatcher;
import io.vigil.testkit.server.rdb.RdbFormatException;
import io.vigil.testkit.server.rdb.RdbOptions;
import io.vigil.testkit.server.rdb.RdbReader;
import io.vigil.testkit.server.rdb.RdbWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** FCALL, FCALL_RO and FUNCTION, with Redis 7.0's replies and error texts. */
final class FunctionCommands {

  private FunctionCommands() {}

  static void install(CommandTable t, Scripting s) {
    FunctionLibraries libs = s.libraries;
    t.add("fcall", c -> fcall(c, s, false));
    t.add("fcall_ro", c -> fcall(c, s, true));
    t.add("function|load", c -> {
      boolean replace = false;
      int i = 2;
      while (i < c.argc() - 1) {
        if (!c.is(i, "REPLACE")) {
          throw new RedisError("ERR Unknown option given: " + c.str(i));
        }
        replace = true;
        i++;
      }
      String name = libs.load(c.arg(i), replace);
      c.server().addDirty(1);
      return RespBulkString.of(name);
    });
    t.add("function|delete", c -> {
      libs.delete(c.str(2));
      c.server().addDirty(1);
      return RespSimpleString.OK;
    });
    t.add("function|flush", c -> {
      if (c.argc() > 3) {
        throw subcommandSyntax(c);
      }
      if (c.argc() == 3 && !c.is(2, "SYNC") && !c.is(2, "ASYNC")) {
        throw new RedisError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
      }
      libs.flush();
      c.server().addDirty(1);
      return RespSimpleString.OK;
    });
    t.add("function|kill", c -> s.kill(false));
    t.add("function|list", c -> list(c, libs));
    t.add("function|stats", c -> stats(s, libs));
    t.add("function|dump", c -> RespBulkString.of(RdbWriter.functionPayload(libs.codes(),
        RdbOptions.builder().compression(c.server().config().getBool("rdbcompression")).build())));
    t.add("function|restore", c -> {
      FunctionLibraries.RestorePolicy policy = FunctionLibraries.RestorePolicy.APPEND;
      if (c.argc() > 4) {
        throw subcommandSyntax(c);
      }
      if (c.argc() == 4) {
        try {
          policy = FunctionLibraries.RestorePolicy.valueOf(c.option(3));
        } catch (IllegalArgumentException e) {
          throw new RedisError("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
        }
      }
      List<byte[]> codes;
      try {
        codes = RdbReader.functionPayload(c.arg(2));
      } catch (RdbFormatException e) {
        String m = e.getMessage();
        if (m.contains("DUMP payload version or checksum are wrong")) {
          throw new RedisError("ERR DUMP payload version or checksum are wrong");
        }
        if (m.contains("given type is not a function")) {
          throw new RedisError("ERR given type is not a function");
        }
        throw new RedisError("ERR failed loading the given functions payload");
      } catch (IOException e) {
        throw new RedisError("ERR failed loading the given functions payload");
      }
      libs.restore(codes, policy);
      c.server().addDirty(1);
      return RespSimpleString.OK;
    });
    t.add("function|help", c -> EvalCommands.lines(
        "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
        "      in case of functions name collision with another library).",
        "HELP",
        "    Prints this help."));
  }

  /** Redis's {@code addReplySubcommandSyntaxError}. */
  private static RedisError subcommandSyntax(Call c) {
    return new RedisError("ERR unknown subcommand or wrong number of arguments for '" + c.str(1)
        + "'. Try FUNCTION HELP.");
  }

  private static RespValue fcall(Call c, Scripting s, boolean ro) {
    FunctionLibrary.Function f = s.libraries.function(c.arg(1));
    if (f == null) {
      return RespError.of("ERR Function not found");
    }
    Long numkeys = io.vigil.testkit.server.keyspace.Numbers.parseLong(c.arg(2));
    if (numkeys == null) {
      return RespError.of("ERR Bad number of keys provided");
    }
    if (numkeys > c.argc() - 3) {
      return RespError.of("ERR Number of keys can't be greater than number of args");
    }
    if (numkeys < 0) {
      return RespError.of("ERR Number of keys can't be negative");
    }
    return s.runFunction(f, c.session(), ro, c.argv(), numkeys.intValue());
  }

  private static RespValue list(Call c, FunctionLibraries libs) {
    boolean withCode = false;
    byte[] pattern = null;
    for (int i = 2; i < c.argc(); i++) {
      if (c.is(i, "WITHCODE") && !withCode) {
        withCode = true;
      } else if (c.is(i, "LIBRARYNAME") && pattern == null) {
        if (i + 1 >= c.argc()) {
          throw new RedisError("ERR library name argument was not given");
        }
        pattern = c.arg(++i);
      } else {
        throw new RedisError("ERR Unknown argument " + c.str(i));
      }
    }
    List<RespValue> out = new ArrayList<>();
    for (FunctionLibrary lib : libs.all()) {
      if (pattern != null && !GlobMatcher.matches(pattern, bytes(lib.name), true)) {
        continue;
      }
      List<RespValue> fns = new ArrayList<>();
      for (FunctionLibrary.Function f : lib.functions.values()) {
        List<RespValue> flags = new ArrayList<>();
        for (String flag : ScriptFlags.names(f.flags())) {
          flags.add(RespSimpleString.of(flag));
        }
        fns.add(new RespMap(List.of(
            RespBulkString.of("name"), RespBulkString.of(f.name()),
            RespBulkString.of("description"), f.description() == null ? RespNull.BULK : RespBulkString.of(f.description()),
            RespBulkString.of("flags"), new RespSet(flags))));
      }
      List<RespValue> kv = new ArrayList<>(List.of(
          RespBulkString.of("library_name"), RespBulkString.of(lib.name),
          RespBulkString.of("engine"), RespBulkString.of("LUA"),
          RespBulkString.of("functions"), new RespArray(fns)));
      if (withCode) {
        kv.add(RespBulkString.of("library_code"));
        kv.add(RespBulkString.of(lib.code));
      }
      out.add(new RespMap(kv));
    }
    return new RespArray(out);
  }

  private static RespValue stats(Scripting s, FunctionLibraries libs) {
    RespValue running = RespNull.BULK;
    ScriptRun run = s.running();
    if (run != null && !run.eval) {
      List<RespValue> command = new ArrayList<>();
      for (byte[] a : run.command) {
        command.add(RespBulkString.of(a));
      }
      running = new RespMap(List.of(
          RespBulkString.of("name"), RespBulkString.of(run.name),
          RespBulkString.of("command"), new RespArray(command),
          RespBulkString.of("duration_ms"), RespInteger.of((System.nanoTime() - run.startNanos) / 1_000_000)));
    }
    RespMap lua = new RespMap(List.of(
        RespBulkString.of("libraries_count"), RespInteger.of(libs.libraryCount()),
        RespBulkString.of("functions_count"), RespInteger.of(libs.functionCount())));
    return new RespMap(List.of(
        RespBulkString.of("running_script"), running,
        RespBulkString.of("engines"), new RespMap(List.of(RespBulkString.of("LUA"), lua))));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
