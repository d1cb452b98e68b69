package io.vigil.testkit.chaos.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A TCP proxy on 127.0.0.1 in front of one target (a data node, a sentinel), through which a
 * test injects network faults between the clients that connect to it and the target:
 * {@link #drop()}, {@link #blackhole()}, {@link #delay}, {@link #bandwidth}, each for both
 * directions or one {@link Direction}, switched at runtime and lifted by {@link #heal()}.
 *
 * <p>Faults:
 * <ul>
 *   <li><b>drop</b>: the listening socket is closed, so new connections are refused, and open
 *       connections are reset (RST) on both sides. {@link #heal()} listens again on the same port.
 *   <li><b>blackhole</b>: connections are accepted and kept, but nothing is delivered: like a
 *       partition, bytes are held, not lost. Up to 1 MiB per direction and connection waits in
 *       the proxy, the rest in the kernel's socket buffers, until the sender's writes block. On
 *       heal the held bytes are <em>delivered late</em>, in order, as TCP delivers after a
 *       partition heals; so a request sent into a blackhole may still be executed afterwards,
 *       which is exactly the outcome-unknown case clients must handle. A closed connection's end
 *       (FIN) is held too, and delivered after the held bytes. A connection accepted while
 *       either direction is blackholed reaches the target only once the link heals (a handshake
 *       cannot cross a partition): until then the target does not see it, and the client cannot
 *       learn whether the target is even up; what the client sends meanwhile is held.
 *   <li><b>delay</b>: every chunk is delivered no earlier than its arrival plus the delay in
 *       force when it arrived; order is preserved (a later chunk never overtakes an earlier one,
 *       even when the delay is lowered), throughput is not limited.
 *   <li><b>bandwidth</b>: at most about {@code bytesPerSecond} per connection and direction,
 *       released in slices of 1/20 s worth.
 * </ul>
 * Faults combine: a delayed, bandwidth-limited direction delays, then limits.
 *
 * <p>Why Netty rather than plain NIO: the driver already brings it (no new dependency); its
 * event loop gives the timers that delays and bandwidth need on the same thread as the I/O, so
 * each connection's state needs no locks; {@code autoRead} and channel writability give
 * backpressure without hand-written selector code; and its pooled buffers run under the leak
 * detector the tests already enable at paranoid level. Only the listening socket is a plain
 * blocking one, on a thread of its own: the JDK releases a selector-registered listener only on
 * the selector's next turn, and a drop must refuse the very next connect.
 *
 * <p>Threading: every method is thread-safe. Fault changes are applied to all open connections
 * before the method returns (it waits for the proxy's event loop, at most a few seconds), so a
 * test may act right after, for example send into a blackhole. Latencies are real time
 * ({@link System#nanoTime()}), since they delay real sockets. Each proxy has an accepting
 * thread, and by default one event-loop thread of its own; {@link Builder#eventLoopGroup} shares
 * a group instead, which the proxy then does not shut down. {@link #close()} closes every
 * connection, frees the port and waits until the proxy's own threads have ended.
 *
 * <pre>{@code
 * try (ChaosProxy proxy = ChaosProxy.builder(redis.address()).name("master").start()) {
 *   client.connect(proxy.address());
 *   proxy.blackhole(Direction.TARGET_TO_CLIENT); // requests arrive, replies do not
 *   ...
 *   proxy.heal();
 * }
 * }</pre>
 */
public final class ChaosProxy implements AutoCloseable {

  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  private final String name;
  private final InetSocketAddress target;
  private final Duration connectTimeout;
  private final EventLoopGroup group;
  /** The group's owner when the proxy created it; null for a group given by the builder. */
  private final EventLoops ownLoops;
  private final int port;
  private final Map<Direction, AtomicLong> received = new EnumMap<>(Direction.class);
  private final Map<Direction, AtomicLong> forwarded = new EnumMap<>(Direction.class);
  private final AtomicLong accepted = new AtomicLong();
  private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
  private final Links links = new ProxyLinks();

  /** Faults per direction; written under {@code this}, read lock-free by every chunk. */
  private volatile LinkConditions toTarget = LinkConditions.PASS;
  private volatile LinkConditions toClient = LinkConditions.PASS;
  /** Guarded by {@code this}; volatile so new connections see a drop at once. */
  private volatile boolean dropped;
  /** The listening socket, null while dropped or closed; guarded by {@code this}. */
  private Acceptor acceptor;
  /** Written under {@code this}; volatile so new connections see it at once. */
  private volatile boolean closed;

  private ChaosProxy(Builder builder) {
    this.name = builder.name;
    this.target = builder.target;
    this.connectTimeout = builder.connectTimeout;
    this.ownLoops = builder.group == null ? new EventLoops("vigil-chaos-proxy-" + name) : null;
    this.group = ownLoops == null ? builder.group : ownLoops.group();
    for (Direction d : Direction.values()) {
      received.put(d, new AtomicLong());
      forwarded.put(d, new AtomicLong());
    }
    try {
      this.acceptor = listen(0);
    } catch (RuntimeException e) {
      shutdownOwnLoops();
      throw e;
    }
    this.port = acceptor.port();
  }

  /** A builder for a proxy in front of {@code target}. */
  public static Builder builder(InetSocketAddress target) {
    return new Builder(target);
  }

  /** Starts a proxy in front of {@code target} with default options. */
  public static ChaosProxy start(InetSocketAddress target) {
    return builder(target).start();
  }

  /** The name, for thread names and messages. */
  public String name() {
    return name;
  }

  /** Where clients connect: 127.0.0.1 and this proxy's port (unchanged across drop and heal). */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** The address the proxy forwards to. */
  public InetSocketAddress target() {
    return target;
  }

  /** Refuses new connections and resets open ones until {@link #heal()}. */
  public void drop() {
    Acceptor listening;
    synchronized (this) {
      checkOpen();
      if (dropped) {
        return;
      }
      dropped = true;
      listening = acceptor;
      acceptor = null;
    }
    listening.close(SHUTDOWN_TIMEOUT);
    onEveryConnection(ProxyConnection::reset);
  }

  /** Holds all bytes in both directions until healed; see the class description. */
  public void blackhole() {
    for (Direction d : Direction.values()) {
      blackhole(d);
    }
  }

  /** Holds the bytes of one direction until healed; the other direction keeps flowing. */
  public void blackhole(Direction direction) {
    update(direction, c -> c.withBlackhole(true));
  }

  /** Adds {@code delay} to every chunk in both directions ({@link Duration#ZERO} removes it). */
  public void delay(Duration delay) {
    for (Direction d : Direction.values()) {
      delay(d, delay);
    }
  }

  /** Adds {@code delay} to every chunk in one direction ({@link Duration#ZERO} removes it). */
  public void delay(Direction direction, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay for " + direction + " of proxy " + name
          + " must be zero or positive, got " + delay);
    }
    update(direction, c -> c.withDelay(delay));
  }

  /** Limits both directions of every connection to about {@code bytesPerSecond}. */
  public void bandwidth(long bytesPerSecond) {
    for (Direction d : Direction.values()) {
      bandwidth(d, bytesPerSecond);
    }
  }

  /** Limits one direction of every connection to about {@code bytesPerSecond}; lift it with {@link #heal}. */
  public void bandwidth(Direction direction, long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bandwidth for " + direction + " of proxy " + name
          + " must be positive, got " + bytesPerSecond + "; call heal(" + direction + ") to lift a limit");
    }
    update(direction, c -> c.withBytesPerSecond(bytesPerSecond));
  }

  /** Lifts every fault of one direction (held bytes are delivered); a drop stays. */
  public void heal(Direction direction) {
    update(direction, c -> LinkConditions.PASS);
  }

  /**
   * Lifts every fault: listens again after a drop (on the same port) and delivers held bytes.
   *
   * @throws IllegalStateException when another socket took the port while the proxy was dropped
   */
  public void heal() {
    synchronized (this) {
      checkOpen();
      toTarget = LinkConditions.PASS;
      toClient = LinkConditions.PASS;
      if (dropped) {
        acceptor = listen(port);
        dropped = false;
      }
    }
    onEveryConnection(ProxyConnection::conditionsChanged);
  }

  /** The faults now in force for {@code direction}. */
  public LinkConditions conditions(Direction direction) {
    return direction == Direction.CLIENT_TO_TARGET ? toTarget : toClient;
  }

  /** Whether the proxy is dropped (refusing connections). */
  public boolean isDropped() {
    return dropped;
  }

  /** Connections (client side accepted, target side open or connecting) not yet fully closed. */
  public int openConnections() {
    return connections.size();
  }

  /** Connections accepted since start. */
  public long acceptedConnections() {
    return accepted.get();
  }

  /** Bytes the proxy read from the sender in {@code direction} since start (delivered or held). */
  public long bytesReceived(Direction direction) {
    return received.get(direction).get();
  }

  /** Bytes delivered in {@code direction} since start. */
  public long bytesForwarded(Direction direction) {
    return forwarded.get(direction).get();
  }

  /**
   * Closes every connection, frees the port and, unless the event-loop group was given by the
   * builder, shuts it down and waits for its thread to end. Idempotent.
   */
  @Override
  public void close() {
    Acceptor listening;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      listening = acceptor;
      acceptor = null;
    }
    try {
      if (listening != null) {
        listening.close(SHUTDOWN_TIMEOUT);
      }
      onEveryConnection(ProxyConnection::close);
    } finally {
      shutdownOwnLoops();
    }
    if (ownLoops != null) {
      // The loop has ended and closed every channel with it, including connects still in
      // progress whose listeners it may not have run.
      connections.clear();
    }
  }

  @Override
  public String toString() {
    return "ChaosProxy[" + name + " 127.0.0.1:" + port + " -> " + target.getHostString() + ":" + target.getPort()
        + (dropped ? ", dropped" : "") + ", " + Direction.CLIENT_TO_TARGET + "=" + toTarget + ", "
        + Direction.TARGET_TO_CLIENT + "=" + toClient + "]";
  }

  private void update(Direction direction, UnaryOperator<LinkConditions> change) {
    Objects.requireNonNull(direction, "direction");
    synchronized (this) {
      checkOpen();
      if (direction == Direction.CLIENT_TO_TARGET) {
        toTarget = change.apply(toTarget);
      } else {
        toClient = change.apply(toClient);
      }
    }
    onEveryConnection(ProxyConnection::conditionsChanged);
  }

  private void accept(NioSocketChannel channel) {
    accepted.incrementAndGet();
    ProxyConnection connection = new ProxyConnection(links, channel, target, connectTimeout);
    connections.add(connection);
    if (dropped || closed) {
      connection.reset(); // accepted just before the listener closed
      return;
    }
    connection.connectWhenReachable();
  }

  /** Runs {@code action} on each connection's event loop and waits for all of them. */
  private void onEveryConnection(Consumer<ProxyConnection> action) {
    List<Future<?>> pending = new ArrayList<>();
    for (ProxyConnection connection : connections) {
      if (connection.eventLoop().inEventLoop()) {
        action.accept(connection);
      } else {
        pending.add(connection.eventLoop().submit(() -> action.accept(connection)));
      }
    }
    for (Future<?> f : pending) {
      if (!f.awaitUninterruptibly(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("proxy " + name + ": a connection's event loop did not apply the change within "
            + APPLY_TIMEOUT + "; is something blocking it?");
      }
    }
  }

  private Acceptor listen(int onPort) {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort);
    try {
      return Acceptor.listen(address, "vigil-chaos-proxy-" + name + "-accept", group, this::accept);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("proxy " + name + " cannot listen on 127.0.0.1:" + onPort + " (" + e.getCause()
          + ")" + (onPort == 0 ? "" : "; another socket took the port while the proxy was dropped: start a new proxy"),
          e.getCause());
    }
  }

  private void shutdownOwnLoops() {
    if (ownLoops != null) {
      ownLoops.shutdown(SHUTDOWN_TIMEOUT);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("proxy " + name + " is closed; start a new one");
    }
  }

  /** The proxy as its connections see it. */
  private final class ProxyLinks implements Links {
    @Override
    public LinkConditions conditions(Direction direction) {
      return ChaosProxy.this.conditions(direction);
    }

    @Override
    public void received(Direction direction, int bytes) {
      received.get(direction).addAndGet(bytes);
    }

    @Override
    public void forwarded(Direction direction, int bytes) {
      forwarded.get(direction).addAndGet(bytes);
    }

    @Override
    public void closed(ProxyConnection connection) {
      connections.remove(connection);
    }
  }

  /** Options for a {@link ChaosProxy}; validates each value as it is set. */
  public static final class Builder {
    private final InetSocketAddress target;
    private String name;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private EventLoopGroup group;

    private Builder(InetSocketAddress target) {
      this.target = Objects.requireNonNull(target, "target");
      this.name = target.getHostString() + ":" + target.getPort();
    }

    /** A name for messages and the thread name; default the target's host:port. */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("proxy name must not be blank");
      }
      this.name = name;
      return this;
    }

    /** How long connecting to the target may take before the client is reset; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
        throw new IllegalArgumentException("connectTimeout must be at least 1 ms, got " + timeout);
      }
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Runs on a shared NIO event-loop group (for example one per {@link Network}) instead of a
     * thread of its own; the group's owner shuts it down after closing the proxy.
     */
    public Builder eventLoopGroup(EventLoopGroup group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /** Binds an ephemeral loopback port and returns the running proxy. */
    public ChaosProxy start() {
      return new ChaosProxy(this);
    }
  }
}
