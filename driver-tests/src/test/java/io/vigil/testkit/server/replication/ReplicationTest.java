package io.vigil.testkit.server.replication;

import static io.vigil.testkit.server.replication.Nodes.awaitInSync;
import static io.vigil.testkit.server.replication.Nodes.call;
import static io.vigil.testkit.server.replication.Nodes.info;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.VigilServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java master and Java replicas: chains, link loss, Sentinel's reconfiguration, min-replicas, auth. */
class ReplicationTest {

  @TempDir
  Path dir;

  private static VigilServer replicaOf(VigilServer master, String... directives) {
    VigilServer.Builder b = VigilServer.builder()
        .directive("replicaof", "127.0.0.1", Integer.toString(master.port()));
    for (int i = 0; i + 1 < directives.length; i += 2) {
      b.directive(directives[i], directives[i + 1]);
    }
    return b.start();
  }

  @Test
  void subReplicaReceivesTheStreamUnchanged() {
    try (VigilServer master = VigilServer.builder().start();
        VigilServer middle = replicaOf(master);
        VigilServer leaf = replicaOf(middle)) {
      Nodes.populate(master.address(), "c:");
      awaitInSync(master.address(), middle.address());
      awaitInSync(middle.address(), leaf.address());
      Nodes.liveWrites(master.address(), "c:");
      awaitInSync(master.address(), middle.address());
      awaitInSync(middle.address(), leaf.address());
      Nodes.assertSameData(master.address(), leaf.address());
      Map<String, String> m = info(master.address(), "replication");
      Map<String, String> l = info(leaf.address(), "replication");
      assertThat(l.get("master_replid")).isEqualTo(m.get("master_replid"));
      assertThat(l.get("master_repl_offset")).isEqualTo(m.get("master_repl_offset"));
    }
  }

  @Test
  void subReplicaSyncedMidStreamFollowsTheSelectedDatabase() {
    try (VigilServer master = VigilServer.builder().start(); VigilServer middle = replicaOf(master)) {
      try (RespSocket s = RespSocket.connect(master.address(), Duration.ofSeconds(10))) {
        s.call("SELECT", "2");
        s.call("SET", "first", "1");
        awaitInSync(master.address(), middle.address());
        try (VigilServer leaf = replicaOf(middle)) {
          awaitInSync(middle.address(), leaf.address());
          s.call("SET", "second", "2"); // the master's stream is still on db 2: no SELECT follows
          awaitInSync(master.address(), middle.address());
          awaitInSync(middle.address(), leaf.address());
          Nodes.assertSameData(master.address(), leaf.address());
        }
      }
    }
  }

  @Test
  void lostLinkIsReportedDownThenResumesPartially() throws Exception {
    VigilServer master = VigilServer.builder().start();
    int port = master.port();
    try (VigilServer replica = replicaOf(master)) {
      call(master.address(), "SET", "a", "1");
      awaitInSync(master.address(), replica.address());
      call(master.address(), "CLIENT", "KILL", "TYPE", "replica");
      call(master.address(), "SET", "b", "2");
      Nodes.await("partial resync", Duration.ofSeconds(10),
          () -> "1".equals(info(master.address(), "stats").get("sync_partial_ok")));
      awaitInSync(master.address(), replica.address());
      assertThat(RespSocket.text(call(replica.address(), "GET", "b"))).isEqualTo("2");
      master.close();
      // hold the master's port, silent, so no other process's server can answer the reconnections
      java.net.ServerSocket silent = holdPort(port);
      Nodes.await(() -> "link down (replica: " + info(replica.address(), "replication") + ")", Duration.ofSeconds(30),
          () -> "down".equals(info(replica.address(), "replication").get("master_link_status")));
      Map<String, String> r = info(replica.address(), "replication");
      assertThat(Long.parseLong(r.get("master_link_down_since_seconds"))).isBetween(0L, 5L);
      assertThat(RespSocket.texts(call(replica.address(), "ROLE")).get(3))
          .isIn("connect", "connecting", "handshake");
      if (silent != null) {
        silent.close();
      }
    } finally {
      master.close();
    }
  }

  private static java.net.ServerSocket holdPort(int port) {
    try {
      return new java.net.ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress());
    } catch (java.io.IOException e) {
      return null; // someone else has it already; the wait below says what the replica saw
    }
  }

  @Test
  void sentinelReconfigurationTransactionSucceeds() throws Exception {
    Path conf = dir.resolve("redis.conf");
    Files.writeString(conf, "bind 127.0.0.1\nport 0\nsave \"\"\n");
    try (VigilServer master = VigilServer.builder().start();
        VigilServer node = VigilServer.builder().configFile(conf).start()) {
      call(master.address(), "SET", "k", "v");
      try (RespSocket s = RespSocket.connect(node.address(), Duration.ofSeconds(10))) {
        assertThat(RespSocket.text(s.call("MULTI"))).isEqualTo("OK");
        for (String[] cmd : List.of(
            new String[] {"SLAVEOF", "127.0.0.1", Integer.toString(master.port())},
            new String[] {"CONFIG", "REWRITE"},
            new String[] {"CLIENT", "KILL", "TYPE", "normal"},
            new String[] {"CLIENT", "KILL", "TYPE", "pubsub"})) {
          assertThat(RespSocket.text(s.call(cmd))).isEqualTo("QUEUED");
        }
        RespValue exec = s.call("EXEC");
        assertThat(exec).isInstanceOf(RespArray.class);
        List<String> replies = RespSocket.texts(exec);
        assertThat(replies.get(0)).isEqualTo("OK");
        assertThat(replies.get(1)).isEqualTo("OK");
      }
      assertThat(Files.readString(conf)).contains("replicaof 127.0.0.1 " + master.port());
      awaitInSync(master.address(), node.address());
      assertThat(RespSocket.text(call(node.address(), "GET", "k"))).isEqualTo("v");
      try (RespSocket s = RespSocket.connect(node.address(), Duration.ofSeconds(10))) {
        s.call("MULTI");
        s.call("SLAVEOF", "NO", "ONE");
        s.call("CONFIG", "REWRITE");
        s.call("CLIENT", "KILL", "TYPE", "normal");
        s.call("CLIENT", "KILL", "TYPE", "pubsub");
        assertThat(RespSocket.texts(s.call("EXEC")).get(0)).isEqualTo("OK");
      }
      assertThat(info(node.address(), "replication").get("role")).isEqualTo("master");
      assertThat(RespSocket.text(call(node.address(), "SET", "x", "1"))).isEqualTo("OK");
    }
  }

  @Test
  void minReplicasToWriteRefusesWritesWithoutGoodReplicas() {
    try (VigilServer master = VigilServer.builder().directive("min-replicas-to-write", "1")
        .directive("min-replicas-max-lag", "10").start()) {
      assertThat(RespSocket.text(call(master.address(), "SET", "a", "1")))
          .isEqualTo("NOREPLICAS Not enough good replicas to write.");
      try (VigilServer replica = replicaOf(master)) {
        Nodes.await("a good replica", Duration.ofSeconds(10),
            () -> "1".equals(info(master.address(), "replication").get("min_slaves_good_slaves")));
        assertThat(RespSocket.text(call(master.address(), "SET", "a", "1"))).isEqualTo("OK");
      }
    }
  }

  @Test
  void replicaAuthenticatesWithMasterauthAndMasteruser() {
    try (VigilServer master = VigilServer.builder().directive("requirepass", "s3cret").start();
        VigilServer replica = replicaOf(master, "masteruser", "default", "masterauth", "s3cret")) {
      InetSocketAddress m = master.address();
      try (RespSocket s = RespSocket.connect(m, Duration.ofSeconds(10))) {
        s.call("AUTH", "s3cret");
        s.call("SET", "k", "v");
        Nodes.await("replica in sync", Duration.ofSeconds(10), () -> {
          Map<String, String> r = info(replica.address(), "replication");
          return "up".equals(r.get("master_link_status")) && RespSocket.text(
              call(replica.address(), "GET", "k")).equals("v");
        });
      }
    }
  }

  @Test
  void waitCountsOnlyReplicasThatAcknowledgedAndErrsOnAReplica() {
    try (VigilServer master = VigilServer.builder().start(); VigilServer replica = replicaOf(master)) {
      awaitInSync(master.address(), replica.address());
      try (RespSocket s = RespSocket.connect(master.address(), Duration.ofSeconds(10))) {
        s.call("SET", "k", "v");
        assertThat(RespSocket.text(s.call("WAIT", "1", "2000"))).isEqualTo("1");
        assertThat(RespSocket.text(s.call("WAIT", "2", "100"))).isEqualTo("1");
      }
      assertThat(RespSocket.text(call(replica.address(), "WAIT", "1", "10"))).startsWith("ERR WAIT cannot be used");
      List<String> role = RespSocket.texts(((RespArray) call(master.address(), "ROLE")).elements().get(2) instanceof RespArray a
          && !a.elements().isEmpty() ? a.elements().get(0) : RespArray.EMPTY);
      assertThat(role).hasSize(3);
      assertThat(role.get(1)).isEqualTo(Integer.toString(replica.port()));
    }
  }
}
