package io.vigil.driver.internal.pool;

import io.vigil.driver.internal.connection.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection held exclusively by one caller, for a blocking command, a transaction or a
 * subscription.
 *
 * <p>Release it exactly once; later calls do nothing. A connection whose state is unknown (a
 * timed-out blocking command, an aborted transaction, a subscription) must be released with
 * {@code reusable = false}, which closes it.
 */
public final class Lease {

  private final NodePool pool;
  private final Connection connection;
  private final AtomicBoolean released = new AtomicBoolean();

  Lease(NodePool pool, Connection connection) {
    this.pool = pool;
    this.connection = connection;
  }

  /** The leased connection. */
  public Connection connection() {
    return connection;
  }

  /** Gives the connection back; it is kept for reuse only when {@code reusable} and healthy. */
  public void release(boolean reusable) {
    if (released.compareAndSet(false, true)) {
      pool.giveBack(connection, reusable);
    }
  }
}
