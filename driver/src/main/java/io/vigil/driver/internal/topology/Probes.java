package io.vigil.driver.internal.topology;

import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Short queries ({@code ROLE}, {@code SENTINEL GET-MASTER-ADDR-BY-NAME}…) to nodes and sentinels
 * over one cached connection per address, opened on first use and dropped when it closes.
 *
 * <p>Thread-safe; nothing blocks. Every call is bounded by {@code timeout}, connect included, so
 * an unreachable or blackholed node answers with a failure in time.
 */
public final class Probes implements AutoCloseable {

  private final ConnectionFactory factory;
  private final long timeoutNanos;
  private final Map<Endpoint, CompletableFuture<Connection>> connections = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public Probes(ConnectionFactory factory, long timeoutNanos) {
    this.factory = factory;
    this.timeoutNanos = timeoutNanos;
  }

  /** Sends one command to {@code endpoint}; the reply may be an error reply. */
  public CompletableFuture<RespValue> call(Endpoint endpoint, String... args) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("closed"));
    }
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    CompletableFuture<Connection> connection = connections.compute(endpoint, (e, existing) -> {
      if (existing != null && (!existing.isDone() || (!existing.isCompletedExceptionally()
          && existing.getNow(null).isActive()))) {
        return existing;
      }
      CompletableFuture<Connection> fresh = factory.connect(e);
      fresh.whenComplete((c, error) -> {
        if (error != null) {
          connections.remove(e, fresh);
        } else {
          c.closeFuture().thenRun(() -> connections.remove(e, fresh));
          if (closed) {
            c.close();
          }
        }
      });
      return fresh;
    });
    return connection
        .thenCompose(c -> c.submit(Command.of(bytes, c.ticker().nanoTime(), timeoutNanos)))
        .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    closed = true;
    connections.values().forEach(f -> f.thenAccept(Connection::close));
    connections.clear();
  }
}
