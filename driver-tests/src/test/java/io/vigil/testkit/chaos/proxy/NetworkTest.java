package io.vigil.testkit.chaos.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partitions between parties, through one proxy per link, in front of real redis-servers. */
class NetworkTest {

  private static RedisServerProcess master;
  private static RedisServerProcess replica;
  private Network network;

  @BeforeAll
  static void startRedis() {
    RealRedis.requireServer();
    master = RedisServerProcess.builder().start();
    replica = RedisServerProcess.builder().start();
  }

  @AfterAll
  static void stopRedis() {
    if (master != null) {
      master.close();
    }
    if (replica != null) {
      replica.close();
    }
  }

  @AfterAll
  static void noBufferLeaked() {
    assertThat(NettyLeaks.collectReports()).doesNotContain("LEAK:");
  }

  @BeforeEach
  void createNetwork() {
    network = Network.create();
    network.node("master", master.address());
    network.node("replica", replica.address());
  }

  @AfterEach
  void closeNetwork() {
    network.close();
  }

  private RespSocket connect(String from, String to) {
    return RespSocket.connect(network.address(from, to), Duration.ofMillis(300));
  }

  /** Whether PING is answered within the socket's short read timeout (false for a cut link). */
  private static boolean answers(RespSocket socket) {
    try {
      return "PONG".equals(RespSocket.text(socket.call("PING")));
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof SocketTimeoutException) {
        return false;
      }
      throw e;
    }
  }

  /** Whether PING is answered within 10 s, however loaded the machine (for a link that is not cut). */
  private static boolean answersEventually(RespSocket socket) {
    socket.send("PING");
    return "PONG".equals(awaitReply(socket, Duration.ofSeconds(10)));
  }

  private static String awaitReply(RespSocket socket, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return RespSocket.text(socket.read());
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof SocketTimeoutException) || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
    }
  }

  @Test
  void partitionCutsOnlyTheLinksBetweenTheTwoSides() {
    try (RespSocket aToMaster = connect("client-a", "master");
        RespSocket bToMaster = connect("client-b", "master");
        RespSocket aToReplica = connect("client-a", "replica")) {
      network.partition(Set.of("client-a"), Set.of("master"));

      assertThat(answersEventually(bToMaster)).isTrue();
      assertThat(answersEventually(aToReplica)).isTrue();
      assertThat(answers(aToMaster)).isFalse();
      assertThat(network.isPartitioned("master", "client-a")).isTrue();

      network.heal();
      assertThat(awaitReply(aToMaster, Duration.ofSeconds(10))).isEqualTo("PONG");
      assertThat(answersEventually(aToMaster)).isTrue();
    }
  }

  @Test
  void linksCreatedDuringAPartitionStartCut() {
    network.partition(Set.of("replica"), Set.of("master"));
    try (RespSocket replicaToMaster = connect("replica", "master");
        RespSocket masterToReplica = connect("master", "replica")) {
      assertThat(answers(replicaToMaster)).isFalse();
      assertThat(answers(masterToReplica)).isFalse();
    }
    assertThat(network.links()).containsOnlyKeys("replica->master", "master->replica");
  }

  @Test
  void isolateCutsAPartyFromEveryoneElse() {
    try (RespSocket client = connect("client", "master");
        RespSocket replicaToMaster = connect("replica", "master");
        RespSocket clientToReplica = connect("client", "replica")) {
      network.isolate("master");
      assertThat(answers(client)).isFalse();
      assertThat(answers(replicaToMaster)).isFalse();
      assertThat(answersEventually(clientToReplica)).isTrue();
    }
  }

  @Test
  void oneLinkCanCarryItsOwnFault() {
    network.link("client", "master").drop();
    assertThatThrownBy(() -> connect("client", "master")).hasCauseInstanceOf(ConnectException.class);
    try (RespSocket other = connect("other", "master")) {
      assertThat(answersEventually(other)).isTrue();
    }
    network.heal();
    try (RespSocket client = connect("client", "master")) {
      assertThat(answersEventually(client)).isTrue();
    }
  }

  @Test
  void misuseIsRejectedNamingTheParty() {
    assertThatThrownBy(() -> network.link("client", "sentinel-1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sentinel-1'").hasMessageContaining("node(name, address)");
    assertThatThrownBy(() -> network.node("master", replica.address())).hasMessageContaining("'master'");
    assertThatThrownBy(() -> network.partition(List.of("a", "b"), List.of("b"))).hasMessageContaining("[b]");
    assertThatThrownBy(() -> network.link("master", "master")).hasMessageContaining("itself");
  }

  @Test
  void closeEndsEveryProxyAndTheNetworkThreads() {
    ChaosProxy link = network.link("client", "master");
    try (RespSocket client = RespSocket.connect(link.address())) {
      assertThat(RespSocket.text(client.call("PING"))).isEqualTo("PONG");
    }
    network.close();
    assertThatThrownBy(() -> RespSocket.connect(link.address(), Duration.ofSeconds(1)))
        .hasCauseInstanceOf(ConnectException.class);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("vigil-chaos-network") || t.getName().startsWith("vigil-chaos-proxy-client->master"));
  }
}
