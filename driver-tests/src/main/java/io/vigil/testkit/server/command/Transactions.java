package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespError;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.network.Connection;
import java.util.ArrayList;
import java.util.List;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH; and the end of CLIENT PAUSE. */
final class Transactions {

  private Transactions() {}

  static void install(CommandTable t, Dispatcher dispatcher) {
    t.add("multi", Transactions::multi);
    t.add("discard", Transactions::discard);
    t.add("watch", Transactions::watch);
    t.add("unwatch", c -> {
      c.server().watches.unwatchAll(c.session());
      return RespSimpleString.OK;
    });
    t.add("exec", c -> exec(c, dispatcher));
  }

  private static RespValue multi(Call c) {
    if (c.session().multi != null) {
      throw new RedisError("ERR MULTI calls can not be nested");
    }
    c.session().multi = new ArrayList<>();
    c.session().multiDirty = false;
    return RespSimpleString.OK;
  }

  private static RespValue discard(Call c) {
    if (c.session().multi == null) {
      throw new RedisError("ERR DISCARD without MULTI");
    }
    reset(c.server(), c.session());
    return RespSimpleString.OK;
  }

  static void reset(ServerContext server, ClientSession s) {
    s.multi = null;
    s.multiDirty = false;
    server.watches.unwatchAll(s);
  }

  private static RespValue watch(Call c) {
    if (c.session().multi != null) {
      throw new RedisError("ERR WATCH inside MULTI is not allowed");
    }
    for (int i = 1; i < c.argc(); i++) {
      c.server().watches.watch(c.session(), c.dbIndex(), c.key(i));
    }
    return RespSimpleString.OK;
  }

  private static RespValue exec(Call c, Dispatcher dispatcher) {
    ClientSession s = c.session();
    if (s.multi == null) {
      throw new RedisError("ERR EXEC without MULTI");
    }
    List<byte[][]> queued = s.multi;
    boolean aborted = s.multiDirty;
    boolean watchFailed = s.watchDirty || anyWatchedExpired(c);
    reset(c.server(), s);
    if (aborted) {
      return RespError.of("EXECABORT Transaction discarded because of previous errors.");
    }
    if (watchFailed) {
      return RespNull.ARRAY;
    }
    c.noPropagate(); // the queued commands propagate themselves, wrapped in MULTI/EXEC
    List<RespValue> replies = new ArrayList<>(queued.size());
    for (byte[][] argv : queued) {
      Command cmd = dispatcher.table().get(CommandTable.commandName(argv[0]));
      if (cmd.isContainer()) {
        cmd = cmd.subcommands().get(CommandTable.commandName(argv[1]));
      }
      // a master's stream and the AOF (no connection) write to a read-only replica
      if (cmd.spec().isWrite() && s.connection != null && isReadOnlyReplica(c.server())) {
        replies.add(RespError.of("READONLY You can't write against a read only replica."));
        continue;
      }
      RespValue r = dispatcher.call(s, cmd, argv, true);
      replies.add(r == null ? RespNull.ARRAY : r);
    }
    return new RespArray(replies);
  }

  private static boolean isReadOnlyReplica(ServerContext server) {
    String master = server.config().get("replicaof");
    return master != null && !master.isEmpty() && server.config().getBool("replica-read-only");
  }

  private static boolean anyWatchedExpired(Call c) {
    for (ClientSession.Watched w : c.session().watched) {
      if (c.server().keyspace().db(w.db()).isExpired(w.key())) {
        return true;
      }
    }
    return false;
  }

  /** Ends CLIENT PAUSE: releases every held connection in arrival order. */
  static void unpause(ServerContext server) {
    server.pausedUntil = 0;
    while (!server.pausedConnections.isEmpty()) {
      Connection c = server.pausedConnections.poll();
      c.release();
    }
  }
}
