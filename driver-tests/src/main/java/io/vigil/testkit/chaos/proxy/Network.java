package io.vigil.testkit.chaos.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated network of a chaos test: one {@link ChaosProxy} per link from a party to a
 * node, so that any set of parties can be partitioned from another.
 *
 * <p>A <em>node</em> is something that listens (a data node, a sentinel), registered with
 * {@link #node}; a <em>party</em> is anything that connects: a node's name, or a client's
 * ("client-1"). Party {@code p} reaches node {@code n} at {@link #address(String, String)
 * address(p, n)}, the port of the proxy for that link, created on first use. One proxy per
 * link, not one per node, because a proxy cannot tell its clients apart: every connection
 * comes from 127.0.0.1, so a proxy shared by a client and a sentinel could only cut both.
 * (Nodes that tell others where to reach them, such as replicas announcing themselves to a
 * master, must announce the address of the right link, for example with
 * {@code replica-announce-port}; that is the topology's job.)
 *
 * <p>{@link #partition} blackholes, in both directions, every link between the two sides,
 * including links created later, until {@link #heal()}: bytes are held and delivered late, as in
 * a real partition (see {@link ChaosProxy}). Other faults are set on a single link through
 * {@link #link}.
 *
 * <p>Thread-safe (methods synchronize on the network). All proxies share one event-loop thread
 * (each link has its own accepting thread); {@link #close()} closes every proxy, then ends
 * that thread and waits for it.
 *
 * <pre>{@code
 * try (Network net = Network.create()) {
 *   net.node("master", master.address());
 *   net.node("replica", replica.address());
 *   replica.replicaOf(net.address("replica", "master"));
 *   client.connect(net.address("client", "master"));
 *   net.partition(Set.of("master"), Set.of("replica", "client"));
 *   ...
 *   net.heal();
 * }
 * }</pre>
 */
public final class Network implements AutoCloseable {

  private final EventLoops loops = new EventLoops("vigil-chaos-network");
  /** Guarded by {@code this}. */
  private final Map<String, InetSocketAddress> nodes = new LinkedHashMap<>();
  /** Proxies by "party -> node"; guarded by {@code this}. */
  private final Map<String, ChaosProxy> links = new LinkedHashMap<>();
  /** Parties known, nodes included; guarded by {@code this}. */
  private final Set<String> parties = new TreeSet<>();
  /** Unordered pairs cut by a partition, as "a|b" with a < b; guarded by {@code this}. */
  private final Set<String> cut = new HashSet<>();
  /** Guarded by {@code this}. */
  private boolean closed;

  private Network() {}

  /** An empty network. */
  public static Network create() {
    return new Network();
  }

  /**
   * Registers a node listening at {@code address}.
   *
   * @throws IllegalArgumentException when a node of that name is already registered
   */
  public synchronized void node(String name, InetSocketAddress address) {
    checkOpen();
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    if (nodes.containsKey(name)) {
      throw new IllegalArgumentException("node '" + name + "' is already registered at " + nodes.get(name)
          + "; give every node its own name");
    }
    nodes.put(name, address);
    parties.add(name);
  }

  /**
   * The proxy through which {@code from} reaches node {@code to}, created on first use (and
   * blackholed at once if a partition separates them).
   *
   * @throws IllegalArgumentException when {@code to} is not a registered node, or is {@code from}
   */
  public synchronized ChaosProxy link(String from, String to) {
    checkOpen();
    Objects.requireNonNull(from, "from");
    InetSocketAddress target = nodes.get(Objects.requireNonNull(to, "to"));
    if (target == null) {
      throw new IllegalArgumentException("'" + to + "' is not a node of this network (nodes: " + nodes.keySet()
          + "); register it with node(name, address) first");
    }
    if (from.equals(to)) {
      throw new IllegalArgumentException("a node needs no link to itself: '" + to + "'");
    }
    parties.add(from);
    String linkName = from + "->" + to;
    ChaosProxy proxy = links.get(linkName);
    if (proxy == null) {
      proxy = ChaosProxy.builder(target).name(linkName).eventLoopGroup(loops.group()).start();
      links.put(linkName, proxy);
      if (cut.contains(pair(from, to))) {
        proxy.blackhole();
      }
    }
    return proxy;
  }

  /** The address at which {@code from} reaches node {@code to}; see {@link #link}. */
  public InetSocketAddress address(String from, String to) {
    return link(from, to).address();
  }

  /**
   * Cuts every party of {@code side} off from every party of {@code otherSide}, in both
   * directions, by blackholing their links; parties on the same side still reach each other.
   *
   * @throws IllegalArgumentException when a party is on both sides
   */
  public synchronized void partition(Collection<String> side, Collection<String> otherSide) {
    checkOpen();
    Set<String> overlap = new TreeSet<>(side);
    overlap.retainAll(otherSide);
    if (!overlap.isEmpty()) {
      throw new IllegalArgumentException("parties " + overlap + " are on both sides of the partition");
    }
    for (String a : side) {
      for (String b : otherSide) {
        cut.add(pair(a, b));
        blackholeIfPresent(a, b);
        blackholeIfPresent(b, a);
      }
    }
    parties.addAll(side);
    parties.addAll(otherSide);
  }

  /** Cuts {@code party} off from every other party known so far (and from nodes registered later, on first link). */
  public synchronized void isolate(String party) {
    checkOpen();
    List<String> others = new ArrayList<>(parties);
    others.addAll(nodes.keySet());
    others.removeIf(party::equals);
    partition(List.of(party), new TreeSet<>(others));
  }

  /** Lifts every partition and every fault on every link; held bytes are delivered. */
  public synchronized void heal() {
    checkOpen();
    cut.clear();
    for (ChaosProxy proxy : links.values()) {
      proxy.heal();
    }
  }

  /** Whether a partition separates the two parties. */
  public synchronized boolean isPartitioned(String a, String b) {
    return cut.contains(pair(a, b));
  }

  /** The links created so far, by "from->to". */
  public synchronized Map<String, ChaosProxy> links() {
    return Map.copyOf(links);
  }

  /** Closes every proxy, then ends the network's thread. Idempotent. */
  @Override
  public void close() {
    List<ChaosProxy> proxies;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      proxies = new ArrayList<>(links.values());
    }
    try {
      for (ChaosProxy proxy : proxies) {
        proxy.close();
      }
    } finally {
      loops.shutdown(Duration.ofSeconds(5));
    }
  }

  private void blackholeIfPresent(String from, String to) {
    ChaosProxy proxy = links.get(from + "->" + to);
    if (proxy != null) {
      proxy.blackhole();
    }
  }

  private static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the network is closed; create a new one");
    }
  }
}
