package io.vigil.testkit.server.keyspace;

/**
 * What the keyspace tells the server about: modified keys (WATCH), keys that may wake blocked
 * clients, and keys that expired (to be propagated as {@code DEL}). Called on the server thread.
 */
public interface KeyspaceListener {

  /** {@code key} in {@code db} changed (Redis's {@code signalModifiedKey}). */
  void keyModified(int db, Bytes key);

  /** {@code key} in {@code db} now holds a list or sorted set that may serve a blocked client. */
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
