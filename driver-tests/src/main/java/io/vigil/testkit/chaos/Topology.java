package io.vigil.testkit.chaos;

import io.vigil.testkit.chaos.proxy.Network;
import io.vigil.testkit.process.Binaries;
import io.vigil.testkit.process.Ports;
import io.vigil.testkit.process.RespSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Redis deployment behind Sentinel on ephemeral loopback ports: one master, N replicas and M
 * sentinels, each node a real Redis binary, a Java server or sentinel in this JVM, or one in a
 * JVM of its own ({@link NodeKind}). For failover tests, chaos tests and demos.
 *
 * <p>{@link Builder#start()} returns once every node answers PING and every sentinel's events
 * are being recorded into the {@link #timeline()}; {@link #awaitHealthy()} then waits until
 * replicas are linked and sentinels know each other and every replica. Nodes keep their name,
 * port and directory for the topology's life, so a killed node can be {@link Node#restart()
 * restarted} in place, with its data when it is a real Redis (append-only file on).
 *
 * <p><b>Proxies.</b> With {@link Builder#proxied(boolean) proxied(true)} every node sits behind
 * a {@link Network}: other nodes and sentinels' clients reach it through its <em>announced</em>
 * proxy (the link from party {@link #CLUSTER}; replicas set {@code replica-announce-ip/port} and
 * sentinels {@code sentinel announce-ip/port} to it, so that is what Sentinel hands out), each
 * replica first replicates through a link of its own (party = the replica's name), and clients
 * reach sentinels through links of their own ({@link #sentinelAddresses(String)}). So a test can
 * isolate a node ({@link Faults#isolate}), cut a replica's replication link, or cut one client
 * from one sentinel. Known limit: after a failover, replicas follow the new master through its
 * announced proxy, which they share with sentinels and clients.
 *
 * <p>{@link #close()} kills every node and closes the network; it is idempotent and never
 * throws for a node that is already gone. Child processes are also SIGKILLed by a JVM shutdown
 * hook should the JVM exit first. Thread-safe.
 *
 * <pre>{@code
 * try (Topology topology = Topology.builder().replicas(2).sentinels(3)
 *     .dataNodes(NodeKind.REAL).sentinelNodes(NodeKind.JAVA).start()) {
 *   topology.awaitHealthy();
 *   Node master = topology.currentMaster();
 *   master.kill();
 *   Node promoted = topology.awaitFailover(master, Duration.ofSeconds(30));
 *   System.out.println(topology.timeline());
 * }
 * }</pre>
 */
public final class Topology implements AutoCloseable {

  /** The party through which nodes reach each other's announced addresses in a proxied topology. */
  public static final String CLUSTER = "cluster";
  /** The party {@link #sentinelAddresses()} uses for clients. */
  public static final String CLIENT = "client";

  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final String masterName;
  private final List<Node> dataNodes;
  private final List<Node> sentinels;
  private final Map<String, Node> byName = new LinkedHashMap<>();
  private final Network network;
  private final Timeline timeline = new Timeline();
  private final List<EventSubscriber> subscribers = new ArrayList<>();
  private final Faults faults;
  private final Path directory;
  private final boolean deleteDirectory;
  private final Object closeLock = new Object();
  /** Guarded by {@code closeLock}. */
  private boolean closed;

  private Topology(String masterName, List<Node> dataNodes, List<Node> sentinels, Network network, Path directory,
      boolean deleteDirectory) {
    this.deleteDirectory = deleteDirectory;
    this.masterName = masterName;
    this.dataNodes = List.copyOf(dataNodes);
    this.sentinels = List.copyOf(sentinels);
    this.network = network;
    this.directory = directory;
    Stream.concat(dataNodes.stream(), sentinels.stream()).forEach(n -> byName.put(n.name(), n));
    this.faults = new Faults(this);
  }

  /** A builder: 2 replicas, 3 sentinels, real data nodes, Java sentinels, down-after 1 s. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name sentinels monitor the master under ({@code mymaster} by default). */
  public String masterName() {
    return masterName;
  }

  /** Every data node, the initial master first. */
  public List<Node> dataNodes() {
    return dataNodes;
  }

  /** Every sentinel. */
  public List<Node> sentinels() {
    return sentinels;
  }

  /** Every node, data nodes first. */
  public List<Node> nodes() {
    return List.copyOf(byName.values());
  }

  /**
   * The node of that name ({@code redis-1} is the initial master, {@code redis-2...} the
   * replicas, {@code sentinel-1...} the sentinels).
   *
   * @throws IllegalArgumentException naming the known nodes
   */
  public Node node(String name) {
    Node node = byName.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no node '" + name + "' in this topology; nodes: " + byName.keySet());
    }
    return node;
  }

  /** The master the topology started with. */
  public Node initialMaster() {
    return dataNodes.get(0);
  }

  /** Fault injection on this topology's nodes and network. */
  public Faults faults() {
    return faults;
  }

  /** Sentinel events and applied faults, in order. */
  public Timeline timeline() {
    return timeline;
  }

  /** The network of proxies, when the topology is proxied. */
  public Optional<Network> network() {
    return Optional.ofNullable(network);
  }

  /** The directory under which every node has its own (deleted on close unless kept; see {@link Builder#keepFiles}). */
  public Path directory() {
    return directory;
  }

  /** Where a client (party {@link #CLIENT}) reaches each sentinel. */
  public List<InetSocketAddress> sentinelAddresses() {
    return sentinelAddresses(CLIENT);
  }

  /** Where {@code party} reaches each sentinel: its own links when proxied, else the sentinels' addresses. */
  public List<InetSocketAddress> sentinelAddresses(String party) {
    return sentinels.stream().map(s -> s.addressFor(party)).toList();
  }

  /** The data node at {@code host:port} (direct or announced address), if any. */
  public Optional<Node> dataNodeAt(String host, int port) {
    return dataNodes.stream().filter(n -> n.isAt(host, port)).findFirst();
  }

  /**
   * The master now: the one most running sentinels name (GET-MASTER-ADDR-BY-NAME), or without
   * sentinels the data node whose ROLE is master.
   *
   * @throws IllegalStateException when no sentinel answers and no node reports itself master
   */
  public Node currentMaster() {
    Map<Node, Integer> votes = new HashMap<>();
    for (Node s : sentinels) {
      sentinelMaster(s).ifPresent(n -> votes.merge(n, 1, Integer::sum));
    }
    Optional<Node> named = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    if (named.isPresent()) {
      return named.get();
    }
    return dataNodes.stream().filter(n -> n.role().equals("master")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no sentinel names a master and no data node reports itself master: "
            + describe()));
  }

  /** Waits up to 60 s for {@link #awaitHealthy(Duration)}. */
  public Topology awaitHealthy() {
    return awaitHealthy(HEALTHY_TIMEOUT);
  }

  /**
   * Waits until every node runs, exactly one data node is master, every other one replicates
   * from it with its link up, and every sentinel names that master and knows every replica and
   * every other sentinel without flagging any as down.
   *
   * @throws IllegalStateException on timeout, naming the first unmet condition and the timeline
   */
  public Topology awaitHealthy(Duration timeout) {
    Await.until(timeout, this::unhealthyReason, "the topology to be healthy", timeline);
    return this;
  }

  /**
   * Waits until every running sentinel names the same master other than {@code oldMaster}, and
   * that node reports itself master; returns it.
   *
   * @throws IllegalStateException on timeout, with what the sentinels say and the timeline
   */
  public Node awaitFailover(Node oldMaster, Duration timeout) {
    Objects.requireNonNull(oldMaster, "oldMaster");
    if (sentinels.isEmpty()) {
      throw new IllegalStateException("a topology without sentinels never fails over; build it with sentinels(n)");
    }
    Node[] result = new Node[1];
    Await.until(timeout, () -> {
      Node agreed = null;
      for (Node s : sentinels) {
        if (!s.isAlive() || s.isFrozen()) {
          continue;
        }
        Optional<Node> named = sentinelMaster(s);
        if (named.isEmpty()) {
          return s.name() + " names no known master";
        }
        if (agreed != null && agreed != named.get()) {
          return "sentinels disagree: " + agreed.name() + " and " + named.get().name();
        }
        agreed = named.get();
      }
      if (agreed == null) {
        return "no sentinel is running";
      }
      if (agreed == oldMaster) {
        return "sentinels still name " + oldMaster.name();
      }
      if (!agreed.role().equals("master")) {
        return agreed.name() + " is named master but reports " + agreed.role();
      }
      result[0] = agreed;
      return null;
    }, "a failover away from " + oldMaster.name(), timeline);
    return result[0];
  }

  /** One line per node with its kind, address and role now. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    for (Node n : byName.values()) {
      out.append(n).append(' ').append(n.isAlive() ? n.isFrozen() ? "frozen" : n.role() : "killed").append('\n');
    }
    return out.toString();
  }

  /**
   * Heals every fault (see {@link Faults#healAll()}), kills every node, closes the network and
   * stops recording events. Idempotent; failures of single nodes are collected, not thrown
   * early, so every node gets its chance.
   */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    RuntimeException failure = null;
    try {
      faults.shutdown();
    } catch (RuntimeException e) {
      failure = e;
    }
    for (EventSubscriber s : subscribers) {
      s.close();
    }
    List<Node> reverse = new ArrayList<>(byName.values());
    java.util.Collections.reverse(reverse);
    for (Node n : reverse) {
      try {
        n.retire();
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    if (network != null) {
      try {
        network.close();
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    if (deleteDirectory) {
      deleteQuietly(directory);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // only disk space is at stake; every process and port is already gone
    }
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    synchronized (closeLock) {
      return closed;
    }
  }

  @Override
  public String toString() {
    return "Topology[" + masterName + ", " + dataNodes.size() + " data nodes, " + sentinels.size() + " sentinels]";
  }

  private static RuntimeException add(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /** The data node a running sentinel names master, if it answers and names a known node. */
  Optional<Node> sentinelMaster(Node sentinel) {
    if (!sentinel.isAlive() || sentinel.isFrozen()) {
      return Optional.empty();
    }
    try (RespSocket s = RespSocket.connect(sentinel.address(), Duration.ofSeconds(1))) {
      List<String> address = RespSocket.texts(s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName));
      return address.size() == 2 ? dataNodeAt(address.get(0), Integer.parseInt(address.get(1))) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Why the topology is not healthy now, or null when it is. */
  private String unhealthyReason() {
    for (Node n : byName.values()) {
      if (!n.isAlive()) {
        return n.name() + " is not running";
      }
      if (n.isFrozen()) {
        return n.name() + " is frozen";
      }
    }
    List<Node> masters = dataNodes.stream().filter(n -> n.role().equals("master")).toList();
    if (masters.size() != 1) {
      return masters.size() + " data nodes report themselves master: " + masters;
    }
    Node master = masters.get(0);
    for (Node n : dataNodes) {
      if (n == master) {
        continue;
      }
      Map<String, String> info;
      try {
        info = Replies.info(n.call("INFO", "replication"));
      } catch (RuntimeException e) {
        return n.name() + " does not answer INFO: " + e.getMessage();
      }
      if (!"up".equals(info.get("master_link_status"))) {
        return n.name() + " has master_link_status " + info.get("master_link_status");
      }
      int port = Integer.parseInt(info.getOrDefault("master_port", "0"));
      if (!master.isAt(info.getOrDefault("master_host", ""), port) && !isLinkTo(n, master, port)) {
        return n.name() + " replicates from port " + port + ", not from " + master;
      }
    }
    for (Node s : sentinels) {
      String reason = sentinelUnhealthy(s, master);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }

  private boolean isLinkTo(Node from, Node to, int port) {
    return network != null && network.links().containsKey(from.name() + "->" + to.name())
        && network.address(from.name(), to.name()).getPort() == port;
  }

  private String sentinelUnhealthy(Node s, Node master) {
    try (RespSocket c = RespSocket.connect(s.address(), Duration.ofSeconds(2))) {
      Map<String, String> m = Replies.pairs(c.call("SENTINEL", "MASTER", masterName));
      if (!master.isAt(m.getOrDefault("ip", ""), Integer.parseInt(m.getOrDefault("port", "0")))) {
        return s.name() + " names master " + m.get("ip") + ":" + m.get("port") + ", not " + master;
      }
      if (!"master".equals(m.get("flags"))) {
        return s.name() + " flags the master " + m.get("flags");
      }
      List<Map<String, String>> replicas = Replies.pairsList(c.call("SENTINEL", "REPLICAS", masterName));
      for (Node n : dataNodes) {
        if (n == master) {
          continue;
        }
        boolean known = replicas.stream().anyMatch(r -> n.isAt(r.getOrDefault("ip", ""),
            Integer.parseInt(r.getOrDefault("port", "0"))) && "slave".equals(r.get("flags")));
        if (!known) {
          return s.name() + " does not (yet) know replica " + n.name() + " as healthy";
        }
      }
      List<Map<String, String>> peers = Replies.pairsList(c.call("SENTINEL", "SENTINELS", masterName));
      for (Node other : sentinels) {
        if (other == s) {
          continue;
        }
        boolean known = peers.stream().anyMatch(p -> other.isAt(p.getOrDefault("ip", ""),
            Integer.parseInt(p.getOrDefault("port", "0"))) && "sentinel".equals(p.get("flags")));
        if (!known) {
          return s.name() + " does not (yet) know sentinel " + other.name() + " as healthy";
        }
      }
      return null;
    } catch (RuntimeException e) {
      return s.name() + " does not answer: " + e.getMessage();
    }
  }

  /**
   * Options for a {@link Topology}; every setter validates at once and names the bad value.
   * {@link #start()} may be called more than once, each time for a new topology.
   */
  public static final class Builder {
    private String masterName = "mymaster";
    private int replicas = 2;
    private int sentinelCount = 3;
    private int quorum;
    private NodeKind dataKind = NodeKind.REAL;
    private NodeKind sentinelKind = NodeKind.JAVA;
    private Duration downAfter = Duration.ofMillis(1000);
    private Duration failoverTimeout = Duration.ofSeconds(5);
    private boolean proxied;
    private boolean appendOnly = true;
    private Path directory;
    private boolean keepFiles;
    private final List<String> dataDirectives = new ArrayList<>();
    private final List<String> sentinelLines = new ArrayList<>();

    private Builder() {}

    /** The master's name in Sentinel; default {@code mymaster}. */
    public Builder masterName(String name) {
      this.masterName = TopologyShape.masterName(name);
      return this;
    }

    /** How many replicas besides the master; default 2. */
    public Builder replicas(int count) {
      this.replicas = TopologyShape.replicas(count);
      return this;
    }

    /** How many sentinels; default 3. */
    public Builder sentinels(int count) {
      this.sentinelCount = TopologyShape.sentinels(count);
      return this;
    }

    /** The sentinels' quorum; default 0, meaning a majority of the sentinels. */
    public Builder quorum(int quorum) {
      if (quorum < 0) {
        throw new IllegalArgumentException("quorum must be positive, or 0 for a majority; got " + quorum);
      }
      this.quorum = quorum;
      return this;
    }

    /** How data nodes run; default {@link NodeKind#REAL}. */
    public Builder dataNodes(NodeKind kind) {
      this.dataKind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** How sentinels run; default {@link NodeKind#JAVA}. */
    public Builder sentinelNodes(NodeKind kind) {
      this.sentinelKind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** {@code down-after-milliseconds}; default 1 s. */
    public Builder downAfter(Duration downAfter) {
      this.downAfter = TopologyShape.positiveMillis("downAfter", downAfter);
      return this;
    }

    /** {@code failover-timeout}; default 5 s. */
    public Builder failoverTimeout(Duration timeout) {
      this.failoverTimeout = TopologyShape.positiveMillis("failoverTimeout", timeout);
      return this;
    }

    /** Whether every node sits behind {@link Network} proxies (see the class description); default false. */
    public Builder proxied(boolean proxied) {
      this.proxied = proxied;
      return this;
    }

    /**
     * Whether real data nodes keep an append-only file ({@code appendfsync everysec}), so that a
     * restart keeps their data; default true.
     */
    public Builder appendOnly(boolean enabled) {
      this.appendOnly = enabled;
      return this;
    }

    /**
     * Whether to keep the temporary directory (configs, logs, append-only files) after close,
     * for post-mortems; default false. A directory given to {@link #directory} is always kept.
     */
    public Builder keepFiles(boolean keep) {
      this.keepFiles = keep;
      return this;
    }

    /** The parent of the nodes' directories; default a new temporary directory, deleted on close. */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** A redis.conf directive for every data node, applied after the topology's own. */
    public Builder dataNodeDirective(String name, String... values) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.contains(" ")) {
        throw new IllegalArgumentException("directive name must be one word, got '" + name + "'");
      }
      dataDirectives.add(name + (values.length == 0 ? "" : " " + String.join(" ", quoteAll(values))));
      return this;
    }

    /** A sentinel.conf line for every sentinel ({@code sentinel parallel-syncs mymaster 2}). */
    public Builder sentinelLine(String line) {
      Objects.requireNonNull(line, "line");
      if (line.isBlank() || line.contains("\n")) {
        throw new IllegalArgumentException("sentinel line must be one non-blank line, got '" + line + "'");
      }
      sentinelLines.add(line);
      return this;
    }

    /**
     * Starts every node and the event recording; returns without waiting for replication or
     * discovery ({@link Topology#awaitHealthy()} does).
     *
     * @throws IllegalStateException when a binary is missing or a node does not come up; every
     *     node started so far is killed first
     */
    public Topology start() {
      RuntimeException last = null;
      for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        try {
          return startOnce();
        } catch (RuntimeException e) {
          if (!portTaken(e)) {
            throw e;
          }
          last = e; // a port chosen up front was taken before the node bound it: choose again
        }
      }
      throw last;
    }

    private static boolean portTaken(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t.getMessage() != null && t.getMessage().contains("in use")) {
          return true;
        }
      }
      return false;
    }

    private Topology startOnce() {
      if (dataKind == NodeKind.REAL) {
        Binaries.require("redis-server");
      }
      if (sentinelKind == NodeKind.REAL && sentinelCount > 0) {
        Binaries.require("redis-sentinel");
      }
      int q = quorum == 0 ? sentinelCount / 2 + 1 : quorum;
      if (sentinelCount > 0 && q > sentinelCount) {
        throw new IllegalArgumentException("quorum " + q + " exceeds the " + sentinelCount + " sentinels");
      }
      Path root;
      try {
        root = directory != null ? Files.createDirectories(directory) : Files.createTempDirectory("vigil-topology-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the topology's directory", e);
      }
      Network network = proxied ? Network.create() : null;
      List<Node> data = new ArrayList<>();
      List<Node> sentinelNodes = new ArrayList<>();
      try {
        for (int i = 1; i <= replicas + 1; i++) {
          data.add(node("redis-" + i, dataKind, false, root, network));
        }
        for (int i = 1; i <= sentinelCount; i++) {
          sentinelNodes.add(node("sentinel-" + i, sentinelKind, true, root, network));
        }
        checkNoProxyOnANodePort(network, data, sentinelNodes);
        Node master = data.get(0);
        for (Node n : data) {
          write(n.configFile(), dataConfig(n, n == master ? null : master.addressFor(n.name())));
        }
        for (Node s : sentinelNodes) {
          write(s.configFile(), sentinelConfig(s, master.announcedAddress(), q));
        }
      } catch (RuntimeException e) {
        if (network != null) {
          network.close();
        }
        if (directory == null) {
          deleteQuietly(root);
        }
        throw e;
      }
      Topology topology = new Topology(masterName, data, sentinelNodes, network, root, directory == null && !keepFiles);
      try {
        for (Node n : data) {
          n.start();
        }
        for (Node s : sentinelNodes) {
          s.start();
          topology.subscribers.add(new EventSubscriber(s, topology.timeline));
        }
        for (EventSubscriber s : topology.subscribers) {
          if (!s.awaitSubscribed(Duration.ofSeconds(10))) {
            throw new IllegalStateException("could not subscribe to a sentinel's events within 10 s: " + topology.describe());
          }
        }
      } catch (RuntimeException | InterruptedException e) {
        try {
          topology.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while starting the topology", e);
        }
        throw (RuntimeException) e;
      }
      return topology;
    }

    /** Nodes' ports are chosen before they bind, so a proxy bound meanwhile may hold one. */
    private static void checkNoProxyOnANodePort(Network network, List<Node> data, List<Node> sentinels) {
      if (network == null) {
        return;
      }
      java.util.Set<Integer> ports = new java.util.HashSet<>();
      Stream.concat(data.stream(), sentinels.stream()).forEach(n -> ports.add(n.address().getPort()));
      for (var link : network.links().values()) {
        if (ports.contains(link.port())) {
          throw new IllegalStateException("port " + link.port() + " is already in use by proxy " + link.name());
        }
      }
    }

    private Node node(String name, NodeKind kind, boolean sentinel, Path root, Network network) {
      Path dir = root.resolve(name);
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dir, e);
      }
      int port = Ports.freeLoopbackPort();
      InetSocketAddress direct = new InetSocketAddress("127.0.0.1", port);
      InetSocketAddress announced = direct;
      if (network != null) {
        network.node(name, direct);
        announced = network.address(CLUSTER, name);
      }
      return new Node(name, kind, sentinel, port, dir, dir.resolve(sentinel ? "sentinel.conf" : "redis.conf"), announced, network);
    }

    private String dataConfig(Node n, InetSocketAddress replicaOf) {
      StringBuilder c = new StringBuilder();
      c.append("port ").append(n.address().getPort()).append('\n');
      c.append("bind 127.0.0.1\n");
      c.append("dir ").append(quote(n.directory().toAbsolutePath().toString())).append('\n');
      c.append("save \"\"\n");
      if (n.kind() != NodeKind.JAVA) {
        c.append("logfile ").append(quote(Launcher.logOf(n.directory(), n.name()).toAbsolutePath().toString())).append('\n');
      }
      if (n.kind() == NodeKind.REAL) {
        c.append("appendonly ").append(appendOnly ? "yes" : "no").append('\n');
        c.append("appendfsync everysec\n");
        c.append("enable-debug-command local\n");
      }
      if (proxied) {
        c.append("replica-announce-ip 127.0.0.1\n");
        c.append("replica-announce-port ").append(n.announcedAddress().getPort()).append('\n');
      }
      if (replicaOf != null) {
        c.append("replicaof 127.0.0.1 ").append(replicaOf.getPort()).append('\n');
      }
      dataDirectives.forEach(d -> c.append(d).append('\n'));
      return c.toString();
    }

    private String sentinelConfig(Node s, InetSocketAddress master, int q) {
      StringBuilder c = new StringBuilder();
      c.append("port ").append(s.address().getPort()).append('\n');
      c.append("bind 127.0.0.1\n");
      c.append("dir ").append(quote(s.directory().toAbsolutePath().toString())).append('\n');
      if (s.kind() != NodeKind.JAVA) {
        c.append("logfile ").append(quote(Launcher.logOf(s.directory(), s.name()).toAbsolutePath().toString())).append('\n');
      }
      c.append("sentinel monitor ").append(masterName).append(" 127.0.0.1 ").append(master.getPort()).append(' ')
          .append(q).append('\n');
      c.append("sentinel down-after-milliseconds ").append(masterName).append(' ').append(downAfter.toMillis()).append('\n');
      c.append("sentinel failover-timeout ").append(masterName).append(' ').append(failoverTimeout.toMillis()).append('\n');
      if (proxied) {
        c.append("sentinel announce-ip 127.0.0.1\n");
        c.append("sentinel announce-port ").append(s.announcedAddress().getPort()).append('\n');
      }
      sentinelLines.forEach(l -> c.append(l).append('\n'));
      return c.toString();
    }

    private static void write(Path file, String text) {
      try {
        Files.writeString(file, text);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }

    private static List<String> quoteAll(String[] values) {
      return java.util.Arrays.stream(values).map(Builder::quote).toList();
    }

    private static String quote(String value) {
      return value.isEmpty() || value.contains(" ") || value.contains("\"") ? "\"" + value.replace("\\", "\\\\")
          .replace("\"", "\\\"") + "\"" : value;
    }
  }
}
