package io.vigil.testkit.server.command;

import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, XREAD...) or on nothing but a timeout (WAIT).
 *
 * <p>Clients wait per key in arrival order; when a key is signalled ready, waiting clients are
 * served first-come first-served, as Redis does after each command: for as long as the key can
 * serve them when serving consumes the key (a pop), and every one that can be served when it
 * does not (a stream read). A blocked client's later pipelined commands stay queued until it is
 * served or times out. Server thread only.
 */
final class Blocking {

  /** One blocked client. */
  static final class Blocked {
    final ClientSession session;
    final int db;
    final List<Bytes> keys;
    /** Tries to serve from a ready key; returns the reply or null when the key cannot serve. */
    final Function<Bytes, RespValue> serve;
    final RespValue timeoutReply;
    /** Whether serving this client uses up what the key holds, so a refusal ends the round. */
    final boolean consumes;
    ScheduledFuture<?> timer;

    Blocked(ClientSession session, int db, List<Bytes> keys, Function<Bytes, RespValue> serve,
        RespValue timeoutReply, boolean consumes) {
      this.session = session;
      this.db = db;
      this.keys = keys;
      this.serve = serve;
      this.timeoutReply = timeoutReply;
      this.consumes = consumes;
    }
  }

  private record DbKey(int db, Bytes key) {}

  private final ServerContext server;
  private final Map<DbKey, ArrayDeque<Blocked>> waiting = new HashMap<>();
  private final LinkedHashSet<DbKey> ready = new LinkedHashSet<>();
  /** Clients blocked on no key (WAIT), which only a timeout or an event ends. */
  private final LinkedHashSet<Blocked> keyless = new LinkedHashSet<>();
  private int blockedClients;

  Blocking(ServerContext server) {
    this.server = server;
  }

  /** Blocked clients (INFO {@code blocked_clients}). */
  int blockedClients() {
    return blockedClients;
  }

  /** Keys with waiting clients. */
  int blockingKeys() {
    return waiting.size();
  }

  /** Blocks {@code session} on keys that serving consumes; {@code timeoutMillis} 0 waits forever. */
  void block(ClientSession session, int db, List<Bytes> keys, long timeoutMillis,
      RespValue timeoutReply, Function<Bytes, RespValue> serve) {
    block(session, db, keys, timeoutMillis, timeoutReply, true, serve);
  }

  /**
   * Blocks {@code session}; {@code timeoutMillis} 0 waits forever. When {@code consumes} is
   * false, a client the key cannot serve yet does not stop the clients behind it.
   */
  void block(ClientSession session, int db, List<Bytes> keys, long timeoutMillis,
      RespValue timeoutReply, boolean consumes, Function<Bytes, RespValue> serve) {
    Blocked b = new Blocked(session, db, keys, serve, timeoutReply, consumes);
    session.blocked = b;
    blockedClients++;
    for (Bytes key : keys) {
      waiting.computeIfAbsent(new DbKey(db, key), k -> new ArrayDeque<>()).add(b);
    }
    if (keys.isEmpty()) {
      keyless.add(b);
    }
    session.connection.hold();
    if (timeoutMillis > 0) {
      b.timer = server.eventLoop().schedule(() -> {
        if (session.blocked == b) {
          unblock(b, b.timeoutReply);
        }
      }, timeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Notes that {@code key} may now serve waiting clients. */
  void signal(int db, Bytes key) {
    DbKey k = new DbKey(db, key);
    if (waiting.containsKey(k)) {
      ready.add(k);
    }
  }

  /** Serves clients waiting on keys signalled since the last call. */
  void serveReady() {
    while (!ready.isEmpty()) {
      Iterator<DbKey> it = ready.iterator();
      DbKey k = it.next();
      it.remove();
      ArrayDeque<Blocked> queue = waiting.get(k);
      if (queue == null) {
        continue;
      }
      for (Blocked b : new ArrayList<>(queue)) {
        if (b.session.blocked != b) {
          continue;
        }
        RespValue reply = b.serve.apply(k.key());
        if (reply == null) {
          if (b.consumes) {
            break; // the key cannot serve anyone else now
          }
          continue;
        }
        unblock(b, reply);
      }
    }
  }

  /**
   * Unblocks every blocked client with {@code error} and closes each once it is written, as
   * Redis's {@code disconnectAllBlockedClients} when a master becomes a replica.
   */
  void unblockAll(RespValue error) {
    java.util.Set<Blocked> all = new LinkedHashSet<>();
    for (ArrayDeque<Blocked> q : waiting.values()) {
      all.addAll(q);
    }
    for (Blocked b : keyless) {
      all.add(b);
    }
    for (Blocked b : all) {
      if (b.session.blocked == b) {
        unblock(b, error);
        b.session.connection.closeAfterReply();
      }
    }
  }

  /** Unblocks with {@code reply} (null: silently, e.g. disconnect). */
  void unblock(Blocked b, RespValue reply) {
    if (b.session.blocked != b) {
      return;
    }
    b.session.blocked = null;
    blockedClients--;
    if (b.timer != null) {
      b.timer.cancel(false);
    }
    keyless.remove(b);
    for (Bytes key : b.keys) {
      DbKey k = new DbKey(b.db, key);
      ArrayDeque<Blocked> q = waiting.get(k);
      if (q != null) {
        q.remove(b);
        if (q.isEmpty()) {
          waiting.remove(k);
        }
      }
    }
    if (reply != null) {
      b.session.connection.write(reply);
    }
    b.session.connection.release();
  }
}
