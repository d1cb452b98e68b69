package io.vigil.driver.internal.client;

import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.connection.Transport;
import io.vigil.driver.internal.pool.Backoff;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.pool.PoolSettings;
import io.vigil.resp.RespError;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client owns: its I/O threads, its node pool, its command table and its open
 * subscriptions. Closing it closes all of them and waits for the I/O threads to end.
 *
 * <p>Thread-safe.
 */
public final class ClientRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientRuntime.class);

  private final Transport transport;
  private final ConnectionSettings settings;
  private final ConnectionFactory factory;
  private final NodePool pool;
  private final CommandTable table = new CommandTable();
  private final Backoff backoff;
  private final PoolRunner runner;
  private final Set<SubscriptionImpl<?, ?>> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean tableRefreshed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Starts a runtime for one node and begins connecting.
   *
   * @param refreshCommandTable whether to load the server's {@code COMMAND} flags on first connect
   */
  public ClientRuntime(Endpoint node, ConnectionSettings settings, PoolSettings poolSettings,
      int ioThreads, boolean refreshCommandTable) {
    this.transport = Transport.create(ioThreads);
    this.settings = settings;
    this.backoff = new Backoff(poolSettings.reconnectBase(), poolSettings.reconnectMax());
    this.factory = new ConnectionFactory(transport, settings);
    this.pool = new NodePool(node, factory, transport.group(),
        poolSettings, backoff, c -> {
          if (refreshCommandTable && tableRefreshed.compareAndSet(false, true)) {
            refreshTable(c);
          }
        });
    this.runner = new PoolRunner(pool, settings.ticker());
    pool.start();
  }

  private void refreshTable(Connection connection) {
    byte[][] args = {"COMMAND".getBytes(StandardCharsets.US_ASCII)};
    connection.submit(Command.of(args, settings.ticker().nanoTime(), settings.commandTimeout().toNanos()))
        .whenComplete((reply, error) -> {
          if (error != null || reply instanceof RespError) {
            tableRefreshed.set(false); // try again on the next connection
            log.debug("Could not load the command table from {}: {}", connection.endpoint(),
                error != null ? error.toString() : reply);
            return;
          }
          int n = table.refresh(reply);
          log.debug("Loaded the flags of {} commands from {}", n, connection.endpoint());
        });
  }

  public NodePool pool() {
    return pool;
  }

  public PoolRunner runner() {
    return runner;
  }

  public CommandTable table() {
    return table;
  }

  public ConnectionSettings settings() {
    return settings;
  }

  public Backoff backoff() {
    return backoff;
  }

  void register(SubscriptionImpl<?, ?> subscription) {
    subscriptions.add(subscription);
  }

  /** Closes subscriptions and connections, then stops the I/O threads and waits for them. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    subscriptions.forEach(SubscriptionImpl::close);
    try {
      pool.close().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("Connections to {} did not close in time: {}", pool.endpoint(), e.toString());
    }
    transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    factory.abortConnects();
  }
}
