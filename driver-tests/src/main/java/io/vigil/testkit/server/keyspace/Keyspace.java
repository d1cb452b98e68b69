package io.vigil.testkit.server.keyspace;

import java.time.Clock;

/**
 * The server's numbered databases, with the clock that decides expiry.
 *
 * <p>Server thread only. The clock is injected so tests can move time without sleeping.
 */
public final class Keyspace {

  private final Clock clock;
  private Database[] databases;
  private KeyspaceListener listener = KeyspaceListener.NONE;
  private boolean lazyExpiryDeletes = true;
  private long expiredKeys;

  /** {@code count} empty databases whose expiry follows {@code clock}. */
  public Keyspace(int count, Clock clock) {
    this.clock = clock;
    this.databases = new Database[count];
    for (int i = 0; i < count; i++) {
      databases[i] = new Database(i, this);
    }
  }

  /** Database {@code index} (0-based). */
  public Database db(int index) {
    return databases[index];
  }

  /** The number of databases. */
  public int count() {
    return databases.length;
  }

  /** Now, in Unix milliseconds, from the injected clock. */
  public long now() {
    return clock.millis();
  }

  /** The clock expiry follows. */
  public Clock clock() {
    return clock;
  }

  /** Sets the listener told about modified, ready and expired keys. */
  public void listener(KeyspaceListener listener) {
    this.listener = listener;
  }

  /** The listener. */
  public KeyspaceListener listener() {
    return listener;
  }

  /** Whether lazy expiry deletes keys (a master) or only hides them (a replica). */
  public boolean lazyExpiryDeletes() {
    return lazyExpiryDeletes;
  }

  /** See {@link #lazyExpiryDeletes()}. */
  public void lazyExpiryDeletes(boolean deletes) {
    this.lazyExpiryDeletes = deletes;
  }

  /** Keys expired so far (INFO {@code expired_keys}). */
  public long expiredKeys() {
    return expiredKeys;
  }

  void countExpired() {
    expiredKeys++;
  }

  /** Resets statistics (CONFIG RESETSTAT). */
  public void resetStats() {
    expiredKeys = 0;
  }

  /** Swaps two databases' contents (SWAPDB). */
  public void swap(int a, int b) {
    databases[a].swapWith(databases[b]);
  }

  /** Runs active expiry on every database, at most {@code maxPerDb} keys each. */
  public int expireCycle(int maxPerDb) {
    long now = now();
    int n = 0;
    for (Database db : databases) {
      n += db.expireCycle(now, maxPerDb);
    }
    return n;
  }
}
