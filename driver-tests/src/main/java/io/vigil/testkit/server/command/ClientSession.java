package io.vigil.testkit.server.command;

import io.vigil.resp.RespVersion;
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
  /** The protocol a script chose with {@code redis.setresp}; null for a real client. */
  RespVersion scriptProtocol;
  /** Where this client's writes propagate ({@link #PROPAGATE_ALL} unless a script says otherwise). */
  int propagateTo = PROPAGATE_ALL;

  /** Writes go to the append-only file. */
  public static final int PROPAGATE_AOF = 1;
  /** Writes go to replicas. */
  public static final int PROPAGATE_REPLICAS = 2;
  /** Writes go everywhere. */
  public static final int PROPAGATE_ALL = PROPAGATE_AOF | PROPAGATE_REPLICAS;

  ClientSession(Connection connection, boolean authenticated) {
    this.connection = connection;
    this.authenticated = authenticated;
  }

  /**
   * The client a script's {@code redis.call} runs as: no connection, the caller's database,
   * RESP2 until the script asks for RESP3, writes propagated everywhere.
   */
  public static ClientSession forScript(ClientSession caller) {
    ClientSession s = new ClientSession(null, true);
    s.db = caller.db;
    s.scriptProtocol = RespVersion.RESP2;
    return s;
  }

  /** Sets the protocol replies to this script client take ({@code redis.setresp}). */
  public void scriptProtocol(RespVersion version) {
    this.scriptProtocol = version;
  }

  /** Where this client's writes propagate: {@link #PROPAGATE_AOF}, {@link #PROPAGATE_REPLICAS}, both or none. */
  public void propagateTo(int targets) {
    this.propagateTo = targets;
  }

  /** Whether replies to this client are RESP3. */
  public boolean resp3() {
    if (scriptProtocol != null) {
      return scriptProtocol == RespVersion.RESP3;
    }
    return connection != null && connection.version() == RespVersion.RESP3;
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
