package io.vigil.testkit.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.VigilServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HyperLogLogs surviving a restart of the Java server from dump.rdb and from the append-only
 * file, byte for byte and with the same counts, and the dump.rdb it writes counting the same on
 * real redis-server 7.0.15.
 */
class HyperLogLogPersistenceTest {

  @TempDir
  Path dir;

  private VigilServer start(String... directives) {
    VigilServer.Builder b = VigilServer.builder().directive("dir", dir.toString());
    for (int i = 0; i + 1 < directives.length; i += 2) {
      b.directive(directives[i], directives[i + 1]);
    }
    return b.start();
  }

  private static RespValue call(InetSocketAddress node, String... args) {
    try (RespSocket s = RespSocket.connect(node, Duration.ofSeconds(10))) {
      return s.call(args);
    }
  }

  private static void pfadd(InetSocketAddress node, String key, String prefix, int n) {
    List<String> args = new ArrayList<>(List.of("PFADD", key));
    for (int i = 0; i < n; i++) {
      args.add(prefix + i);
    }
    call(node, args.toArray(new String[0]));
  }

  private static void write(InetSocketAddress node) {
    pfadd(node, "sparse", "s", 300);
    pfadd(node, "dense", "d", 8000);
    call(node, "PFMERGE", "merged", "sparse", "dense");
    pfadd(node, "counted", "c", 20);
    call(node, "PFCOUNT", "counted");
  }

  /**
   * Each key's count and then its bytes (counting first: a count refreshes the cached
   * cardinality in the value), and the union's count.
   */
  private static Map<String, Object> snapshot(InetSocketAddress node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : List.of("sparse", "dense", "merged", "counted")) {
      out.put(key + " count", RespSocket.text(call(node, "PFCOUNT", key)));
    }
    for (String key : List.of("sparse", "dense", "merged", "counted")) {
      out.put(key + " bytes", java.util.HexFormat.of().formatHex(((RespBulkString) call(node, "GET", key)).bytes()));
    }
    out.put("union", RespSocket.text(call(node, "PFCOUNT", "sparse", "dense", "counted")));
    return out;
  }

  @Test
  void hyperLogLogsSurviveSaveAndRestartAndLoadInRedis() {
    Map<String, Object> before;
    try (VigilServer server = start()) {
      write(server.address());
      before = snapshot(server.address());
      assertThat(RespSocket.text(call(server.address(), "SAVE"))).isEqualTo("OK");
    }
    try (VigilServer server = start()) {
      assertThat(snapshot(server.address())).isEqualTo(before);
    }
    RealRedis.requireServer();
    try (RedisServerProcess redis = RedisServerProcess.builder().directory(dir).directive("dir", dir.toString())
        .directive("save", "").start()) {
      assertThat(snapshot(redis.address())).isEqualTo(before);
    }
  }

  @Test
  void hyperLogLogsSurviveAppendOnlyFileReplay() {
    Map<String, Object> before;
    try (VigilServer server = start("appendonly", "yes")) {
      write(server.address());
      before = snapshot(server.address());
    }
    try (VigilServer server = start("appendonly", "yes")) {
      assertThat(snapshot(server.address())).isEqualTo(before);
    }
  }
}
