package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Jedis, Lettuce and redis-py running scripts and functions against the Java server and a real
 * redis-server: each client's results (values and error messages) must be the same on both.
 */
class ScriptingClientsTest {

  private static final String LIBRARY = "#!lua name=clientlib\n"
      + "redis.register_function('add', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)\n"
      + "redis.register_function{function_name='read', callback=function(keys) return redis.call('get', keys[1]) end, "
      + "flags={'no-writes'}}";

  private static RedisServerProcess redis;
  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().start();
    vigil = VigilServer.builder().start();
  }

  @AfterAll
  static void stop() {
    if (vigil != null) {
      vigil.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static List<Object> jedisSteps(InetSocketAddress server) {
    List<Object> out = new ArrayList<>();
    try (Jedis j = new Jedis(server.getHostString(), server.getPort())) {
      j.flushAll();
      j.scriptFlush();
      j.functionFlush();
      out.add(j.eval("return {KEYS[1], ARGV[1], 3.7, true, false}", List.of("k"), List.of("v")));
      String sha = j.scriptLoad("return redis.call('incrby', KEYS[1], ARGV[1])");
      out.add(sha);
      out.add(j.evalsha(sha, List.of("counter"), List.of("4")));
      out.add(j.scriptExists(sha, "0000000000000000000000000000000000000000"));
      out.add(error(() -> j.evalsha("0000000000000000000000000000000000000000", 0)));
      out.add(error(() -> j.eval("return redis.call('nosuch')")));
      out.add(j.functionLoad(LIBRARY));
      out.add(j.fcall("add", List.of("counter"), List.of("6")));
      out.add(j.fcallReadonly("read", List.of("counter"), List.of()));
      out.add(error(() -> j.fcallReadonly("add", List.of("counter"), List.of("1"))));
      byte[] dump = j.functionDump();
      out.add(j.functionFlush());
      out.add(j.functionRestore(dump));
      out.add(j.fcall("add", List.of("counter"), List.of("1")));
    }
    return out;
  }

  private static String error(Runnable r) {
    try {
      r.run();
      return "no error";
    } catch (JedisDataException e) {
      return e.getMessage();
    }
  }

  @Test
  void jedisRunsScriptsAndFunctionsAsOnRedis() {
    assertThat(jedisSteps(vigil.address())).isEqualTo(jedisSteps(redis.address()));
  }

  private static List<Object> lettuceSteps(InetSocketAddress server) {
    List<Object> out = new ArrayList<>();
    RedisClient client = RedisClient.create("redis://" + server.getHostString() + ":" + server.getPort());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> c = connection.sync();
      c.flushall();
      c.scriptFlush();
      c.functionFlush(io.lettuce.core.FlushMode.SYNC);
      out.add(c.eval("return {KEYS[1], ARGV[1], 3.7}", ScriptOutputType.MULTI, new String[] {"k"}, "v"));
      out.add(c.eval("return {err = 'not an error in a multi'} and 1", ScriptOutputType.INTEGER));
      String sha = c.scriptLoad("return redis.call('set', KEYS[1], ARGV[1])");
      out.add(c.evalsha(sha, ScriptOutputType.STATUS, new String[] {"key"}, "value"));
      out.add(c.get("key"));
      out.add(c.functionLoad(LIBRARY));
      out.add(c.fcall("add", ScriptOutputType.INTEGER, new String[] {"n"}, "9"));
      out.add(c.fcallReadOnly("read", ScriptOutputType.VALUE, new String[] {"n"}));
      try {
        c.eval("error('boom')", ScriptOutputType.STATUS);
        out.add("no error");
      } catch (io.lettuce.core.RedisCommandExecutionException e) {
        out.add(e.getMessage());
      }
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
    return out;
  }

  @Test
  void lettuceRunsScriptsAndFunctionsOverResp3AsOnRedis() {
    assertThat(lettuceSteps(vigil.address())).isEqualTo(lettuceSteps(redis.address()));
  }

  private static String redisPy(InetSocketAddress server) throws IOException, InterruptedException {
    Path script = Files.createTempFile("redis-py-scripts", ".py");
    try (InputStream in = ScriptingClientsTest.class.getResourceAsStream("/scripting/redis_py_scripts.py")) {
      Files.write(script, in.readAllBytes());
    }
    try {
      Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(server.getPort()))
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      return output;
    } finally {
      Files.delete(script);
    }
  }

  @Test
  void redisPyRunsScriptsAndFunctionsAsOnRedis() throws Exception {
    boolean available = Files.isExecutable(Path.of("/usr/bin/python3"))
        && new ProcessBuilder("/usr/bin/python3", "-c", "import redis").start().waitFor() == 0;
    if (!available && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("Debian's python3-redis is required in CI (apt-get install python3-redis)");
    }
    assumeThat(available).as("Debian's python3 with python3-redis").isTrue();
    String real = redisPy(redis.address());
    assertThat(real).contains("fcall after restore 6");
    assertThat(redisPy(vigil.address())).isEqualTo(real);
  }
}
