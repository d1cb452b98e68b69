package io.vigil.testkit.sentinel;

import io.vigil.testkit.sentinel.config.SentinelConfig;
import io.vigil.testkit.sentinel.config.SentinelConfigException;
import io.vigil.testkit.sentinel.config.SentinelConfigParser;
import io.vigil.testkit.sentinel.monitor.SentinelTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar vigil-server.jar sentinel.conf --sentinel [--port 26379 ...]}: runs a
 * sentinel in the foreground, as {@code redis-sentinel} (or {@code redis-server --sentinel})
 * does, until SIGTERM or {@code SHUTDOWN}. The config file is rewritten as the sentinel learns
 * replicas, sentinels and epochs. {@code --vigil-fast-timings yes} polls eagerly during
 * failovers (see {@link SentinelTimings#FAST}).
 */
public final class SentinelMain {

  private SentinelMain() {}

  /** Runs a sentinel with redis-server style arguments ({@code --sentinel} already removed). */
  public static void run(List<String> argv) throws InterruptedException {
    List<String> args = new ArrayList<>(argv);
    Path file = null;
    if (!args.isEmpty() && !args.get(0).startsWith("--")) {
      file = Path.of(args.remove(0));
      if (!Files.isReadable(file)) {
        System.err.println("Fatal error, can't open config file '" + file + "': No such file or directory");
        System.exit(1);
      }
      if (!Files.isWritable(file)) {
        System.err.println("Sentinel config file " + file + " is not writable: Permission denied. Exiting...");
        System.exit(1);
      }
    }
    SentinelTimings timings = SentinelTimings.REDIS;
    List<String> lines = new ArrayList<>();
    StringBuilder line = null;
    for (String a : args) {
      if (a.startsWith("--")) {
        if (line != null) {
          lines.add(line.toString());
        }
        line = new StringBuilder(a.substring(2));
      } else if (line != null) {
        line.append(' ').append(quote(a));
      }
    }
    if (line != null) {
      lines.add(line.toString());
    }
    if (lines.removeIf(l -> l.equals("vigil-fast-timings yes"))) {
      timings = SentinelTimings.FAST;
    }
    SentinelConfig config;
    try {
      if (file != null) {
        config = SentinelConfigParser.parse(file);
        SentinelConfigParser.apply(config, "command line", lines);
      } else {
        System.err.println("WARNING: Sentinel started without a config file: its state will not survive a restart.");
        config = SentinelConfigParser.parse("command line", String.join("\n", lines));
      }
    } catch (SentinelConfigException e) {
      System.err.println("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***");
      System.err.println("Reading the configuration file " + e.file() + ", at line " + e.lineNumber());
      System.err.println(e.reason());
      System.exit(1);
      return;
    }
    VigilSentinel sentinel;
    try {
      sentinel = VigilSentinel.start(config, timings, false);
    } catch (RuntimeException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(sentinel::close, "vigil-sentinel-sigterm"));
    while (!sentinel.awaitStop(1, TimeUnit.HOURS)) {
      // keep running
    }
    System.exit(0);
  }

  private static String quote(String arg) {
    if (!arg.isEmpty() && arg.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\'' || c == '\\')) {
      return arg;
    }
    return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
