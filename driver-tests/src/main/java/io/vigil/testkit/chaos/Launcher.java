package io.vigil.testkit.chaos;

import io.vigil.testkit.process.Binaries;
import io.vigil.testkit.sentinel.VigilSentinel;
import io.vigil.testkit.sentinel.monitor.SentinelTimings;
import io.vigil.testkit.server.ServerMain;
import io.vigil.testkit.server.VigilServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts one incarnation of a node from its config file, by kind. */
final class Launcher {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private Launcher() {}

  static Instance launch(String name, NodeKind kind, boolean sentinel, int port, Path directory, Path config) {
    switch (kind) {
      case REAL: {
        String binary = sentinel ? "redis-sentinel" : "redis-server";
        List<String> command = List.of(Binaries.require(binary).toString(), config.toString());
        return new ProcessInstance(ChildProcess.start(name, command, directory, port, logOf(directory, name), START_TIMEOUT));
      }
      case JAVA_PROCESS: {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), config.toString()));
        if (sentinel) {
          command.addAll(List.of("--sentinel", "--vigil-fast-timings", "yes"));
        }
        return new ProcessInstance(ChildProcess.start(name, command, directory, port, logOf(directory, name), START_TIMEOUT));
      }
      case JAVA:
        if (sentinel) {
          return new JavaSentinelInstance(VigilSentinel.builder().configFile(config).timings(SentinelTimings.FAST).start());
        }
        return new JavaServerInstance(VigilServer.builder().configFile(config).start());
      default:
        throw new IllegalArgumentException("unknown node kind " + kind);
    }
  }

  static Path logOf(Path directory, String name) {
    return directory.resolve(name + ".log");
  }
}
