package io.vigil.driver.internal.pool;

import io.netty.channel.EventLoopGroup;
import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.Endpoint;
import io.vigil.driver.RedisServerException;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.driver.internal.connection.Failures;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one node: a few multiplexed connections shared by all callers, and
 * exclusive leases for commands that need a connection of their own.
 *
 * <p>Thread-safe; nothing blocks. A multiplexed connection that is lost is reopened at once and
 * then with exponential backoff and jitter; commands that arrive meanwhile wait for it until their
 * deadline, then fail with {@link CommandNotSentException}. When the server refuses the handshake
 * (bad password, unknown database) the waiting commands fail at once with that reason. {@link
 * #close()} closes every connection, leased ones included.
 */
public final class NodePool {

  private static final Logger log = LoggerFactory.getLogger(NodePool.class);

  private final Endpoint endpoint;
  private final String node;
  private final ConnectionFactory factory;
  private final EventLoopGroup timers;
  private final PoolSettings settings;
  private final Backoff backoff;
  private final Consumer<Connection> onConnected;
  private final Slot[] slots;
  private final Queue<Connection> idleExclusive = new ConcurrentLinkedDeque<>();
  private final Set<Connection> exclusive = ConcurrentHashMap.newKeySet();
  private final AtomicInteger exclusiveCount = new AtomicInteger();
  private volatile boolean closed;

  /**
   * A pool for {@code endpoint}.
   *
   * @param timers where reconnects and wait deadlines are scheduled
   * @param onConnected called with every new multiplexed connection, on its event loop
   */
  public NodePool(Endpoint endpoint, ConnectionFactory factory, EventLoopGroup timers,
      PoolSettings settings, Backoff backoff, Consumer<Connection> onConnected) {
    this.endpoint = endpoint;
    this.node = endpoint.toString();
    this.factory = factory;
    this.timers = timers;
    this.settings = settings;
    this.backoff = backoff;
    this.onConnected = onConnected;
    this.slots = new Slot[settings.connections()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot();
    }
  }

  /** The node. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** Starts connecting every multiplexed connection; returns at once. */
  public void start() {
    for (Slot slot : slots) {
      slot.ensureConnecting();
    }
  }

  /** Sends {@code command} on a multiplexed connection and returns it. */
  public Command submit(Command command) {
    if (closed) {
      command.completeExceptionally(Failures.notSent(command, node, "the client is closed", null));
      return command;
    }
    Slot preferred = slots.length == 1 ? slots[0] : slots[(int) (Thread.currentThread().getId() % slots.length)];
    Connection connection = preferred.connection;
    if (connection == null || !connection.isActive()) {
      for (Slot slot : slots) {
        Connection c = slot.connection;
        if (c != null && c.isActive()) {
          return c.submit(command);
        }
      }
      preferred.await(command);
      return command;
    }
    return connection.submit(command);
  }

  /**
   * Leases a connection for exclusive use. Fails with {@link CommandNotSentException} when
   * {@code maxExclusive} leases are out, or with the connect failure.
   */
  public CompletableFuture<Lease> lease() {
    if (closed) {
      return CompletableFuture.failedFuture(new CommandNotSentException("the client is closed", null));
    }
    if (exclusiveCount.incrementAndGet() > settings.maxExclusive()) {
      exclusiveCount.decrementAndGet();
      return CompletableFuture.failedFuture(new CommandNotSentException(
          "all " + settings.maxExclusive() + " exclusive connections to " + node
              + " are in use (blocking commands, transactions, subscriptions);"
              + " raise maxExclusiveConnections or release leases sooner", null));
    }
    Connection idle;
    while ((idle = idleExclusive.poll()) != null) {
      if (idle.isActive()) {
        return CompletableFuture.completedFuture(new Lease(this, idle));
      }
      exclusive.remove(idle);
    }
    return factory.connect(endpoint).handle((connection, error) -> {
      if (error != null) {
        exclusiveCount.decrementAndGet();
        throw error instanceof CompletionException ce ? ce : new CompletionException(error);
      }
      exclusive.add(connection);
      connection.closeFuture().thenRun(() -> exclusive.remove(connection));
      if (closed) {
        connection.close();
        exclusiveCount.decrementAndGet();
        throw new CompletionException(new CommandNotSentException("the client is closed", null));
      }
      return new Lease(this, connection);
    });
  }

  void giveBack(Connection connection, boolean reusable) {
    exclusiveCount.decrementAndGet();
    if (reusable && !closed && connection.isActive() && idleExclusive.size() < Math.max(2, slots.length)) {
      idleExclusive.offer(connection);
      if (closed) {
        connection.close(); // close() may have run between the check and the offer
      }
    } else {
      connection.close();
    }
  }

  /**
   * Fails the commands waiting for a multiplexed connection as not sent, so a caller that knows
   * the node is gone (a failover) can send them elsewhere at once instead of at their deadline.
   */
  public void failWaiting(String why) {
    for (Slot slot : slots) {
      slot.failWaiters(why, new CommandNotSentException(why, null));
    }
  }

  /** Closes every connection; returns when all are closed. Commands waiting fail as not sent. */
  public CompletableFuture<Void> close() {
    closed = true;
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (Slot slot : slots) {
      closing.add(slot.close());
    }
    for (Connection c : exclusive) {
      closing.add(c.close());
    }
    idleExclusive.clear();
    return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
  }

  /** One multiplexed connection and its reconnect loop. */
  private final class Slot {
    /** The ready connection, or null while (re)connecting. */
    private volatile Connection connection;
    private final Queue<Command> waiters = new ConcurrentLinkedQueue<>();
    /** Guarded by this. */
    private boolean connecting;
    /** Guarded by this. */
    private int attempt;
    private volatile Throwable lastError;

    void ensureConnecting() {
      synchronized (this) {
        if (connecting || closed) {
          return;
        }
        connecting = true;
      }
      connect();
    }

    private void connect() {
      if (closed) {
        return;
      }
      factory.connect(endpoint).whenComplete((c, error) -> {
        if (error != null) {
          failed(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
        } else {
          connected(c);
        }
      });
    }

    private void connected(Connection c) {
      synchronized (this) {
        connecting = false;
        attempt = 0;
      }
      if (closed) {
        c.close();
        return;
      }
      lastError = null;
      connection = c;
      c.closeFuture().thenRun(() -> lost(c));
      try {
        onConnected.accept(c);
      } catch (RuntimeException e) {
        log.warn("A connect callback for {} threw", node, e);
      }
      drainWaiters(c);
    }

    private void failed(Throwable error) {
      lastError = error;
      int n;
      synchronized (this) {
        n = attempt++;
      }
      if (error instanceof ConnectionException
          && (error.getCause() instanceof RedisServerException || error.getCause() instanceof SSLException)) {
        failWaiters("the connection was refused", error); // retrying cannot fix credentials or trust
      }
      long delayNanos = backoff.delay(n).toNanos();
      if (n == 0 || n % 20 == 0) {
        log.warn("Cannot connect to {} (attempt {}): {}; retrying in {} ms",
            node, n + 1, error.getMessage(), TimeUnit.NANOSECONDS.toMillis(delayNanos));
      } else {
        log.debug("Cannot connect to {} (attempt {}): {}; retrying in {} ms",
            node, n + 1, error.getMessage(), TimeUnit.NANOSECONDS.toMillis(delayNanos));
      }
      schedule(this::connect, delayNanos);
    }

    private void lost(Connection c) {
      if (connection == c) {
        connection = null;
      }
      if (closed) {
        return;
      }
      log.warn("Lost the connection to {}; reconnecting", node);
      ensureConnecting();
    }

    void await(Command command) {
      waiters.add(command);
      ensureConnecting();
      if (command.deadlineNanos() != Command.NO_DEADLINE) {
        long remaining = command.deadlineNanos() - factory.settings().ticker().nanoTime();
        schedule(() -> {
          if (waiters.remove(command)) {
            Throwable last = lastError;
            command.completeExceptionally(Failures.notSent(command, node,
                "no connection within the command timeout"
                    + (last == null ? "" : " (last error: " + last.getMessage() + ")"), last));
          }
        }, Math.max(0, remaining));
      }
      Connection c = connection;
      if (c != null && c.isActive()) {
        drainWaiters(c); // it became ready while we queued
      }
    }

    private void drainWaiters(Connection c) {
      Command command;
      while ((command = waiters.poll()) != null) {
        c.submit(command);
      }
    }

    private void failWaiters(String why, Throwable cause) {
      Command command;
      while ((command = waiters.poll()) != null) {
        command.completeExceptionally(Failures.notSent(command, node, why + ": " + cause.getMessage(), cause));
      }
    }

    CompletableFuture<Void> close() {
      failWaiters("the client is closed", new CommandNotSentException("closed", null));
      Connection c = connection;
      return c == null ? CompletableFuture.completedFuture(null) : c.close();
    }

    private void schedule(Runnable task, long delayNanos) {
      try {
        timers.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        failWaiters("the client is closed", e);
      }
    }
  }
}
