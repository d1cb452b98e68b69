package io.vigil.testkit.server;

import io.vigil.testkit.server.config.ConfigException;
import io.vigil.testkit.server.config.ServerConfig;
import io.vigil.testkit.server.replication.ReplicationFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar vigil-server.jar [redis.conf] [--port 7000 ...]}: runs the server in the
 * foreground like {@code redis-server}, until SIGTERM/SIGINT or {@code SHUTDOWN}.
 *
 * <p>With {@code --sentinel} it runs the Java Sentinel instead, as {@code redis-server --sentinel}.
 */
public final class ServerMain {

  private ServerMain() {}

  /** Entry point; exits 1 on a bad configuration, as redis-server does. */
  public static void main(String[] argv) throws InterruptedException {
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      // A standalone server does not pay for leak sampling; tests run embedded, with it on.
      System.setProperty("io.netty.leakDetection.level", "disabled");
    }
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    if (args.contains("-v") || args.contains("--version")) {
      System.out.println("Redis server v=7.0.15 sha=00000000:0 malloc=jvm bits=64 build=vigil");
      return;
    }
    if (args.contains("-h") || args.contains("--help")) {
      System.out.println("Usage: java -jar vigil-server.jar [/path/to/redis.conf] [options] [-]\n"
          + "       java -jar vigil-server.jar --port 7777\n"
          + "       java -jar vigil-server.jar /etc/redis/6379.conf --loglevel verbose\n"
          + "       java -jar vigil-server.jar /etc/sentinel.conf --sentinel");
      return;
    }
    if (args.remove("--sentinel")) {
      io.vigil.testkit.sentinel.SentinelMain.run(args);
      return;
    }
    Path file = null;
    if (!args.isEmpty() && !args.get(0).startsWith("--")) {
      file = Path.of(args.remove(0));
      if (!Files.isReadable(file)) {
        System.err.println("Fatal error, can't open config file '" + file + "': No such file or directory");
        System.exit(1);
      }
    }
    ServerConfig config;
    try {
      config = ServerConfig.load(file, args);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    VigilServer server;
    try {
      server = VigilServer.start(config, Clock.systemUTC(), ReplicationFeed.NONE, false);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    String pidfile = config.get("pidfile");
    writePid(pidfile);
    // SIGTERM/SIGINT stop the server and exit 0, as redis-server does; the shutdown hook covers
    // JVMs without the signal API.
    Runnable stop = () -> {
      server.shutdownOnSignal("SIGTERM");
      deletePid(pidfile);
    };
    try {
      for (String signal : List.of("TERM", "INT")) {
        sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stop.run());
      }
    } catch (Throwable unsupported) {
      // fall back to the shutdown hook alone
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "vigil-server-sigterm"));
    while (!server.awaitStop(1, TimeUnit.HOURS)) {
      // keep running
    }
    deletePid(pidfile);
    System.exit(0);
  }

  private static void writePid(String pidfile) {
    if (pidfile == null || pidfile.isEmpty()) {
      return;
    }
    try {
      Files.writeString(Path.of(pidfile), ProcessHandle.current().pid() + "\n");
    } catch (Exception e) {
      System.err.println("Failed to write PID file: " + e.getMessage());
    }
  }

  private static void deletePid(String pidfile) {
    if (pidfile != null && !pidfile.isEmpty()) {
      try {
        Files.deleteIfExists(Path.of(pidfile));
      } catch (Exception e) {
        // best effort, as Redis
      }
    }
  }
}
