package io.vigil.driver.internal.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.driver.Endpoint;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.connection.Transport;
import io.vigil.driver.internal.metrics.FailoverMetrics;
import io.vigil.driver.internal.pool.Backoff;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.pool.PoolSettings;
import io.vigil.driver.internal.retry.FailoverRunner;
import io.vigil.driver.internal.routing.ReplicaTracker;
import io.vigil.driver.internal.routing.RoutingRunner;
import io.vigil.driver.internal.routing.Session;
import io.vigil.driver.internal.topology.MasterTracker;
import io.vigil.driver.internal.topology.SentinelOptions;
import io.vigil.resp.RespError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client owns: its I/O threads, its node pool (or, in Sentinel mode, the master tracker
 * that replaces the pool on failover), its command table and its open subscriptions. Closing it
 * closes all of them and waits for the I/O threads to end.
 *
 * <p>Thread-safe.
 */
public final class ClientRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientRuntime.class);

  private final Transport transport;
  private final ConnectionSettings settings;
  private final ConnectionFactory factory;
  private final PoolSettings poolSettings;
  private final boolean refreshCommandTable;
  private final CommandTable table = new CommandTable();
  private final Backoff backoff;
  /** The fixed pool in standalone mode; null in Sentinel mode. */
  private final NodePool fixedPool;
  /** The master tracker in Sentinel mode; null in standalone mode. */
  private final MasterTracker tracker;
  private final CommandRunner runner;
  private final Set<SubscriptionImpl<?, ?>> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean tableRefreshed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Created on first use by {@link #replicas()}; guarded by this. */
  private ReplicaTracker replicas;
  private Duration replicaSampleInterval = Duration.ofMillis(20);
  private MeterRegistry replicaRegistry;

  /**
   * Starts a runtime for one node and begins connecting.
   *
   * @param refreshCommandTable whether to load the server's {@code COMMAND} flags on first connect
   */
  public ClientRuntime(Endpoint node, ConnectionSettings settings, PoolSettings poolSettings,
      int ioThreads, boolean refreshCommandTable) {
    this.transport = Transport.create(ioThreads);
    this.settings = settings;
    this.poolSettings = poolSettings;
    this.refreshCommandTable = refreshCommandTable;
    this.backoff = new Backoff(poolSettings.reconnectBase(), poolSettings.reconnectMax());
    this.factory = new ConnectionFactory(transport, settings);
    this.fixedPool = newPool(node, null);
    this.tracker = null;
    this.runner = new PoolRunner(fixedPool, settings.ticker());
    fixedPool.start();
  }

  /**
   * Starts a Sentinel-mode runtime: asks the sentinels for the master and waits (up to the
   * connect timeout) for it to be confirmed.
   *
   * @throws io.vigil.driver.ConnectionException when no sentinel answers
   * @throws IllegalArgumentException when no sentinel knows the master name
   */
  public ClientRuntime(SentinelOptions sentinel, ConnectionSettings settings, PoolSettings poolSettings,
      int ioThreads, boolean refreshCommandTable, MeterRegistry registry, RetryPolicy retryPolicy) {
    this.transport = Transport.create(ioThreads);
    this.settings = settings;
    this.poolSettings = poolSettings;
    this.refreshCommandTable = refreshCommandTable;
    this.backoff = new Backoff(poolSettings.reconnectBase(), poolSettings.reconnectMax());
    this.factory = new ConnectionFactory(transport, settings);
    this.fixedPool = null;
    FailoverMetrics metrics = FailoverMetrics.of(registry, sentinel.masterName());
    MasterTracker[] self = new MasterTracker[1];
    this.tracker = new MasterTracker(sentinel, new ConnectionFactory(transport, sentinel.sentinelSettings()),
        factory, transport.group(), settings.ticker(), backoff, metrics, endpoint -> {
          NodePool p = newPool(endpoint, self);
          p.start();
          return p;
        });
    self[0] = tracker;
    this.runner = new FailoverRunner(tracker.gate(), tracker, table, settings.ticker(), transport.group(), metrics,
        retryPolicy, tracker::describeMaster);
    try {
      tracker.start(settings.connectTimeout());
    } catch (RuntimeException e) {
      transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  private NodePool newPool(Endpoint node, MasterTracker[] tracking) {
    return new NodePool(node, factory, transport.group(), poolSettings, backoff, c -> {
      if (refreshCommandTable && tableRefreshed.compareAndSet(false, true)) {
        refreshTable(c);
      }
      if (tracking != null) {
        // the fastest sign of a dead master: its connection closing
        c.closeFuture().thenRun(() -> tracking[0].suspect(node, "the connection to the master closed"));
      }
    });
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

  /**
   * The pool of the node to lease from: the fixed node, or the confirmed master once there is
   * one (waiting at most {@code timeoutNanos}).
   */
  public CompletableFuture<NodePool> masterPool(long timeoutNanos) {
    if (fixedPool != null) {
      return CompletableFuture.completedFuture(fixedPool);
    }
    long deadline = timeoutNanos <= 0 ? Command.NO_DEADLINE : settings.ticker().nanoTime() + timeoutNanos;
    return tracker.gate().await(deadline, "a connection lease");
  }

  /** The node commands go to, for messages. */
  public String nodeName() {
    return fixedPool != null ? fixedPool.endpoint().toString() : tracker.describeMaster();
  }

  /** Where commands go: the fixed pool, or the failover runner in Sentinel mode. */
  public CommandRunner runner() {
    return runner;
  }

  /** The runner with another retry policy; in standalone mode the runner itself (it does not retry). */
  public CommandRunner runner(RetryPolicy policy) {
    return runner instanceof FailoverRunner f ? f.withPolicy(policy) : runner;
  }

  /** Sets how replicas are sampled; call before the first {@link #replicas()}. */
  public synchronized void configureReplicas(Duration sampleInterval, MeterRegistry registry) {
    this.replicaSampleInterval = sampleInterval;
    this.replicaRegistry = registry;
  }

  /**
   * The replica tracker, created on first use: replicas come from the sentinels in Sentinel
   * mode, from the master's {@code INFO replication} in standalone mode.
   */
  public synchronized ReplicaTracker replicas() {
    if (replicas == null) {
      replicas = fixedPool != null
          ? new ReplicaTracker(fixedPool::endpoint, () -> fixedPool, null, e -> null, this::replicaPool, timers(),
              settings.ticker(), replicaSampleInterval, replicaRegistry)
          : new ReplicaTracker(tracker::confirmedMaster, tracker::pool, tracker::replicas, tracker::replicaDownReason,
              this::replicaPool, timers(), settings.ticker(), replicaSampleInterval, replicaRegistry);
    }
    return replicas;
  }

  private NodePool replicaPool(Endpoint replica) {
    NodePool p = newPool(replica, null);
    p.start();
    return p;
  }

  /**
   * A runner sending reads per {@code policy} (and {@code session}, may be null) and writes to
   * the master through {@code base}, confirmed by {@code durableReplicas} replicas when above 0;
   * {@code base} itself when there is nothing to route.
   */
  public CommandRunner routed(CommandRunner base, ReadPolicy policy, Session session, int durableReplicas,
      Duration durableTimeout, Duration replicaWait) {
    if (!policy.mayReadReplicas() && session == null && durableReplicas <= 0) {
      return base;
    }
    return new RoutingRunner(base, replicas(), table, policy, session, durableReplicas,
        durableTimeout == null ? 0 : durableTimeout.toNanos(), this::masterPool, settings.ticker(), timers(),
        replicaWait.toNanos());
  }

  /** The master tracker in Sentinel mode, else null. */
  public MasterTracker tracker() {
    return tracker;
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

  /** Where timers run. */
  ScheduledExecutorService timers() {
    return transport.group();
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
    synchronized (this) {
      if (replicas != null) {
        replicas.close();
      }
    }
    try {
      if (fixedPool != null) {
        fixedPool.close().get(5, TimeUnit.SECONDS);
      } else {
        NodePool p = tracker.pool();
        tracker.close();
        if (p != null) {
          p.close().get(5, TimeUnit.SECONDS);
        }
      }
    } catch (Exception e) {
      log.debug("Connections of {} did not close in time: {}", nodeName(), e.toString());
    }
    transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    factory.abortConnects();
  }
}
