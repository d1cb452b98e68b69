package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.network.ConnectionKind;
import io.vigil.testkit.server.persistence.RdbFiles;
import io.vigil.testkit.server.replication.MasterLink;
import io.vigil.testkit.server.replication.PsyncDecision;
import io.vigil.testkit.server.replication.ReplicaPeer;
import io.vigil.testkit.server.replication.ReplicationSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Replication and persistence commands: REPLICAOF/SLAVEOF, SYNC, PSYNC, REPLCONF, ROLE, WAIT,
 * SAVE and BGSAVE, plus the once-a-second replication cron (PING to replicas). One instance per
 * server; server thread only.
 */
final class ReplicationCommands {

  /** A client blocked in WAIT. */
  private static final class Waiter {
    final ClientSession session;
    final Blocking.Blocked blocked;
    final long target;
    final long replicas;
    ScheduledFuture<?> timer;

    Waiter(ClientSession session, Blocking.Blocked blocked, long target, long replicas) {
      this.session = session;
      this.blocked = blocked;
      this.target = target;
      this.replicas = replicas;
    }
  }

  private final Dispatcher dispatcher;
  private final ServerContext server;
  private final List<Waiter> waiters = new ArrayList<>();
  private long cronLoops;

  private ReplicationCommands(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.server = dispatcher.server();
  }

  static ReplicationCommands install(CommandTable t, Dispatcher dispatcher) {
    ReplicationCommands r = new ReplicationCommands(dispatcher);
    t.add("replicaof", r::replicaof);
    t.add("slaveof", r::replicaof);
    t.add("sync", c -> r.sync(c, true));
    t.add("psync", c -> r.sync(c, false));
    t.add("replconf", r::replconf);
    t.add("role", r::role);
    t.add("wait", r::waitCommand);
    t.add("save", r::save);
    t.add("bgsave", r::bgsave);
    r.server.replication().ackListener(r::checkWaiters);
    return r;
  }

  /** Starts the replication cron and, with {@code replicaof} configured, the link to the master. */
  void start() {
    server.eventLoop().scheduleAtFixedRate(this::cron, 1, 1, TimeUnit.SECONDS);
    String master = server.config().get("replicaof");
    if (master != null && !master.isBlank()) {
      String[] f = master.trim().split("\\s+");
      follow(f[0], Integer.parseInt(f[1]), false);
    }
  }

  private void cron() {
    cronLoops++;
    long period = Math.max(1, server.config().getLong("repl-ping-replica-period"));
    if (cronLoops % period == 0) {
      server.replication().ping();
    }
    savePoints();
  }

  /** The {@code save <seconds> <changes>} points, checked once a second as serverCron does. */
  private void savePoints() {
    String[] f = server.config().get("save").trim().split("\\s+");
    long sinceSave = server.now() / 1000 - server.lastSaveSeconds();
    for (int i = 0; i + 1 < f.length; i += 2) {
      long seconds = Long.parseLong(f[i]);
      long changes = Long.parseLong(f[i + 1]);
      if (server.dirty() >= changes && sinceSave >= seconds) {
        server.log().notice(changes + " changes in " + seconds + " seconds. Saving...");
        try {
          RdbFiles.save(server);
        } catch (IOException e) {
          server.log().warning("Background saving error: " + e.getMessage());
        }
        return;
      }
    }
  }

  // --- REPLICAOF ------------------------------------------------------------------------------

  private RespValue replicaof(Call c) {
    if (c.is(1, "NO") && c.is(2, "ONE")) {
      MasterLink old = server.masterLink();
      if (old != null) {
        old.close();
        server.masterLink(null);
        server.config().set("replicaof", "no one");
        server.replication().becomeMaster();
        server.log().notice("Setting secondary replication ID to " + server.replication().ids().replId2()
            + ", valid up to offset: " + server.replication().ids().secondReplOffset() + ". New replication ID is "
            + server.replication().ids().replId());
        server.log().notice("MASTER MODE enabled (user request from '" + describe(c) + "')");
      }
      return RespSimpleString.OK;
    }
    long port = c.longArg(2);
    if (port < 0 || port > 65535) {
      throw new RedisError("ERR Invalid master port");
    }
    String host = c.str(1);
    MasterLink old = server.masterLink();
    if (old != null && old.host().equalsIgnoreCase(host) && old.port() == port) {
      server.log().notice("REPLICAOF would result into synchronization with the master we are already connected"
          + " with. No operation performed.");
      return RespSimpleString.of("OK Already connected to specified master");
    }
    follow(host, (int) port, true);
    server.log().notice("REPLICAOF " + host + ":" + port + " enabled (user request from '" + describe(c) + "')");
    return RespSimpleString.OK;
  }

  private static String describe(Call c) {
    return c.connection() == null ? "replication" : "id=" + c.connection().id() + " addr=" + c.connection().addr();
  }

  private void follow(String host, int port, boolean hasHistory) {
    MasterLink old = server.masterLink();
    if (old != null) {
      old.close();
    }
    server.config().set("replicaof", host + " " + port);
    server.refreshCachedConfig();
    server.replication().becomeReplica();
    // every blocked client (WAIT, list pops, stream reads) is failed and closed, as Redis does
    server.blocking.unblockAll(io.vigil.resp.RespError.of(
        "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)"));
    waiters.clear();
    MasterLink link = new MasterLink(dispatcher, server.replication(), host, port, hasHistory);
    server.masterLink(link);
    link.start();
  }

  // --- SYNC / PSYNC / REPLCONF ------------------------------------------------------------------

  private RespValue sync(Call c, boolean plainSync) {
    if (c.connection() == null || c.connection().kind() == ConnectionKind.REPLICA) {
      return null;
    }
    MasterLink link = server.masterLink();
    if (link != null && !link.isUp()) {
      throw new RedisError("NOMASTERLINK Can't SYNC while not connected with my master");
    }
    String replId = null;
    long offset = -1;
    if (!plainSync) {
      replId = c.str(1);
      offset = c.longArg(2);
    }
    PsyncDecision d = server.replication().sync(c.connection(), replId, offset, server.now(),
        server.config().getBool("repl-diskless-sync"), (db, id, off) -> RdbFiles.snapshot(server, db, id, off));
    server.log().notice("Replica " + c.connection().addr() + " asks for synchronization: " + d.logMessage());
    return null;
  }

  private RespValue replconf(Call c) {
    if (c.argc() % 2 == 0) {
      throw RedisError.syntax();
    }
    ReplicationSource source = server.replication();
    for (int j = 1; j < c.argc(); j += 2) {
      String option = c.str(j).toLowerCase(java.util.Locale.ROOT);
      switch (option) {
        case "listening-port":
          source.listeningPort(c.connection(), (int) c.longArg(j + 1));
          break;
        case "ip-address":
          source.announcedIp(c.connection(), c.str(j + 1));
          break;
        case "capa":
          source.capability(c.connection(), c.str(j + 1));
          break;
        case "ack":
          source.ack(c.connection(), c.longArg(j + 1), server.now());
          return null; // replicas get no reply to ACK
        case "getack":
          return null; // only meaningful from a master, and then handled by the link
        case "rdb-only":
        case "rdb-filter-only":
          break;
        default:
          throw new RedisError("ERR Unrecognized REPLCONF option: " + c.str(j));
      }
    }
    return RespSimpleString.OK;
  }

  // --- ROLE -----------------------------------------------------------------------------------

  private RespValue role(Call c) {
    MasterLink link = server.masterLink();
    if (link == null) {
      List<RespValue> replicas = new ArrayList<>();
      for (ReplicaPeer p : server.replication().replicas()) {
        if (p.state() != ReplicaPeer.State.ONLINE) {
          continue;
        }
        replicas.add(RespArray.of(RespBulkString.of(p.ip()), RespBulkString.of(Long.toString(p.listeningPort())),
            RespBulkString.of(Long.toString(p.ackOffset()))));
      }
      return RespArray.of(RespBulkString.of("master"), RespInteger.of(server.replication().offset()),
          RespArray.of(replicas.toArray(new RespValue[0])));
    }
    return RespArray.of(RespBulkString.of("slave"), RespBulkString.of(link.host()), RespInteger.of(link.port()),
        RespBulkString.of(link.state().text()), RespInteger.of(link.isUp() ? server.replication().offset() : -1));
  }

  // --- WAIT -----------------------------------------------------------------------------------

  private RespValue waitCommand(Call c) {
    if (server.masterLink() != null) {
      throw new RedisError("ERR WAIT cannot be used with replica instances. Please also note that since Redis"
          + " 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are"
          + " just local and are not propagated.");
    }
    long replicas = c.longArg(1);
    long timeout = c.longArg(2, "ERR timeout is not an integer or out of range");
    if (timeout < 0) {
      throw new RedisError("ERR timeout is negative");
    }
    long target = server.replication().offset();
    int acked = server.replication().replicasAcked(target);
    if (acked >= replicas || c.inExec()) {
      return RespInteger.of(acked);
    }
    server.blocking.block(c.session(), c.dbIndex(), List.of(), 0, null, k -> null);
    Waiter w = new Waiter(c.session(), c.session().blocked, target, replicas);
    waiters.add(w);
    if (timeout > 0) {
      w.timer = server.eventLoop().schedule(() -> finish(w), timeout, TimeUnit.MILLISECONDS);
    }
    server.replication().requestAcks();
    return null;
  }

  private void finish(Waiter w) {
    waiters.remove(w);
    if (w.timer != null) {
      w.timer.cancel(false);
    }
    server.blocking.unblock(w.blocked, RespInteger.of(server.replication().replicasAcked(w.target)));
  }

  private void checkWaiters() {
    for (Iterator<Waiter> it = new ArrayList<>(waiters).iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.session.blocked != w.blocked) {
        waiters.remove(w); // the client went away
        continue;
      }
      if (server.replication().replicasAcked(w.target) >= w.replicas) {
        finish(w);
      }
    }
  }

  // --- SAVE / BGSAVE --------------------------------------------------------------------------

  private RespValue save(Call c) {
    try {
      RdbFiles.save(server);
    } catch (IOException e) {
      server.log().warning("Failed saving the DB: " + e.getMessage());
      throw new RedisError("ERR " + e.getMessage());
    }
    return RespSimpleString.OK;
  }

  /** BGSAVE saves synchronously on the server thread: the snapshot is consistent without a fork. */
  private RespValue bgsave(Call c) {
    save(c);
    return RespSimpleString.of("Background saving started");
  }
}
