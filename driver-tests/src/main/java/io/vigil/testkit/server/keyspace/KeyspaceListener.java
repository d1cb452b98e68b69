package io.vigil.testkit.server.keyspace;

/**
 * What the keyspace tells the server about: modified keys (WATCH), keys that may wake blocked
 * clients, and keys that expired (to be propagated as {@code DEL}). Called on the server thread.
 */
public interface KeyspaceListener {

  /** {@code key} in {@code db} changed (Redis's {@code signalModifiedKey}). */
  void keyModified(int db, Bytes key);

  /**
   * {@code key} in {@code db} may serve a blocked client: it now holds a list, sorted set or
   * stream, or it no longer holds a stream (whose blocked group readers then fail).
   */
  void keyReady(int db, Bytes key);

  /** {@code key} in {@code db} was deleted because its time to live ran out. */
  void keyExpired(int db, Bytes key);

  /** Does nothing. */
  KeyspaceListener NONE = new KeyspaceListener() {
    @Override public void keyModified(int db, Bytes key) {}
    @Override public void keyReady(int db, Bytes key) {}
    @Override public void keyExpired(int db, Bytes key) {}
  };
}
