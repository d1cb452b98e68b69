package io.vigil.testkit.server.replication;

import static io.vigil.testkit.server.replication.Nodes.awaitInSync;
import static io.vigil.testkit.server.replication.Nodes.call;
import static io.vigil.testkit.server.replication.Nodes.info;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.VigilServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java server replicating with real redis-server 7.0 in both directions: full sync of every
 * type with expiries, the live stream, partial resync after a cut link, promotion with replid2,
 * WAIT, and INFO replication's fields beside Redis's.
 */
class ReplicationInteropTest {

  private static RedisServerProcess realReplicaOf(InetSocketAddress master) {
    return RedisServerProcess.builder().directive("save", "")
        .directive("replicaof", "127.0.0.1", Integer.toString(master.getPort())).start();
  }

  private static RedisServerProcess realMaster() {
    return RedisServerProcess.builder().directive("save", "")
        .directive("repl-diskless-sync", "yes").directive("repl-diskless-sync-delay", "0").start();
  }

  private static VigilServer javaReplicaOf(InetSocketAddress master) {
    return VigilServer.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.getPort())).start();
  }

  @Test
  void javaMasterToRealReplicaKeepsEveryTypeThroughFullSyncAndStream() {
    RealRedis.requireServer();
    try (VigilServer master = VigilServer.builder().start()) {
      Nodes.populate(master.address(), "k:");
      try (RedisServerProcess replica = realReplicaOf(master.address())) {
        awaitInSync(master.address(), replica.address());
        Nodes.assertSameData(master.address(), replica.address());
        Nodes.liveWrites(master.address(), "k:");
        awaitInSync(master.address(), replica.address());
        Nodes.assertSameData(master.address(), replica.address());
        assertThat(Nodes.call(replica.address(), "SET", "x", "1").toString()).contains("READONLY");
      }
    }
  }

  @Test
  void realMasterToJavaReplicaLoadsLzfAndListpacksInDisklessFraming() {
    RealRedis.requireServer();
    try (RedisServerProcess master = realMaster()) {
      Nodes.populate(master.address(), "k:");
      try (VigilServer replica = javaReplicaOf(master.address())) {
        awaitInSync(master.address(), replica.address());
        Nodes.assertSameData(master.address(), replica.address());
        Nodes.liveWrites(master.address(), "k:");
        awaitInSync(master.address(), replica.address());
        Nodes.assertSameData(master.address(), replica.address());
        assertThat(RespSocket.text(call(replica.address(), "SET", "x", "1")))
            .isEqualTo("READONLY You can't write against a read only replica.");
        List<String> role = RespSocket.texts(call(replica.address(), "ROLE"));
        assertThat(role.subList(0, 4)).containsExactly("slave", "127.0.0.1",
            Integer.toString(master.port()), "connected");
      }
    }
  }

  @Test
  void cutLinkResyncsPartiallyWithJavaMasterAndRealReplica() {
    RealRedis.requireServer();
    // disk-style $<len> framing here; the other tests use the default diskless $EOF: framing
    try (VigilServer master = VigilServer.builder().directive("repl-diskless-sync", "no").start();
        RedisServerProcess replica = realReplicaOf(master.address())) {
      Nodes.populate(master.address(), "k:");
      awaitInSync(master.address(), replica.address());
      assertThat(info(master.address(), "stats").get("sync_partial_ok")).isEqualTo("0");
      call(master.address(), "CLIENT", "KILL", "TYPE", "replica");
      Nodes.liveWrites(master.address(), "k:");
      Nodes.await("partial resync", Duration.ofSeconds(20),
          () -> "1".equals(info(master.address(), "stats").get("sync_partial_ok")));
      awaitInSync(master.address(), replica.address());
      assertThat(info(master.address(), "stats").get("sync_full")).isEqualTo("1");
      Nodes.assertSameData(master.address(), replica.address());
    }
  }

  @Test
  void cutLinkResyncsPartiallyWithRealMasterAndJavaReplica() {
    RealRedis.requireServer();
    try (RedisServerProcess master = realMaster(); VigilServer replica = javaReplicaOf(master.address())) {
      Nodes.populate(master.address(), "k:");
      awaitInSync(master.address(), replica.address());
      call(master.address(), "CLIENT", "KILL", "TYPE", "replica");
      Nodes.liveWrites(master.address(), "k:");
      Nodes.await("partial resync", Duration.ofSeconds(20),
          () -> "1".equals(info(master.address(), "stats").get("sync_partial_ok")));
      awaitInSync(master.address(), replica.address());
      assertThat(info(master.address(), "stats").get("sync_full")).isEqualTo("1");
      Nodes.assertSameData(master.address(), replica.address());
    }
  }

  @Test
  void promotedJavaReplicaServesPartialResyncsThroughReplid2() {
    RealRedis.requireServer();
    try (RedisServerProcess master = realMaster();
        VigilServer a = javaReplicaOf(master.address());
        RedisServerProcess realB = realReplicaOf(master.address());
        VigilServer javaB = javaReplicaOf(master.address())) {
      Nodes.populate(master.address(), "k:");
      awaitInSync(master.address(), a.address());
      awaitInSync(master.address(), realB.address());
      awaitInSync(master.address(), javaB.address());
      String oldId = info(master.address(), "replication").get("master_replid");
      call(a.address(), "REPLICAOF", "NO", "ONE");
      Map<String, String> promoted = info(a.address(), "replication");
      assertThat(promoted.get("role")).isEqualTo("master");
      assertThat(promoted.get("master_replid2")).isEqualTo(oldId);
      assertThat(Long.parseLong(promoted.get("second_repl_offset")))
          .isEqualTo(Long.parseLong(promoted.get("master_repl_offset")) + 1);
      call(realB.address(), "REPLICAOF", "127.0.0.1", Integer.toString(a.port()));
      call(javaB.address(), "REPLICAOF", "127.0.0.1", Integer.toString(a.port()));
      Nodes.liveWrites(a.address(), "k:");
      awaitInSync(a.address(), realB.address());
      awaitInSync(a.address(), javaB.address());
      Map<String, String> stats = info(a.address(), "stats");
      assertThat(stats.get("sync_partial_ok")).isEqualTo("2");
      assertThat(stats.get("sync_full")).isEqualTo("0");
      Nodes.assertSameData(a.address(), realB.address());
      Nodes.assertSameData(a.address(), javaB.address());
      assertThat(info(javaB.address(), "replication").get("master_replid"))
          .isEqualTo(promoted.get("master_replid"));
    }
  }

  @Test
  void javaReplicaContinuesWithAPromotedRealReplica() {
    RealRedis.requireServer();
    try (RedisServerProcess master = realMaster();
        RedisServerProcess a = realReplicaOf(master.address());
        VigilServer b = javaReplicaOf(master.address())) {
      Nodes.populate(master.address(), "k:");
      awaitInSync(master.address(), a.address());
      awaitInSync(master.address(), b.address());
      call(a.address(), "REPLICAOF", "NO", "ONE");
      call(b.address(), "REPLICAOF", "127.0.0.1", Integer.toString(a.port()));
      Nodes.liveWrites(a.address(), "k:");
      awaitInSync(a.address(), b.address());
      assertThat(info(a.address(), "stats").get("sync_partial_ok")).isEqualTo("1");
      Map<String, String> replicaInfo = info(b.address(), "replication");
      Map<String, String> promoted = info(a.address(), "replication");
      assertThat(replicaInfo.get("master_replid")).isEqualTo(promoted.get("master_replid"));
      assertThat(replicaInfo.get("master_replid2")).isEqualTo(promoted.get("master_replid2"));
      Nodes.assertSameData(a.address(), b.address());
    }
  }

  @Test
  void waitReturnsOneOnlyOnceTheReplicaHasTheWrite() {
    RealRedis.requireServer();
    try (VigilServer master = VigilServer.builder().start();
        RedisServerProcess replica = realReplicaOf(master.address())) {
      awaitInSync(master.address(), replica.address());
      try (RespSocket c = RespSocket.connect(master.address(), Duration.ofSeconds(10))) {
        c.call("SET", "w", "1");
        assertThat(RespSocket.text(c.call("WAIT", "1", "1000"))).isEqualTo("1");
        assertThat(RespSocket.text(call(replica.address(), "GET", "w"))).isEqualTo("1");
        replica.freeze();
        try {
          c.call("SET", "w", "2");
          assertThat(RespSocket.text(c.call("WAIT", "1", "300"))).isEqualTo("0");
        } finally {
          replica.thaw();
        }
        assertThat(RespSocket.text(c.call("WAIT", "1", "5000"))).isEqualTo("1");
        assertThat(RespSocket.text(call(replica.address(), "GET", "w"))).isEqualTo("2");
      }
    }
  }

  @Test
  void infoReplicationHasRedisFieldsInRedisOrder() {
    RealRedis.requireServer();
    try (VigilServer javaMaster = VigilServer.builder().start();
        RedisServerProcess realMaster = realMaster();
        RedisServerProcess realOfJava = realReplicaOf(javaMaster.address());
        RedisServerProcess realOfReal = realReplicaOf(realMaster.address());
        VigilServer javaOfReal = javaReplicaOf(realMaster.address())) {
      awaitInSync(javaMaster.address(), realOfJava.address());
      awaitInSync(realMaster.address(), realOfReal.address());
      awaitInSync(realMaster.address(), javaOfReal.address());
      assertThat(fieldNames(info(javaMaster.address(), "replication")))
          .isEqualTo(fieldNames(info(realOfReal.address(), "replication").isEmpty() ? Map.of()
              : onlyOneReplica(info(realMaster.address(), "replication"))));
      assertThat(fieldNames(info(javaOfReal.address(), "replication")))
          .isEqualTo(fieldNames(info(realOfReal.address(), "replication")));
      assertThat(shape(call(javaMaster.address(), "ROLE"))).isEqualTo(shape(call(realOfReal.address(), "ROLE")
          instanceof RespArray ? onlyFirstReplica(call(realMaster.address(), "ROLE")) : null));
      assertThat(shape(call(javaOfReal.address(), "ROLE"))).isEqualTo(shape(call(realOfReal.address(), "ROLE")));
      String slave0 = info(javaMaster.address(), "replication").get("slave0");
      assertThat(slave0).matches("ip=127\\.0\\.0\\.1,port=" + realOfJava.port() + ",state=online,offset=\\d+,lag=\\d+");
    }
  }

  /** A reply's structure: types and nesting, without the values. */
  private static String shape(RespValue v) {
    if (v instanceof RespArray a) {
      StringBuilder sb = new StringBuilder("[");
      for (RespValue e : a.elements()) {
        sb.append(shape(e)).append(' ');
      }
      return sb.append(']').toString();
    }
    return v.getClass().getSimpleName();
  }

  private static RespValue onlyFirstReplica(RespValue role) {
    List<RespValue> e = ((RespArray) role).elements();
    List<RespValue> replicas = ((RespArray) e.get(2)).elements();
    return RespArray.of(e.get(0), e.get(1), RespArray.of(replicas.get(0)));
  }

  private static Map<String, String> onlyOneReplica(Map<String, String> info) {
    info.remove("slave1");
    return info;
  }

  private static List<String> fieldNames(Map<String, String> info) {
    return new ArrayList<>(info.keySet());
  }
}
