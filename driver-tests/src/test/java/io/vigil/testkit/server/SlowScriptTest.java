package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scripts that run past {@code busy-reply-threshold}, on the Java server beside a real
 * redis-server: other clients get BUSY (and what BUSY allows still runs), SCRIPT KILL and
 * FUNCTION KILL stop what they may stop with Redis's texts, a script that wrote cannot be
 * killed, and the scripting fields of INFO come in Redis's order.
 */
class SlowScriptTest {

  private static final String SPIN = "local i = 0 while true do i = i + 1 end";
  private static RedisServerProcess redis;
  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().directive("busy-reply-threshold", "100").start();
    vigil = VigilServer.builder().directive("lua-time-limit", "100").start();
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

  /** Sends {@code script} on {@code runner}, waits until another client is told BUSY, runs {@code then}. */
  private static List<RespValue> whileBusy(InetSocketAddress server, String[] script, String[]... then) {
    List<RespValue> out = new ArrayList<>();
    try (RespTestClient runner = new RespTestClient(server); RespTestClient other = new RespTestClient(server)) {
      runner.send(script);
      long deadline = System.nanoTime() + 10_000_000_000L;
      RespValue ping;
      do {
        ping = other.call("PING");
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no BUSY within 10 s: " + ping);
        }
        if (!(ping instanceof RespError)) {
          LockSupport.parkNanos(5_000_000); // the script has not reached the threshold yet
        }
      } while (!(ping instanceof RespError));
      out.add(ping);
      for (String[] command : then) {
        out.add(other.call(command));
      }
      out.add(runner.read());
      out.add(other.call("PING"));
    }
    return out;
  }

  private static void sameOnBoth(String[] script, String[]... then) {
    List<RespValue> real = whileBusy(redis.address(), script, then);
    List<RespValue> java = whileBusy(vigil.address(), script, then);
    assertThat(java).isEqualTo(real);
  }

  @Test
  void slowScriptIsKilledBySCRIPTKILL() {
    sameOnBoth(new String[] {"EVAL", SPIN, "0"}, new String[] {"FUNCTION", "KILL"},
        new String[] {"GET", "x"}, new String[] {"MULTI"}, new String[] {"DISCARD"},
        new String[] {"SCRIPT", "KILL"});
  }

  @Test
  void scriptThatWroteCannotBeKilledButShutdownRules() {
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      c.send("EVAL", "redis.call('set', 'w', '1') " + SPIN, "0");
      try (RespTestClient other = new RespTestClient(vigil.address())) {
        RespValue r;
        do {
          r = other.call("SCRIPT", "KILL");
        } while (r instanceof RespError e && e.message().startsWith("NOTBUSY"));
        assertThat(((RespError) r).message()).startsWith("UNKILLABLE Sorry the script already executed write commands");
        assertThat(((RespError) other.call("SHUTDOWN")).message())
            .isEqualTo("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.");
        other.send("SHUTDOWN", "NOSAVE");
        assertThat(other.closedByServer()).isTrue();
      }
    }
    try (RespTestClient c = new RespTestClient(redis.address())) {
      c.send("EVAL", "redis.call('set', 'w', '1') " + SPIN, "0");
      try (RespTestClient other = new RespTestClient(redis.address())) {
        RespValue r;
        do {
          r = other.call("SCRIPT", "KILL");
        } while (r instanceof RespError e && e.message().startsWith("NOTBUSY"));
        assertThat(((RespError) r).message()).startsWith("UNKILLABLE Sorry the script already executed write commands");
        other.send("SHUTDOWN", "NOSAVE");
        assertThat(other.closedByServer()).isTrue();
      }
    }
    // the only way out of an unkillable script is SHUTDOWN NOSAVE, which both took: start again
    io.vigil.testkit.Await.until("redis-server to exit", java.time.Duration.ofSeconds(10), () -> !redis.isAlive());
    io.vigil.testkit.Await.until("the Java server to stop", java.time.Duration.ofSeconds(10), vigil::isStopped);
    redis.close();
    vigil.close();
    start();
  }

  @Test
  void slowFunctionIsKilledByFUNCTIONKILL() {
    String lib = "#!lua name=spin\nredis.register_function{function_name='spin', callback=function() " + SPIN
        + " end, flags={'no-writes'}}";
    for (InetSocketAddress server : List.of(redis.address(), vigil.address())) {
      try (RespTestClient c = new RespTestClient(server)) {
        c.call("FUNCTION", "LOAD", "REPLACE", lib);
      }
    }
    sameOnBoth(new String[] {"FCALL", "spin", "0"}, new String[] {"SCRIPT", "KILL"},
        new String[] {"FUNCTION", "KILL"});
  }

  @Test
  void infoListsTheScriptingFieldsInRedisOrder() {
    List<List<String>> names = new ArrayList<>();
    for (InetSocketAddress server : List.of(redis.address(), vigil.address())) {
      try (RespTestClient c = new RespTestClient(server)) {
        c.call("SCRIPT", "LOAD", "return 'info'");
        String info = ((io.vigil.resp.RespBulkString) c.call("INFO", "memory")).asString();
        List<String> fields = new ArrayList<>();
        for (String line : info.split("\r\n")) {
          String name = line.split(":")[0];
          if (name.contains("lua") || name.contains("script") || name.contains("function") || name.contains("_vm_")
              || name.equals("number_of_libraries")) {
            fields.add(name + (name.startsWith("number_of_cached") ? "=" + line.split(":")[1] : ""));
          }
        }
        names.add(fields);
      }
    }
    assertThat(names.get(1)).isEqualTo(names.get(0)).contains("number_of_cached_scripts=1");
  }
}
