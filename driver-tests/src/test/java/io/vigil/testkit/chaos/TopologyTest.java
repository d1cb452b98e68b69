package io.vigil.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RespSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Topologies of real and Java nodes: start, health, failover, faults, clean shutdown. */
class TopologyTest {

  private static final Duration FAILOVER = Duration.ofSeconds(40);

  @Test
  void closeLeavesNoProcessOrPortBehind() {
    RealRedis.require("redis-server");
    RealRedis.require("redis-sentinel");
    Topology topology = Topology.builder().replicas(2).sentinels(3).dataNodes(NodeKind.REAL)
        .sentinelNodes(NodeKind.REAL).proxied(true).start();
    List<Long> pids = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      topology.awaitHealthy();
      for (Node n : topology.nodes()) {
        pids.add(n.pid());
        ports.add(n.address().getPort());
        ports.add(n.announcedAddress().getPort());
      }
      topology.network().orElseThrow().links().values().forEach(p -> ports.add(p.port()));
      topology.faults().freeze(topology.node("redis-2")); // a frozen process must be reaped too
    } finally {
      topology.close();
    }
    topology.close(); // idempotent
    assertThat(pids).hasSize(6).allMatch(pid -> pid > 0);
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d alive", pid).isFalse();
    }
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(p -> p.pid()).toList())
        .doesNotContainAnyElementsOf(pids);
    for (int port : ports) {
      assertThat(canBind(port)).as("port %d free", port).isTrue();
    }
    assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive).extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("vigil-topology-") && !name.equals("vigil-topology-reaper"));
  }

  @Test
  void childProcessesAreReapedWhenTheJvmExitsWithoutClosing() throws Exception {
    RealRedis.require("redis-server");
    RealRedis.require("redis-sentinel");
    Process jvm = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OrphanedTopologyMain.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    List<Long> pids = output.lines().filter(l -> l.startsWith("pid ")).map(l -> Long.parseLong(l.substring(4))).toList();
    assertThat(pids).as(output).hasSize(3);
    for (long pid : pids) {
      Await.until(Duration.ofSeconds(10), () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          ? "pid " + pid + " alive" : null, "the orphaned node to be reaped", null);
    }
  }

  @Test
  void killedMasterIsReplacedUnderJavaSentinels() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(2).sentinels(3).dataNodes(NodeKind.REAL)
        .sentinelNodes(NodeKind.JAVA).start()) {
      failOverAndBack(topology);
    }
  }

  @Test
  void killedMasterIsReplacedUnderRealSentinels() {
    RealRedis.require("redis-server");
    RealRedis.require("redis-sentinel");
    try (Topology topology = Topology.builder().replicas(2).sentinels(3).dataNodes(NodeKind.REAL)
        .sentinelNodes(NodeKind.REAL).start()) {
      failOverAndBack(topology);
    }
  }

  @Test
  void isolatedMasterIsReplacedAndDemotedAfterTheHeal() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(2).sentinels(3).proxied(true).start()) {
      topology.awaitHealthy();
      Node master = topology.initialMaster();

      topology.faults().isolate(master);
      Node promoted = topology.awaitFailover(master, FAILOVER);
      assertThat(master.role()).as("cut off, it still believes it is master").isEqualTo("master");

      topology.faults().healNetwork();
      topology.awaitHealthy();
      assertThat(master.role()).isEqualTo("slave");
      assertThat(topology.currentMaster()).isSameAs(promoted);
      assertThat(topology.timeline().events()).extracting(TimelineEvent::type).contains("isolate", "+convert-to-slave");
    }
  }

  @Test
  void aClosedTopologyCannotBeRestartedBehindItsBack() {
    Topology topology = Topology.builder().replicas(0).sentinels(0).dataNodes(NodeKind.JAVA).start();
    Node master = topology.initialMaster();
    java.nio.file.Path directory = topology.directory();
    topology.close();
    assertThatThrownBy(master::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed topology");
    assertThat(java.nio.file.Files.exists(directory)).isFalse();
  }

  @Test
  void javaSentinelProcessesFailOverWhileOneOfThemIsFrozen() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(1).sentinels(3).sentinelNodes(NodeKind.JAVA_PROCESS).start()) {
      topology.awaitHealthy();
      Node master = topology.initialMaster();
      Node frozen = topology.node("sentinel-3");

      topology.faults().freeze(frozen); // SIGSTOP: two of three sentinels still make the quorum
      topology.faults().kill(master);
      Node promoted = topology.awaitFailover(master, FAILOVER);

      assertThat(promoted).isSameAs(topology.node("redis-2"));
      assertThat(topology.timeline().events("+switch-master")).extracting(TimelineEvent::source).doesNotContain("sentinel-3");
      topology.faults().thaw(frozen);
      assertThat(frozen.role()).isEqualTo("sentinel");
    }
  }

  private static void failOverAndBack(Topology topology) {
    topology.awaitHealthy();
    Node master = topology.currentMaster();
    assertThat(master).isSameAs(topology.initialMaster());
    int before = topology.timeline().size();

    topology.faults().kill(master);
    Node promoted = topology.awaitFailover(master, FAILOVER);

    assertThat(promoted).isNotSameAs(master);
    assertThat(promoted.role()).isEqualTo("master");
    assertThat(topology.currentMaster()).isSameAs(promoted);
    topology.timeline().await("+switch-master", before, FAILOVER);
    assertThat(topology.timeline().events()).extracting(TimelineEvent::type).contains("+sdown", "+odown", "kill");

    topology.faults().healAll(); // restarts the old master, which sentinels turn into a replica
    topology.awaitHealthy();
    assertThat(master.role()).isEqualTo("slave");
    assertThat(topology.currentMaster()).isSameAs(promoted);
  }

  @Test
  void restartKeepsTheDataOfARealNode() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(0).sentinels(0).dataNodeDirective("appendfsync", "always").start()) {
      Node master = topology.initialMaster();
      assertThat(RespSocket.text(master.call("SET", "k", "kept"))).isEqualTo("OK");
      master.kill();
      assertThat(master.isAlive()).isFalse();
      master.restart();
      assertThat(RespSocket.text(master.call("GET", "k"))).isEqualTo("kept");
    }
  }

  @Test
  void frozenRealNodeAnswersOnlyAfterThaw() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(0).sentinels(0).start()) {
      assertFreezeHoldsRequests(topology.initialMaster());
    }
  }

  @Test
  void frozenInProcessJavaNodeAnswersOnlyAfterThaw() {
    try (Topology topology = Topology.builder().replicas(0).sentinels(0).dataNodes(NodeKind.JAVA).start()) {
      assertFreezeHoldsRequests(topology.initialMaster());
    }
  }

  private static void assertFreezeHoldsRequests(Node node) {
    try (RespSocket client = RespSocket.connect(node.address(), Duration.ofMillis(300))) {
      assertThat(RespSocket.text(client.call("PING"))).isEqualTo("PONG");
      node.freeze();
      assertThat(node.isFrozen()).isTrue();
      client.send("PING");
      assertThatThrownBy(client::read).isInstanceOf(UncheckedIOException.class); // read timeout: held, not lost
      node.thaw();
      assertThat(RespSocket.text(readPatiently(client))).isEqualTo("PONG");
    }
  }

  private static io.vigil.resp.RespValue readPatiently(RespSocket client) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return client.read();
      } catch (UncheckedIOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  @Test
  void inProcessJavaSentinelRefusesToFreezeAndNamesTheAlternative() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(0).sentinels(1).sentinelNodes(NodeKind.JAVA).start()) {
      assertThatThrownBy(() -> topology.sentinels().get(0).freeze())
          .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("JAVA_PROCESS");
    }
  }

  @Test
  void javaProcessNodesStartAndAreReaped() {
    Topology topology = Topology.builder().replicas(0).sentinels(1).dataNodes(NodeKind.JAVA_PROCESS)
        .sentinelNodes(NodeKind.JAVA_PROCESS).start();
    long masterPid;
    long sentinelPid;
    try {
      topology.awaitHealthy();
      masterPid = topology.initialMaster().pid();
      sentinelPid = topology.sentinels().get(0).pid();
      assertThat(topology.currentMaster()).isSameAs(topology.initialMaster());
      assertThat(topology.sentinels().get(0).role()).isEqualTo("sentinel");
    } finally {
      topology.close();
    }
    assertThat(ProcessHandle.of(masterPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(ProcessHandle.of(sentinelPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void partitionCutsOnlyTheLinksBetweenItsSides() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(2).sentinels(2).proxied(true).start()) {
      topology.awaitHealthy();
      Node master = topology.initialMaster();
      Node cut = topology.node("redis-2");
      Node linked = topology.node("redis-3");
      Node lonely = topology.node("sentinel-1");

      topology.faults().partition(Set.of(cut.name()), Set.of(master.name()));
      topology.faults().partition(Set.of(Topology.CLIENT), Set.of(lonely.name()));
      master.call("SET", "k", "after-partition");

      awaitValue(linked, "k", "after-partition");
      assertThat(RespSocket.text(cut.call("GET", "k"))).isNotEqualTo("after-partition"); // its link is held
      try (RespSocket viaLink = RespSocket.connect(lonely.addressFor(Topology.CLIENT), Duration.ofMillis(300))) {
        viaLink.send("PING");
        assertThatThrownBy(viaLink::read).isInstanceOf(UncheckedIOException.class);
      }
      try (RespSocket other = RespSocket.connect(topology.sentinelAddresses().get(1))) {
        assertThat(RespSocket.text(other.call("PING"))).isEqualTo("PONG");
      }
      assertThat(Replies.pairs(lonely.call("SENTINEL", "MASTER", "mymaster")).get("flags")).isEqualTo("master");

      topology.faults().healNetwork();
      awaitValue(cut, "k", "after-partition");
    }
  }

  @Test
  void laggingReplicaOnItsOwnLinkServesStaleReadsThenCatchesUp() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(2).sentinels(0).proxied(true).start()) {
      topology.awaitHealthy();
      Node lagging = topology.node("redis-2");
      Node linked = topology.node("redis-3");

      Duration lag = Duration.ofSeconds(3);
      topology.faults().lag(lagging, lag);
      long written = System.nanoTime();
      topology.initialMaster().call("SET", "k", "new");

      awaitValue(linked, "k", "new");
      assertThat(lagging.isFrozen()).isFalse();
      String seen = RespSocket.text(lagging.call("GET", "k")); // answers at once: not frozen
      boolean lagOver = System.nanoTime() - written >= lag.toNanos(); // a stalled machine may have let it pass
      assertThat(lagOver || !seen.equals("new")).as("stale while the lag lasts, got %s", seen).isTrue();
      awaitValue(lagging, "k", "new");
    }
  }

  @Test
  void laggingReplicaWithoutProxiesIsFrozenForTheDuration() {
    RealRedis.requireServer();
    try (Topology topology = Topology.builder().replicas(1).sentinels(0).start()) {
      topology.awaitHealthy();
      Node replica = topology.node("redis-2");

      topology.faults().lag(replica, Duration.ofMillis(500));

      Await.until(Duration.ofSeconds(10), () -> replica.isFrozen() ? "still frozen" : null, "the lag to end", null);
      assertThat(topology.timeline().events("lag")).singleElement().extracting(TimelineEvent::message)
          .asString().contains("frozen");
      assertThat(topology.timeline().events("lag-end")).hasSize(1);
    }
  }

  private static void awaitValue(Node node, String key, String value) {
    Await.until(Duration.ofSeconds(10), () -> {
      String now = RespSocket.text(node.call("GET", key));
      return value.equals(now) ? null : node.name() + " has " + key + "=" + now;
    }, node.name() + " to have " + key + "=" + value, null);
  }

  private static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
