package io.vigil.testkit.server.command;

import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.network.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The data server's state for one client: selected database, authentication, the MULTI queue,
 * watched keys and the blocking operation it waits on. Attached to its {@link Connection};
 * server thread only.
 */
public final class ClientSession {

  /** One watched key. */
  record Watched(int db, Bytes key) {}

  final Connection connection;
  int db;
  boolean authenticated;
  /** Queued commands while in MULTI, or null outside a transaction. */
  List<byte[][]> multi;
  /** A command failed to queue: EXEC answers EXECABORT. */
  boolean multiDirty;
  /** A watched key changed: EXEC answers a null array. */
  boolean watchDirty;
  final List<Watched> watched = new ArrayList<>();
  Blocking.Blocked blocked;
  boolean monitor;
  boolean noEvict;

  ClientSession(Connection connection, boolean authenticated) {
    this.connection = connection;
    this.authenticated = authenticated;
  }

  /** The connection. */
  public Connection connection() {
    return connection;
  }

  /** The selected database. */
  public int db() {
    return db;
  }

  /** Whether the client is inside MULTI. */
  public boolean inMulti() {
    return multi != null;
  }
}
