package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Server commands: TIME, LASTSAVE, FLUSHDB/FLUSHALL, DEBUG, SHUTDOWN, SLOWLOG, MONITOR. ROLE,
 * WAIT, SAVE and REPLICAOF are {@link ReplicationCommands}; EVAL, SCRIPT, FUNCTION and FCALL are
 * {@code io.vigil.testkit.server.scripting}.
 */
final class ServerCommands {

  private static final String NO_PERSISTENCE =
      "ERR AOF rewriting and DEBUG RELOAD are not available in this server";

  private ServerCommands() {}

  static void install(CommandTable t) {
    t.add("time", c -> {
      long micros = c.server().now() * 1000 + (System.nanoTime() / 1000) % 1000;
      return Replies.strings(Long.toString(micros / 1_000_000), Long.toString(micros % 1_000_000));
    });
    t.add("lastsave", c -> Replies.integer(c.server().lastSaveSeconds()));
    t.add("flushdb", c -> {
      flushOption(c);
      c.db().clear();
      c.server().addDirty(1);
      return RespSimpleString.OK;
    });
    t.add("flushall", c -> {
      flushOption(c);
      for (int i = 0; i < c.server().keyspace().count(); i++) {
        c.server().keyspace().db(i).clear();
      }
      c.server().addDirty(1);
      return RespSimpleString.OK;
    });
    t.add("debug", ServerCommands::debug);
    t.add("shutdown", ServerCommands::shutdown);
    t.add("slowlog|get", c -> {
      long count = c.argc() == 3 ? c.longArg(2, "ERR count should be greater than or equal to -1") : 10;
      if (count < -1) {
        throw new RedisError("ERR count should be greater than or equal to -1");
      }
      List<RespValue> out = new ArrayList<>();
      for (SlowLog.Entry e : c.server().slowlog.entries) {
        if (count != -1 && out.size() >= count) {
          break;
        }
        List<RespValue> args = new ArrayList<>();
        for (byte[] a : e.argv()) {
          args.add(RespBulkString.of(a));
        }
        out.add(RespArray.of(RespInteger.of(e.id()), RespInteger.of(e.timestampSeconds()),
            RespInteger.of(e.micros()), new RespArray(args), RespBulkString.of(e.addr()),
            RespBulkString.of(e.name())));
      }
      return new RespArray(out);
    });
    t.add("slowlog|len", c -> Replies.integer(c.server().slowlog.entries.size()));
    t.add("slowlog|reset", c -> {
      c.server().slowlog.reset();
      return RespSimpleString.OK;
    });
    t.add("slowlog|help", c -> Replies.strings(
        "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET [<count>]", "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:", "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name", "LEN", "    Return the length of the slowlog.", "RESET",
        "    Reset the slowlog.", "HELP", "    Print this help."));
    t.add("monitor", c -> {
      ClientSession s = c.session();
      if (!s.monitor) {
        s.monitor = true;
        c.server().monitors.add(s);
      }
      return RespSimpleString.OK;
    });
    t.add("bgrewriteaof", c -> new RespError(NO_PERSISTENCE, false));
  }

  private static void flushOption(Call c) {
    if (c.argc() > 2 || (c.argc() == 2 && !c.is(1, "ASYNC") && !c.is(1, "SYNC"))) {
      throw RedisError.syntax();
    }
  }

  private static RespValue debug(Call c) {
    String allowed = c.server().config().get("enable-debug-command");
    boolean local = c.connection().remoteAddress() != null
        && c.connection().remoteAddress().getAddress().isLoopbackAddress();
    if (!"yes".equals(allowed) && !("local".equals(allowed) && local)) {
      throw new RedisError("ERR DEBUG command not allowed. If the enable-debug-command option is "
          + "set to \"local\", you can run it from a local connection, otherwise you need to set "
          + "this option in the configuration file, and then restart the server.");
    }
    String sub = c.option(1);
    switch (sub) {
      case "SLEEP": {
        if (c.argc() != 3) {
          throw RedisError.syntax();
        }
        double seconds = c.doubleArg(2);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        // DEBUG SLEEP blocks the whole server on purpose, as in Redis.
        while (System.nanoTime() < deadline) {
          LockSupport.parkNanos(deadline - System.nanoTime());
        }
        return RespSimpleString.OK;
      }
      case "SET-ACTIVE-EXPIRE":
        if (c.argc() != 3) {
          throw RedisError.syntax();
        }
        c.server().activeExpire = c.longArg(2) != 0;
        return RespSimpleString.OK;
      case "OBJECT": {
        if (c.argc() != 3) {
          throw RedisError.syntax();
        }
        var v = c.db().get(c.key(2));
        if (v == null) {
          throw new RedisError("ERR no such key");
        }
        return RespSimpleString.of("Value at:0x0 refcount:1 encoding:" + v.encoding()
            + " serializedlength:0 lru:0 lru_seconds_idle:0");
      }
      case "RELOAD":
        throw new RedisError(NO_PERSISTENCE);
      case "HELP":
        return Replies.strings("DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "OBJECT <key>", "SLEEP <seconds>", "SET-ACTIVE-EXPIRE <0|1>", "HELP");
      default:
        throw new RedisError("ERR unknown subcommand '" + c.str(1) + "'. Try DEBUG HELP.");
    }
  }

  private static RespValue shutdown(Call c) {
    for (int i = 1; i < c.argc(); i++) {
      String o = c.option(i);
      if (!o.equals("NOSAVE") && !o.equals("SAVE") && !o.equals("NOW") && !o.equals("FORCE")
          && !o.equals("ABORT")) {
        throw RedisError.syntax();
      }
      if (o.equals("ABORT")) {
        throw new RedisError("ERR No shutdown in progress.");
      }
    }
    ServerContext s = c.server();
    boolean nosave = false;
    boolean save = false;
    boolean force = false;
    for (int i = 1; i < c.argc(); i++) {
      nosave |= c.is(i, "NOSAVE");
      save |= c.is(i, "SAVE");
      force |= c.is(i, "FORCE");
    }
    if (s.busy() != null) {
      if (!nosave) {
        return s.busy(); // a slow script holds the server: only SHUTDOWN NOSAVE may stop it
      }
      s.scripting().killForShutdown();
    }
    s.log().warning("User requested shutdown...");
    // as Redis: save when asked to, or when save points are configured and NOSAVE was not given
    if (save || (!nosave && !s.config().get("save").isBlank())) {
      s.log().notice("Saving the final RDB snapshot before exiting.");
      try {
        io.vigil.testkit.server.persistence.RdbFiles.save(s);
      } catch (java.io.IOException e) {
        s.log().warning("Error trying to save the DB, can't exit: " + e.getMessage());
        if (!force) {
          throw new RedisError("ERR Errors trying to SHUTDOWN. Check logs.");
        }
      }
    }
    s.log().notice("Redis is now ready to exit, bye bye...");
    // Redis closes the connection without a reply on success.
    c.connection().close();
    s.eventLoop().schedule(s.shutdownHook(), 0, TimeUnit.MILLISECONDS);
    return null;
  }
}
