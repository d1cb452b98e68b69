package io.vigil.testkit.chaos;

import io.vigil.testkit.process.Ports;
import io.vigil.testkit.process.RespSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A Sentinel deployment of official Redis images in Docker, through Testcontainers: one master,
 * N replicas and M sentinels, for machines with a Docker engine (guard tests with {@link
 * io.vigil.testkit.junit.Docker#require()}). Needs {@code org.testcontainers:testcontainers}
 * on the test class path (an optional dependency of the test kit).
 *
 * <p>Containers use the host's network (Linux): each listens on 127.0.0.1 and a port of its
 * own, so the addresses Sentinel hands out are the addresses clients on the host connect to,
 * exactly as with {@link Topology}. Data nodes run with {@code appendonly yes}.
 *
 * <p>{@link #close()} stops and removes every container (Testcontainers' reaper removes them too
 * should the JVM die). Not thread-safe during start; node faults are thread-safe.
 *
 * <pre>{@code
 * Docker.require();
 * try (ContainerTopology redis = ContainerTopology.builder().replicas(2).sentinels(3).start()) {
 *   ContainerNode master = redis.dataNodes().get(0);
 *   master.kill();
 *   InetSocketAddress promoted = redis.awaitFailover(master, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class ContainerTopology implements AutoCloseable {

  private final String masterName;
  private final List<ContainerNode> dataNodes;
  private final List<ContainerNode> sentinels;

  private ContainerTopology(String masterName, List<ContainerNode> dataNodes, List<ContainerNode> sentinels) {
    this.masterName = masterName;
    this.dataNodes = List.copyOf(dataNodes);
    this.sentinels = List.copyOf(sentinels);
  }

  /** A builder: {@code redis:7.0.15}, 2 replicas, 3 sentinels, down-after 1 s. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name sentinels monitor the master under. */
  public String masterName() {
    return masterName;
  }

  /** Data nodes, the initial master first. */
  public List<ContainerNode> dataNodes() {
    return dataNodes;
  }

  /** Sentinels. */
  public List<ContainerNode> sentinels() {
    return sentinels;
  }

  /** The sentinels' addresses, for a client. */
  public List<InetSocketAddress> sentinelAddresses() {
    return sentinels.stream().map(ContainerNode::address).toList();
  }

  /**
   * Waits until every sentinel that answers names the same master, other than {@code oldMaster};
   * returns its address.
   *
   * @throws IllegalStateException on timeout
   */
  public InetSocketAddress awaitFailover(ContainerNode oldMaster, Duration timeout) {
    InetSocketAddress[] result = new InetSocketAddress[1];
    Await.until(timeout, () -> {
      InetSocketAddress agreed = null;
      for (ContainerNode s : sentinels) {
        try (RespSocket c = RespSocket.connect(s.address(), Duration.ofSeconds(1))) {
          List<String> a = RespSocket.texts(c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName));
          InetSocketAddress named = new InetSocketAddress(a.get(0), Integer.parseInt(a.get(1)));
          if (agreed != null && !agreed.equals(named)) {
            return "sentinels disagree: " + agreed + " and " + named;
          }
          agreed = named;
        } catch (RuntimeException e) {
          // a sentinel that does not answer has no say
        }
      }
      if (agreed == null || agreed.getPort() == oldMaster.address().getPort()) {
        return "sentinels still name " + (agreed == null ? "nothing" : agreed);
      }
      result[0] = agreed;
      return null;
    }, "a failover away from " + oldMaster, null);
    return result[0];
  }

  /** Stops and removes every container. Idempotent. */
  @Override
  public void close() {
    Stream.concat(sentinels.stream(), dataNodes.stream()).forEach(n -> n.container().stop());
  }

  /** Options for a {@link ContainerTopology}; setters validate at once and name the bad value. */
  public static final class Builder {
    private String image = "redis:7.0.15";
    private String masterName = "mymaster";
    private int replicas = 2;
    private int sentinelCount = 3;
    private Duration downAfter = Duration.ofMillis(1000);
    private Duration failoverTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /** The image for every node; default {@code redis:7.0.15}. */
    public Builder image(String image) {
      DockerImageName.parse(Objects.requireNonNull(image, "image")); // rejects a malformed name now
      this.image = image;
      return this;
    }

    /** The master's name in Sentinel. */
    public Builder masterName(String name) {
      this.masterName = TopologyShape.masterName(name);
      return this;
    }

    /** Replicas besides the master; default 2. */
    public Builder replicas(int count) {
      this.replicas = TopologyShape.replicas(count);
      return this;
    }

    /** Sentinels; default 3. */
    public Builder sentinels(int count) {
      this.sentinelCount = TopologyShape.sentinels(count);
      return this;
    }

    /** {@code down-after-milliseconds}; default 1 s. */
    public Builder downAfter(Duration value) {
      this.downAfter = TopologyShape.positiveMillis("downAfter", value);
      return this;
    }

    /** {@code failover-timeout}; default 5 s. */
    public Builder failoverTimeout(Duration value) {
      this.failoverTimeout = TopologyShape.positiveMillis("failoverTimeout", value);
      return this;
    }

    /**
     * Starts the containers (master, replicas, then sentinels) and waits until each has logged
     * that it is ready; every container started so far is removed on failure.
     */
    public ContainerTopology start() {
      List<ContainerNode> data = new ArrayList<>();
      List<ContainerNode> sentinelNodes = new ArrayList<>();
      try {
        int masterPort = 0;
        for (int i = 1; i <= replicas + 1; i++) {
          int port = Ports.freeLoopbackPort();
          List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
              "--bind", "127.0.0.1", "--appendonly", "yes", "--save", ""));
          if (i == 1) {
            masterPort = port;
          } else {
            command.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort)));
          }
          data.add(startNode("redis-" + i, false, port, container().withCommand(command.toArray(String[]::new))
              .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1))));
        }
        int quorum = sentinelCount / 2 + 1;
        for (int i = 1; i <= sentinelCount; i++) {
          int port = Ports.freeLoopbackPort();
          String conf = "port " + port + "\nbind 127.0.0.1\n"
              + "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " " + quorum + "\n"
              + "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis() + "\n"
              + "sentinel failover-timeout " + masterName + " " + failoverTimeout.toMillis() + "\n";
          sentinelNodes.add(startNode("sentinel-" + i, true, port, container()
              .withCopyToContainer(Transferable.of(conf, 0666), "/data/sentinel.conf")
              .withCommand("redis-sentinel", "/data/sentinel.conf")
              .waitingFor(Wait.forLogMessage(".*\\+monitor master.*", 1))));
        }
      } catch (RuntimeException e) {
        Stream.concat(sentinelNodes.stream(), data.stream()).forEach(n -> n.container().stop());
        throw e;
      }
      return new ContainerTopology(masterName, data, sentinelNodes);
    }

    @SuppressWarnings("resource") // closed by the topology
    private GenericContainer<?> container() {
      return new GenericContainer<>(DockerImageName.parse(image)).withNetworkMode("host")
          .withStartupTimeout(Duration.ofSeconds(60));
    }

    private static ContainerNode startNode(String name, boolean sentinel, int port, GenericContainer<?> container) {
      container.start();
      return new ContainerNode(name, sentinel, port, container);
    }
  }
}
