package io.vigil.testkit.chaos;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import io.vigil.testkit.chaos.proxy.Network;
import io.vigil.testkit.process.RespSocket;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A handle to one node of a {@link Topology}: a data node or a sentinel, whatever its
 * {@link NodeKind}. It keeps its name, port and directory for the life of the topology, across
 * kills and restarts.
 *
 * <p>Faults: {@link #kill()} (SIGKILL, or an abrupt close in process), {@link #stop()}
 * (graceful), {@link #freeze()}/{@link #thaw()} (SIGSTOP/SIGCONT, or parking the Java server's
 * only thread), {@link #restart()} on the same port with the same directory (so a real Redis
 * keeps its data through its append-only file, and its config as Sentinel rewrote it).
 *
 * <p>Thread-safe: state changes are serialized on the node; they block until done (a restart
 * until the node answers PING). Queries such as {@link #role()} open a short connection.
 */
public final class Node {

  private final String name;
  private final NodeKind kind;
  private final boolean sentinel;
  private final int port;
  private final Path directory;
  private final Path config;
  private final InetSocketAddress announced;
  /** Null unless the topology is proxied. */
  private final Network network;
  /** Guarded by {@code this}; null while killed or stopped. */
  private Instance instance;
  /** Guarded by {@code this}. */
  private boolean frozen;
  /** Set when the topology closes; guarded by {@code this}. */
  private boolean retired;

  Node(String name, NodeKind kind, boolean sentinel, int port, Path directory, Path config,
      InetSocketAddress announced, Network network) {
    this.name = name;
    this.kind = kind;
    this.sentinel = sentinel;
    this.port = port;
    this.directory = directory;
    this.config = config;
    this.announced = announced;
    this.network = network;
  }

  /** Its name in the topology ({@code redis-1}, {@code sentinel-2}), also its party in the {@link Network}. */
  public String name() {
    return name;
  }

  /** How it runs. */
  public NodeKind kind() {
    return kind;
  }

  /** Whether it is a sentinel rather than a data node. */
  public boolean isSentinel() {
    return sentinel;
  }

  /** Where it listens (127.0.0.1, fixed for the topology's life), bypassing any proxy. */
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /**
   * The address other nodes know it by: what a replica announces to its master and a sentinel
   * in its hellos, what sentinels hand to clients. The proxy of the link from {@link
   * Topology#CLUSTER} when the topology is proxied, else {@link #address()}.
   */
  public InetSocketAddress announcedAddress() {
    return announced;
  }

  /**
   * Where {@code party} (a client's name, or another node's) reaches this node: the proxy of
   * that link when the topology is proxied, so that the link can be cut alone; else {@link #address()}.
   */
  public InetSocketAddress addressFor(String party) {
    return network == null ? address() : network.address(party, name);
  }

  /** Its working directory (config file, logs, append-only file). */
  public Path directory() {
    return directory;
  }

  /** The config file it starts from (rewritten by Sentinel's CONFIG REWRITE, and by sentinels themselves). */
  public Path configFile() {
    return config;
  }

  /** Whether it runs now (frozen counts as running). */
  public synchronized boolean isAlive() {
    return instance != null && instance.isAlive();
  }

  /** Whether it is frozen. */
  public synchronized boolean isFrozen() {
    return frozen;
  }

  /** The process id, or -1 when in process or not running. */
  public synchronized long pid() {
    return instance == null ? -1 : instance.pid();
  }

  /** SIGKILL (or an abrupt close in process); a frozen node is killed too. No-op when not running. */
  public synchronized void kill() {
    if (instance != null) {
      instance.kill();
      instance = null;
      frozen = false;
    }
  }

  /** A graceful stop (SIGTERM; Redis flushes its append-only file). No-op when not running. */
  public synchronized void stop() {
    if (instance != null) {
      instance.thaw();
      instance.stop();
      instance = null;
      frozen = false;
    }
  }

  /**
   * Stops it answering until {@link #thaw()}; open connections stay open and requests queue.
   *
   * @throws UnsupportedOperationException for an in-process Java sentinel, which cannot be frozen
   * @throws IllegalStateException when it is not running
   */
  public synchronized void freeze() {
    if (instance == null) {
      throw new IllegalStateException(name + " is not running; restart() it before freezing it");
    }
    if (!frozen) {
      instance.freeze();
      frozen = true;
    }
  }

  /** Resumes a frozen node; no-op otherwise. */
  public synchronized void thaw() {
    if (instance != null && frozen) {
      instance.thaw();
      frozen = false;
    }
  }

  /**
   * Starts it again on the same port, from the same directory and config file; a running node is
   * killed first. Returns once it answers PING.
   */
  public synchronized void restart() {
    kill();
    start();
  }

  /** Starts it if it is not running (used by the topology and by healing). */
  synchronized void start() {
    if (retired) {
      throw new IllegalStateException(name + " belongs to a closed topology; start a new topology");
    }
    if (instance == null || !instance.isAlive()) {
      instance = Launcher.launch(name, kind, sentinel, port, directory, config);
      frozen = false;
    }
  }

  /** Kills it for good: the topology is closing, so nothing (a nemesis, a lag timer) may start it again. */
  synchronized void retire() {
    retired = true;
    kill();
  }

  /**
   * Its role as it reports it ({@code ROLE}'s first element: {@code master}, {@code slave},
   * {@code sentinel}), or {@code "down"} when it does not answer within a second.
   */
  public String role() {
    if (!isAlive() || isFrozen()) {
      return "down";
    }
    try (RespSocket socket = RespSocket.connect(address(), Duration.ofSeconds(1))) {
      RespValue reply = socket.call("ROLE");
      return reply instanceof RespArray a ? RespSocket.text(a.get(0)) : "down";
    } catch (UncheckedIOException e) {
      return "down";
    }
  }

  /**
   * Sends one command on a fresh direct connection and returns the reply (an error reply is
   * returned, not thrown).
   *
   * @throws UncheckedIOException when it does not answer within 5 s
   */
  public RespValue call(String... command) {
    try (RespSocket socket = RespSocket.connect(address())) {
      return socket.call(command);
    }
  }

  /** Whether {@code address} is one of this node's addresses (direct or announced). */
  boolean isAt(String host, int port) {
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
    return loopback && (port == this.port || port == announced.getPort());
  }

  @Override
  public String toString() {
    return name + "[" + kind + (sentinel ? " sentinel" : " data") + " 127.0.0.1:" + port
        + (announced.getPort() == port ? "" : " announced :" + announced.getPort()) + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Node n && n.name.equals(name) && n.port == port;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, port);
  }
}
