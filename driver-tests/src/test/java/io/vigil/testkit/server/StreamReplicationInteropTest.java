package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVerbatimString;
import io.vigil.testkit.Await;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streams replicated between the Java server and real redis-server 7.0: a full sync carries
 * every stream, group, pending entry and consumer both ways, and the stream of stream commands
 * a Java master sends leaves a real replica exactly as a real master's leaves one, while a Java
 * replica follows a real master as a real replica does.
 */
class StreamReplicationInteropTest {

  /** Replicas stamp consumers' seen times with their own clocks; masters stamp deliveries. */
  private static final long CLOCK_TOLERANCE_MS = 2000;

  @BeforeAll
  static void requireRedis() {
    RealRedis.requireServer();
  }

  private static RedisServerProcess realMaster() {
    return RedisServerProcess.builder().directive("save", "")
        .directive("repl-diskless-sync", "yes").directive("repl-diskless-sync-delay", "0").start();
  }

  private static RedisServerProcess realReplicaOf(InetSocketAddress master) {
    return RedisServerProcess.builder().directive("save", "")
        .directive("replicaof", "127.0.0.1", Integer.toString(master.getPort())).start();
  }

  private static VigilServer javaReplicaOf(InetSocketAddress master) {
    return VigilServer.builder().directive("replicaof", "127.0.0.1", Integer.toString(master.getPort())).start();
  }

  @Test
  void fullSyncCarriesStreamsGroupsAndConsumersBothWays() {
    try (RedisServerProcess realMaster = realMaster();
        VigilServer javaMaster = VigilServer.builder().start();
        RespTestClient rm = new RespTestClient(realMaster.address());
        RespTestClient jm = new RespTestClient(javaMaster.address())) {
      StreamFixtures.populate(rm);
      StreamFixtures.populate(jm);
      try (VigilServer javaReplica = javaReplicaOf(realMaster.address());
          RedisServerProcess realReplica = realReplicaOf(javaMaster.address());
          RespTestClient jr = new RespTestClient(javaReplica.address());
          RespTestClient rr = new RespTestClient(realReplica.address())) {
        awaitInSync(rm, jr);
        awaitInSync(jm, rr);
        StreamFixtures.assertNearlySame(StreamFixtures.snapshot(rm), StreamFixtures.snapshot(jr), 0);
        StreamFixtures.assertNearlySame(StreamFixtures.snapshot(jm), StreamFixtures.snapshot(rr), 0);
      }
    }
  }

  @Test
  void replicasFollowStreamCommandsAsRealReplicasDo() {
    try (RedisServerProcess realMaster = realMaster();
        VigilServer javaMaster = VigilServer.builder().start();
        RespTestClient rm = new RespTestClient(realMaster.address());
        RespTestClient jm = new RespTestClient(javaMaster.address());
        RedisServerProcess realOfReal = realReplicaOf(realMaster.address());
        VigilServer javaOfReal = javaReplicaOf(realMaster.address());
        RedisServerProcess realOfJava = realReplicaOf(javaMaster.address());
        RespTestClient judge = new RespTestClient(realOfReal.address());
        RespTestClient javaFollower = new RespTestClient(javaOfReal.address());
        RespTestClient realFollower = new RespTestClient(realOfJava.address())) {
      awaitInSync(rm, judge);
      awaitInSync(rm, javaFollower);
      awaitInSync(jm, realFollower);
      for (RespTestClient master : List.of(rm, jm)) {
        StreamFixtures.populate(master);
      }
      for (byte[][] command : liveCommands()) {
        for (RespTestClient master : List.of(rm, jm)) {
          master.send(command);
          assertThat(master.read().isError()).as(words(command)).isFalse();
        }
      }
      servedBlockedReaders(realMaster.address(), rm);
      servedBlockedReaders(javaMaster.address(), jm);
      awaitInSync(rm, judge);
      awaitInSync(rm, javaFollower);
      awaitInSync(jm, realFollower);

      var expected = StreamFixtures.snapshot(judge);
      StreamFixtures.assertNearlySame(expected, StreamFixtures.snapshot(javaFollower), CLOCK_TOLERANCE_MS);
      StreamFixtures.assertNearlySame(expected, StreamFixtures.snapshot(realFollower), CLOCK_TOLERANCE_MS);
      // generated IDs differ between the masters, but each replica holds its master's
      assertThat(realFollower.call("XRANGE", "auto", "-", "+")).isEqualTo(jm.call("XRANGE", "auto", "-", "+"));
      assertThat(javaFollower.call("XRANGE", "auto", "-", "+")).isEqualTo(rm.call("XRANGE", "auto", "-", "+"));
      assertThat(realFollower.call("XLEN", "auto")).isEqualTo(judge.call("XLEN", "auto"));
    }
  }

  /** Writes after the full sync, every kind a master rewrites or expands when propagating. */
  private static List<byte[][]> liveCommands() {
    List<byte[][]> out = new ArrayList<>();
    out.add(StreamFixtures.args("XADD", "s", "300-0", "f1", "a", "f2", "b"));
    out.add(StreamFixtures.args("XADD", "s", "MAXLEN", "~", "150", "301-0", "f1", "c", "f2", "d"));
    out.add(StreamFixtures.args("XREADGROUP", "GROUP", "g1", "alice", "COUNT", "3", "STREAMS", "s", ">"));
    out.add(StreamFixtures.args("XREADGROUP", "GROUP", "g1", "frank", "NOACK", "COUNT", "2", "STREAMS", "s", ">"));
    out.add(StreamFixtures.args("XREADGROUP", "GROUP", "g1", "alice", "STREAMS", "s", "0"));
    out.add(StreamFixtures.args("XCLAIM", "s", "g1", "bob", "0", "16-0", "17-0", "140-0", "JUSTID"));
    out.add(StreamFixtures.args("XCLAIM", "s", "g1", "bob", "0", "200-0", "FORCE", "RETRYCOUNT", "4"));
    out.add(StreamFixtures.args("XCLAIM", "s", "g1", "bob", "0", "9-0", "LASTID", "260-0"));
    out.add(StreamFixtures.args("XAUTOCLAIM", "s", "g1", "gina", "0", "0", "COUNT", "5"));
    out.add(StreamFixtures.args("XACK", "s", "g1", "18-0"));
    out.add(StreamFixtures.args("XDEL", "s", "199-0"));
    out.add(StreamFixtures.args("XTRIM", "s", "MINID", "~", "210"));
    out.add(StreamFixtures.args("XTRIM", "s", "MAXLEN", "100"));
    out.add(StreamFixtures.args("XGROUP", "SETID", "s", "g2", "250-0"));
    out.add(StreamFixtures.args("XGROUP", "CREATECONSUMER", "s", "g2", "hank"));
    out.add(StreamFixtures.args("XGROUP", "DELCONSUMER", "s", "g1", "carol"));
    out.add(StreamFixtures.args("XGROUP", "DESTROY", "s", "123"));
    out.add(StreamFixtures.args("XSETID", "mk", "9-0"));
    out.add(StreamFixtures.args("XADD", "e", "10-0", "a", "1"));
    out.add(StreamFixtures.args("XGROUP", "CREATE", "e", "g9", "$"));
    out.add(StreamFixtures.args("MULTI"));
    out.add(StreamFixtures.args("XADD", "e", "11-0", "b", "2"));
    out.add(StreamFixtures.args("XREADGROUP", "GROUP", "g9", "ivy", "STREAMS", "e", ">"));
    out.add(StreamFixtures.args("EXEC"));
    out.add(StreamFixtures.args("XGROUP", "CREATE", "s", "gb", "$"));
    out.add(StreamFixtures.args("XADD", "auto", "*", "a", "1"));
    out.add(StreamFixtures.args("XADD", "auto", "*", "a", "2"));
    out.add(StreamFixtures.args("XADD", "auto", "MAXLEN", "~", "1", "*", "a", "3"));
    return out;
  }

  /** Two group readers block on {@code s}, then one XADD serves both (each replicated). */
  private static void servedBlockedReaders(InetSocketAddress address, RespTestClient master) {
    try (RespTestClient first = new RespTestClient(address);
        RespTestClient second = new RespTestClient(address)) {
      first.send("XREADGROUP", "GROUP", "gb", "ivan", "BLOCK", "0", "STREAMS", "s", ">");
      awaitBlocked(master, 1);
      second.send("XREADGROUP", "GROUP", "gb", "judy", "NOACK", "BLOCK", "0", "STREAMS", "s", ">");
      awaitBlocked(master, 2);
      assertThat(master.call("XADD", "s", "400-0", "f1", "x", "f2", "y").isError()).isFalse();
      assertThat(first.read().isError()).isFalse();
      assertThat(master.call("XADD", "s", "401-0", "f1", "x", "f2", "y").isError()).isFalse();
      assertThat(second.read().isError()).isFalse();
    }
  }

  private static void awaitBlocked(RespTestClient client, int n) {
    Await.until(n + " blocked clients", Duration.ofSeconds(5),
        () -> info(client, "clients").contains("blocked_clients:" + n + "\r\n"));
  }

  private static void awaitInSync(RespTestClient master, RespTestClient replica) {
    Await.until("a replica in sync", Duration.ofSeconds(20), () -> {
      String r = info(replica, "replication");
      String m = info(master, "replication");
      return r.contains("master_link_status:up")
          && field(r, "slave_repl_offset").equals(field(m, "master_repl_offset"));
    });
  }

  private static String info(RespTestClient client, String section) {
    RespValue v = client.call("INFO", section);
    return v instanceof RespBulkString b ? b.asString()
        : v instanceof RespVerbatimString t ? new String(t.bytes(), StandardCharsets.UTF_8) : String.valueOf(v);
  }

  private static String field(String info, String name) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1);
      }
    }
    return "";
  }

  private static String words(byte[][] command) {
    List<String> w = new ArrayList<>();
    for (byte[] a : command) {
      w.add(new String(a, StandardCharsets.UTF_8));
    }
    return String.join(" ", w);
  }
}
