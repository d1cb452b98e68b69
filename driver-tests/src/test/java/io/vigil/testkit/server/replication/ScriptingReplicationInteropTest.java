package io.vigil.testkit.server.replication;

import static io.vigil.testkit.server.replication.Nodes.awaitInSync;
import static io.vigil.testkit.server.replication.Nodes.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.VigilServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Function libraries and scripts' writes between the Java server and real redis-server 7.0:
 * full syncs and the live stream both ways, {@code dump.rdb} written by one and loaded by the
 * other, and the append-only file replayed at start-up.
 */
class ScriptingReplicationInteropTest {

  private static final String LIBRARY = "#!lua name=counters\n"
      + "redis.register_function('bump', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)\n"
      + "redis.register_function{function_name='peek', callback=function(keys) return redis.call('get', keys[1]) end, "
      + "flags={'no-writes'}, description='reads a counter'}";
  private static final String LATER = "#!lua name=later\n"
      + "redis.register_function{function_name='hello', callback=function() return 'from the stream' end, "
      + "flags={'no-writes'}}";
  private static final String EFFECTS = "redis.call('set', KEYS[1], 'a') redis.call('rpush', KEYS[2], 'x', 'y') "
      + "redis.call('hset', KEYS[3], 'f', math.random(1000)) redis.call('expire', KEYS[1], 1000) return 1";

  @Test
  void realReplicaOfJavaMasterGetsLibrariesAndScriptEffects() {
    RealRedis.requireServer();
    try (VigilServer master = VigilServer.builder().start()) {
      assertThat(RespSocket.text(call(master.address(), "FUNCTION", "LOAD", LIBRARY))).isEqualTo("counters");
      call(master.address(), "FCALL", "bump", "1", "c", "5");
      try (RedisServerProcess replica = RedisServerProcess.builder().directive("save", "")
          .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()) {
        awaitInSync(master.address(), replica.address());
        assertThat(RespSocket.text(call(replica.address(), "FCALL_RO", "peek", "1", "c"))).isEqualTo("5");
        call(master.address(), "FUNCTION", "LOAD", LATER);
        call(master.address(), "EVAL", EFFECTS, "3", "s:k", "s:l", "s:h");
        call(master.address(), "FCALL", "bump", "1", "c", "2");
        awaitInSync(master.address(), replica.address());
        assertThat(RespSocket.text(call(replica.address(), "FCALL_RO", "peek", "1", "c"))).isEqualTo("7");
        assertThat(call(replica.address(), "FUNCTION", "LIST", "LIBRARYNAME", "later").toString()).contains("hello");
        Nodes.assertSameData(master.address(), replica.address());
      }
    }
  }

  @Test
  void javaReplicaOfRealMasterGetsLibrariesAndScriptEffects() {
    RealRedis.requireServer();
    try (RedisServerProcess master = RedisServerProcess.builder().directive("save", "")
        .directive("repl-diskless-sync", "yes").directive("repl-diskless-sync-delay", "0").start()) {
      call(master.address(), "FUNCTION", "LOAD", LIBRARY);
      call(master.address(), "FCALL", "bump", "1", "c", "5");
      try (VigilServer replica = VigilServer.builder()
          .directive("replicaof", "127.0.0.1", Integer.toString(master.port())).start()) {
        awaitInSync(master.address(), replica.address());
        assertThat(RespSocket.text(call(replica.address(), "FCALL_RO", "peek", "1", "c"))).isEqualTo("5");
        assertThat(RespSocket.text(call(replica.address(), "FCALL", "bump", "1", "c", "1")))
            .isEqualTo("READONLY Can not run script with write flag on readonly replica");
        call(master.address(), "FUNCTION", "LOAD", LATER);
        call(master.address(), "EVAL", EFFECTS, "3", "s:k", "s:l", "s:h");
        awaitInSync(master.address(), replica.address());
        assertThat(RespSocket.text(call(replica.address(), "FCALL", "hello", "0"))).isEqualTo("from the stream");
        Nodes.assertSameData(master.address(), replica.address());
        call(master.address(), "FUNCTION", "DELETE", "later");
        awaitInSync(master.address(), replica.address());
        assertThat(RespSocket.text(call(replica.address(), "FCALL", "hello", "0"))).isEqualTo("ERR Function not found");
      }
    }
  }

  @Test
  void librariesSurviveSaveAndRestartAndRealRedisLoadsTheJavaDump() throws IOException {
    Path dir = Files.createTempDirectory("vigil-functions");
    try {
      try (VigilServer server = VigilServer.builder().directive("dir", dir.toString()).start()) {
        call(server.address(), "FUNCTION", "LOAD", LIBRARY);
        call(server.address(), "SET", "c", "41");
        assertThat(RespSocket.text(call(server.address(), "SAVE"))).isEqualTo("OK");
      }
      try (VigilServer again = VigilServer.builder().directive("dir", dir.toString()).start()) {
        assertThat(RespSocket.text(call(again.address(), "FCALL", "bump", "1", "c", "1"))).isEqualTo("42");
        call(again.address(), "SAVE");
      }
      RealRedis.requireServer();
      try (RedisServerProcess real = RedisServerProcess.builder().directory(dir).directive("save", "").start()) {
        assertThat(RespSocket.text(call(real.address(), "FCALL_RO", "peek", "1", "c"))).isEqualTo("42");
        call(real.address(), "FUNCTION", "LOAD", LATER);
        call(real.address(), "SAVE");
      }
      try (VigilServer fromReal = VigilServer.builder().directive("dir", dir.toString()).start()) {
        assertThat(RespSocket.text(call(fromReal.address(), "FCALL", "hello", "0"))).isEqualTo("from the stream");
        assertThat(RespSocket.text(call(fromReal.address(), "FCALL_RO", "peek", "1", "c"))).isEqualTo("42");
      }
    } finally {
      delete(dir);
    }
  }

  @Test
  void librariesAndScriptWritesSurviveAppendOnlyReplay() throws IOException {
    Path dir = Files.createTempDirectory("vigil-functions-aof");
    try {
      try (VigilServer server = VigilServer.builder().directive("dir", dir.toString())
          .directive("appendonly", "yes").start()) {
        call(server.address(), "FUNCTION", "LOAD", LIBRARY);
        call(server.address(), "FCALL", "bump", "1", "c", "3");
        call(server.address(), "EVAL", "redis.call('set', 'e1', 'one') redis.call('set', 'e2', 'two') return 1", "0");
        call(server.address(), "FUNCTION", "LOAD", LATER);
        call(server.address(), "FUNCTION", "DELETE", "later");
      }
      try (VigilServer again = VigilServer.builder().directive("dir", dir.toString())
          .directive("appendonly", "yes").start()) {
        assertThat(RespSocket.text(call(again.address(), "FCALL", "bump", "1", "c", "1"))).isEqualTo("4");
        assertThat(RespSocket.text(call(again.address(), "GET", "e2"))).isEqualTo("two");
        assertThat(RespSocket.text(call(again.address(), "FCALL", "hello", "0"))).isEqualTo("ERR Function not found");
      }
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
