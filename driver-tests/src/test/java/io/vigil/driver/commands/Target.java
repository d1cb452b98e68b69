package io.vigil.driver.commands;

import io.vigil.driver.VigilClient;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.server.VigilServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A server and protocol the command-family tests run against: real {@code redis-server} 7.0.15 and
 * the kit's Java server, each over RESP2 and RESP3. The servers start once per test JVM and are
 * shared by every family test (each test empties the database first), so the families add
 * scenarios, not servers.
 *
 * <p>A family test is parameterized over {@link #all()}; where the Java server lacks a command, the
 * test states it with {@link #lacks} instead of skipping: the expectation then is the server's
 * "unknown command" error, so the test fails — and must be updated — the day the server gains it.
 */
public enum Target {
  REAL_RESP2(true, RespVersion.RESP2),
  REAL_RESP3(true, RespVersion.RESP3),
  JAVA_RESP2(false, RespVersion.RESP2),
  JAVA_RESP3(false, RespVersion.RESP3);

  private final boolean real;
  private final RespVersion protocol;
  private VigilClient client;

  Target(boolean real, RespVersion protocol) {
    this.real = real;
    this.protocol = protocol;
  }

  /** Every target, for {@code @MethodSource("io.vigil.driver.commands.Target#all")}. */
  public static Stream<Target> all() {
    return Stream.of(values());
  }

  /** Whether this is real Redis. */
  public boolean isReal() {
    return real;
  }

  /** The protocol the client speaks. */
  public RespVersion protocol() {
    return protocol;
  }

  /**
   * Whether the Java server is known to lack {@code command} (lower case, as in {@code COMMAND}):
   * true only for the Java targets and commands in {@code gaps}.
   */
  public boolean lacks(String command, Set<String> gaps) {
    return !real && gaps.contains(command.toLowerCase(Locale.ROOT));
  }

  /** A client of this target's server with an empty database. */
  public synchronized VigilClient client() {
    if (client == null) {
      client = VigilClient.builder().node("127.0.0.1", port()).protocol(protocol)
          .commandTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(5)).build();
      VigilClient built = client;
      Runtime.getRuntime().addShutdownHook(new Thread(built::close));
    }
    client.execute("FLUSHALL");
    return client;
  }

  private int port() {
    return real ? Servers.real().port() : Servers.java().address().getPort();
  }

  @Override
  public String toString() {
    return (real ? "redis-server" : "Java server") + " over " + protocol;
  }

  /** The two servers, started on first use and stopped when the test JVM exits. */
  private static final class Servers {
    private static RedisServerProcess real;
    private static VigilServer java;

    static synchronized RedisServerProcess real() {
      if (real == null) {
        RealRedis.requireServer();
        real = RedisServerProcess.builder().directive("enable-debug-command", "yes").start();
        RedisServerProcess started = real;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      }
      return real;
    }

    static synchronized VigilServer java() {
      if (java == null) {
        // SAVE and BGSAVE write into "dir": a directory of its own, as redis-server's has
        java = VigilServer.builder().directive("enable-debug-command", "yes")
            .directive("dir", temporaryDirectory().toString()).start();
        VigilServer started = java;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      }
      return java;
    }

    private static Path temporaryDirectory() {
      try {
        return Files.createTempDirectory("vigil-commands-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
