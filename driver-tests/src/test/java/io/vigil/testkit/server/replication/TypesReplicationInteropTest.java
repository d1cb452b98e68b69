package io.vigil.testkit.server.replication;

import static io.vigil.testkit.server.replication.Nodes.awaitInSync;
import static io.vigil.testkit.server.replication.Nodes.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.VigilServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HyperLogLog, geo, BITFIELD and RESTORE writes replicated between the Java server and real
 * redis-server 7.0.15 in both directions: a full sync carries sparse and dense HyperLogLogs byte
 * for byte, and the stream carries PFADD, PFMERGE, the cache refresh of a single-key PFCOUNT,
 * GEOADD (as ZADD), GEOSEARCHSTORE/GEORADIUS STORE, BITFIELD and RESTORE (a relative TTL as an
 * absolute one), so a replica holds and counts what its master does.
 */
class TypesReplicationInteropTest {

  private static final List<String> KEYS = List.of("hll:sparse", "hll:dense", "hll:merged", "hll:counted");

  private static void populate(InetSocketAddress node) {
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      s.call(elements("hll:sparse", "s", 200));
      s.call(elements("hll:dense", "d", 6000));
      s.call("PFMERGE", "hll:merged", "hll:sparse", "hll:dense");
      s.call(elements("hll:counted", "c", 50));
      s.call("PFCOUNT", "hll:counted");
    }
  }

  private static void liveWrites(InetSocketAddress node) {
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      s.call(elements("hll:sparse", "t", 30));
      s.call("PFCOUNT", "hll:sparse"); // refreshes the cached cardinality: propagated as a write
      s.call(elements("hll:dense", "e", 100));
      s.call("PFMERGE", "hll:merged", "hll:sparse");
      s.call("PFDEBUG", "TODENSE", "hll:counted");
      s.call("GEOADD", "geo", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
      s.call("GEOADD", "geo", "CH", "13.4", "38.1", "Palermo");
      s.call("GEOSEARCHSTORE", "geo:near", "geo", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST");
      s.call("GEORADIUS", "geo", "15", "37", "100", "km", "STORE", "geo:radius");
      s.call("BITFIELD", "bits", "SET", "u8", "#3", "200", "INCRBY", "i5", "100", "30", "OVERFLOW", "FAIL",
          "INCRBY", "u2", "0", "9");
      s.call("SET", "source", "payload");
      s.sendBytes("RESTORE".getBytes(), "restored".getBytes(), "600000".getBytes(),
          ((io.vigil.resp.RespBulkString) s.call("DUMP", "source")).bytes());
      s.read();
    }
  }

  private static String[] elements(String key, String prefix, int n) {
    List<String> args = new ArrayList<>(List.of("PFADD", key));
    for (int i = 0; i < n; i++) {
      args.add(prefix + i);
    }
    return args.toArray(new String[0]);
  }

  private static byte[] raw(InetSocketAddress node, String key) {
    return ((io.vigil.resp.RespBulkString) call(node, "GET", key)).bytes();
  }

  /** Same bytes and same counts, single and multi-key, on both nodes. */
  private static void assertSameHyperLogLogs(InetSocketAddress master, InetSocketAddress replica) {
    for (String key : KEYS) {
      assertThat(raw(replica, key)).as("bytes of %s on the replica", key).isEqualTo(raw(master, key));
    }
    for (String key : KEYS) {
      assertThat(RespSocket.text(call(replica, "PFCOUNT", key))).as("PFCOUNT %s", key)
          .isEqualTo(RespSocket.text(call(master, "PFCOUNT", key)));
    }
    List<String> multi = new ArrayList<>(List.of("PFCOUNT"));
    multi.addAll(KEYS);
    String[] all = multi.toArray(new String[0]);
    assertThat(RespSocket.text(call(replica, all))).isEqualTo(RespSocket.text(call(master, all)));
  }

  @Test
  void realReplicaOfAJavaMasterCountsAndStoresWhatTheMasterDoes() {
    RealRedis.requireServer();
    try (VigilServer master = VigilServer.builder().start()) {
      populate(master.address());
      try (RedisServerProcess replica = RedisServerProcess.builder().directive("save", "")
          .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()) {
        awaitInSync(master.address(), replica.address());
        assertSameHyperLogLogs(master.address(), replica.address());
        liveWrites(master.address());
        awaitInSync(master.address(), replica.address());
        assertSameHyperLogLogs(master.address(), replica.address());
        Nodes.assertSameData(master.address(), replica.address());
      }
    }
  }

  @Test
  void javaReplicaOfARealMasterCountsAndStoresWhatTheMasterDoes() {
    RealRedis.requireServer();
    try (RedisServerProcess master = RedisServerProcess.builder().directive("save", "")
        .directive("repl-diskless-sync", "yes").directive("repl-diskless-sync-delay", "0").start()) {
      populate(master.address());
      try (VigilServer replica = VigilServer.builder()
          .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()) {
        awaitInSync(master.address(), replica.address());
        assertSameHyperLogLogs(master.address(), replica.address());
        liveWrites(master.address());
        awaitInSync(master.address(), replica.address());
        assertSameHyperLogLogs(master.address(), replica.address());
        Nodes.assertSameData(master.address(), replica.address());
      }
    }
  }
}
