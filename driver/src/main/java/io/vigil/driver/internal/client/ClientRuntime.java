package io.vigil.driver.internal.client;

import io.vigil.driver.Endpoint;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.Topology;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.ConnectionFactory;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.connection.Transport;
import io.vigil.driver.internal.failover.FailoverRunner;
import io.vigil.driver.internal.failover.MasterTracker;
import io.vigil.driver.internal.failover.SentinelMaster;
import io.vigil.driver.internal.metrics.FailoverMetrics;
import io.vigil.driver.internal.pool.Backoff;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.routing.ReplicaTracker;
import io.vigil.driver.internal.routing.RoutingRunner;
import io.vigil.driver.internal.routing.Session;
import io.vigil.driver.internal.topology.MasterSource;
import io.vigil.driver.internal.topology.SentinelOptions;
import io.vigil.driver.internal.topology.StandaloneMaster;
import io.vigil.resp.RespError;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client owns: its I/O threads, the {@link MasterSource} its commands go to (a fixed node,
 * or the master the sentinels name), its command table, its replica tracker and its open
 * subscriptions. Closing it closes all of them and waits for the I/O threads to end.
 *
 * <p>Thread-safe.
 */
public final class ClientRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientRuntime.class);

  private final ClientOptions options;
  private final Transport transport;
  private final ConnectionSettings settings;
  private final ConnectionFactory factory;
  private final CommandTable table = new CommandTable();
  private final Backoff backoff;
  private final MasterSource source;
  private final Set<SubscriptionImpl<?, ?>> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean tableRefreshed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Created on first use by {@link #replicas()}; guarded by this. */
  private ReplicaTracker replicas;

  /**
   * Starts a runtime: in standalone mode it connects in the background; behind Sentinel it asks
   * the sentinels for the master and waits (up to the connect timeout) for it to be confirmed.
   *
   * @throws io.vigil.driver.ConnectionException when no sentinel answers
   * @throws IllegalArgumentException when no sentinel knows the master name
   */
  public ClientRuntime(ClientOptions options) {
    this.options = options;
    this.transport = Transport.create(options.ioThreads());
    this.settings = options.connection();
    this.backoff = new Backoff(options.pool().reconnectBase(), options.pool().reconnectMax());
    this.factory = new ConnectionFactory(transport, settings);
    this.source = options.topology() instanceof Topology.Sentinel s
        ? sentinelMaster(s)
        : new StandaloneMaster(newPool(((Topology.Standalone) options.topology()).node(), c -> {}), settings.ticker());
    try {
      source.start();
    } catch (RuntimeException e) {
      transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  private MasterSource sentinelMaster(Topology.Sentinel topology) {
    SentinelOptions sentinel = new SentinelOptions(topology.masterName(), topology.sentinels(),
        options.sentinelConnection(), options.addressMapper(), options.topologyListener(),
        options.sentinelPollInterval(), options.recoveryPollInterval(), options.probeTimeout(),
        options.failoverQueueSize(), options.clock());
    FailoverMetrics metrics = FailoverMetrics.of(options.meterRegistry(), topology.masterName());
    MasterTracker[] self = new MasterTracker[1];
    MasterTracker tracker = new MasterTracker(sentinel, new ConnectionFactory(transport, options.sentinelConnection()),
        factory, transport.group(), settings.ticker(), backoff, metrics, endpoint -> {
          // the fastest sign of a dead master: its connection closing
          NodePool p = newPool(endpoint, c -> c.closeFuture().thenRun(
              () -> self[0].suspect(endpoint, "the connection to the master closed")));
          p.start();
          return p;
        });
    self[0] = tracker;
    FailoverRunner runner = new FailoverRunner(tracker.gate(), tracker, table, settings.ticker(), transport.group(),
        metrics, options.rootView().retryPolicy(), tracker::describeMaster);
    return new SentinelMaster(tracker, runner, settings.ticker(), settings.connectTimeout());
  }

  private NodePool newPool(Endpoint node, Consumer<Connection> onConnect) {
    return new NodePool(node, factory, transport.group(), options.pool(), backoff, c -> {
      if (options.refreshCommandTable() && tableRefreshed.compareAndSet(false, true)) {
        refreshTable(c);
      }
      onConnect.accept(c);
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

  /** What the client was built with. */
  public ClientOptions options() {
    return options;
  }

  /** Where the master comes from. */
  public MasterSource source() {
    return source;
  }

  /**
   * The pool of the node to lease from: the fixed node, or the confirmed master once there is
   * one (waiting at most {@code timeoutNanos}).
   */
  public CompletableFuture<NodePool> masterPool(long timeoutNanos) {
    return source.masterPool(timeoutNanos);
  }

  /** The node commands go to, for messages. */
  public String nodeName() {
    return source.describe();
  }

  /** Where commands go, retried across failovers with {@code policy}. */
  public CommandRunner runner(RetryPolicy policy) {
    return source.runner(policy);
  }

  /** The command timeout in nanoseconds. */
  public long commandTimeoutNanos() {
    return settings.commandTimeout().toNanos();
  }

  /**
   * The replica tracker, created on first use: replicas come from the sentinels in Sentinel
   * mode, from the master's {@code INFO replication} in standalone mode.
   */
  public synchronized ReplicaTracker replicas() {
    if (replicas == null) {
      replicas = new ReplicaTracker(source.replicas(), this::replicaPool, timers(), settings.ticker(),
          options.replicaSampleInterval(), options.meterRegistry());
    }
    return replicas;
  }

  private NodePool replicaPool(Endpoint replica) {
    NodePool p = newPool(replica, c -> {});
    p.start();
    return p;
  }

  /** A new read-your-writes session over this client's replicas. */
  public Session newSession() {
    return RoutingRunner.newSession(replicas());
  }

  /**
   * A runner sending reads as {@code view} says (its read policy and session) and writes to the
   * master through {@code base}, confirmed durable when the view asks; {@code base} itself when
   * there is nothing to route.
   */
  public CommandRunner routed(CommandRunner base, ViewSettings view) {
    if (!view.readPolicy().mayReadReplicas() && view.session() == null && view.durableReplicas() <= 0) {
      return base;
    }
    return new RoutingRunner(base, replicas(), table, view.readPolicy(), view.session(), view.durableReplicas(),
        view.durableTimeout() == null ? 0 : view.durableTimeout().toNanos(), this::masterPool, settings.ticker(),
        timers(), options.replicaWait().toNanos());
  }

  /** The command table, refreshed from the server's {@code COMMAND} on first connect. */
  public CommandTable table() {
    return table;
  }

  /** The data nodes' connection settings. */
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
    source.close();
    transport.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    factory.abortConnects();
  }
}
