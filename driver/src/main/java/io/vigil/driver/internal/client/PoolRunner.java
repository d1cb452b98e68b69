package io.vigil.driver.internal.client;

import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.resp.RespValue;
import java.util.concurrent.CompletableFuture;

/**
 * Sends commands through a {@link NodePool}: ordinary ones on a shared connection, blocking ones
 * on a lease that is given back (and reused) when the command completed normally, closed
 * otherwise because the server may still be blocked on it.
 *
 * <p>Thread-safe.
 */
public final class PoolRunner implements CommandRunner {

  private final NodePool pool;
  private final Ticker ticker;
  private final String node;

  public PoolRunner(NodePool pool, Ticker ticker) {
    this.pool = pool;
    this.ticker = ticker;
    this.node = pool.endpoint().toString();
  }

  @Override
  public CompletableFuture<RespValue> send(byte[][] args, long timeoutNanos, boolean blocking) {
    Command command = Command.of(args, ticker.nanoTime(), timeoutNanos);
    if (!blocking) {
      return pool.submit(command);
    }
    pool.lease().whenComplete((lease, error) -> {
      if (error != null) {
        command.completeExceptionally(error.getCause() != null ? error.getCause() : error);
        return;
      }
      lease.connection().submit(command).whenComplete((reply, failure) -> lease.release(failure == null));
    });
    return command;
  }

  @Override
  public String node() {
    return node;
  }

  /** The pool, for leases. */
  public NodePool pool() {
    return pool;
  }
}
