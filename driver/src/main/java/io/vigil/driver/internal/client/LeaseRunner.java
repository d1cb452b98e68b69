package io.vigil.driver.internal.client;

import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.pool.Lease;
import io.vigil.resp.RespValue;
import java.util.concurrent.CompletableFuture;

/**
 * Sends every command on one leased connection, blocking ones included, so they share its state
 * (a transaction's WATCH, a WAIT's write offset).
 *
 * <p>Thread-safe, but a lease is meant for one caller at a time.
 */
public final class LeaseRunner implements CommandRunner {

  private final Lease lease;

  public LeaseRunner(Lease lease) {
    this.lease = lease;
  }

  @Override
  public CompletableFuture<RespValue> send(byte[][] args, long timeoutNanos, boolean blocking) {
    return lease.connection().submit(Command.of(args, lease.connection().ticker().nanoTime(), timeoutNanos));
  }

  @Override
  public String node() {
    return lease.connection().endpoint().toString();
  }

  /** The lease. */
  public Lease lease() {
    return lease;
  }
}
