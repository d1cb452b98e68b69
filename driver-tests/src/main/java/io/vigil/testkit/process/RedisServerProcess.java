package io.vigil.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} (or {@code redis-sentinel}) process on an ephemeral loopback
 * port, in a directory of its own, for tests and benchmarks that compare against the real thing.
 *
 * <p>{@link Builder#start()} returns once the process answers {@code PING}. {@link #close()} kills it
 * and always runs, so a failing test leaves no process behind. Not thread-safe.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.builder().directive("appendonly", "yes").start()) {
 *   connect(redis.address());
 * }
 * }</pre>
 */
public final class RedisServerProcess implements AutoCloseable {

  private static final int START_ATTEMPTS = 5;

  private final Process process;
  private final int port;
  private final Path directory;
  private final Path logFile;
  private final Builder options;

  private RedisServerProcess(Process process, int port, Path directory, Path logFile, Builder options) {
    this.process = process;
    this.port = port;
    this.directory = directory;
    this.logFile = logFile;
    this.options = options;
  }

  /** A builder for a {@code redis-server}. */
  public static Builder builder() {
    return new Builder("redis-server");
  }

  /** A builder for a {@code redis-sentinel}; give it a config file with {@link Builder#configFile}. */
  public static Builder sentinelBuilder() {
    return new Builder("redis-sentinel");
  }

  /** The loopback port it listens on. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The address to connect to. */
  public InetSocketAddress address() {
    return new InetSocketAddress(host(), port);
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** The working directory (holds dump.rdb, the AOF and the log). */
  public Path directory() {
    return directory;
  }

  /** The server's log file. */
  public Path logFile() {
    return logFile;
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Sends SIGKILL and waits for the process to end. */
  public void kill() {
    process.destroyForcibly();
    waitFor(process, Duration.ofSeconds(10));
  }

  /** Sends SIGTERM (Redis saves if configured to, then exits) and waits. */
  public void stop() {
    process.destroy();
    if (!waitFor(process, Duration.ofSeconds(10))) {
      kill();
    }
  }

  /** Sends SIGSTOP: the process stays, but answers nothing until {@link #thaw()}. */
  public void freeze() {
    signal("STOP");
  }

  /** Sends SIGCONT after {@link #freeze()}. */
  public void thaw() {
    signal("CONT");
  }

  /**
   * Starts a new process on the same port and directory with the same options, for example to
   * check what survived a kill. The old process must be gone.
   */
  public RedisServerProcess restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("redis on port " + port + " is still running; kill() or stop() it first");
    }
    return options.launch(port, directory);
  }

  /** The log so far, for failure messages. */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      signal("CONT"); // a frozen process would ignore SIGTERM
      kill();
    }
  }

  @Override
  public String toString() {
    return options.binary + "[127.0.0.1:" + port + ", pid " + (process.isAlive() ? process.pid() : "gone") + "]";
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Options for a process; {@link #start()} may be called more than once. */
  public static final class Builder {
    private final String binary;
    private final List<String> directives = new ArrayList<>();
    private Path configFile;
    private Path directory;
    private Duration startTimeout = Duration.ofSeconds(15);

    private Builder(String binary) {
      this.binary = binary;
    }

    /** Adds {@code --name value...}, as on redis-server's command line. */
    public Builder directive(String name, String... values) {
      directives.add("--" + name);
      for (String v : values) {
        directives.add(v);
      }
      return this;
    }

    /** A config file given as the first argument (required for redis-sentinel, which rewrites it). */
    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    /** The working directory; default a new temporary directory. */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** How long to wait for PONG; default 15 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /**
     * Starts the process on a free loopback port and waits for PONG.
     *
     * @throws IllegalStateException when the binary is missing or the process does not come up
     *     (the message includes the end of its log)
     */
    public RedisServerProcess start() {
      Binaries.require(binary);
      Path dir = directory;
      try {
        if (dir == null) {
          dir = Files.createTempDirectory("vigil-" + binary + "-");
        } else {
          Files.createDirectories(dir);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      IllegalStateException last = null;
      for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        try {
          return launch(Ports.freeLoopbackPort(), dir);
        } catch (IllegalStateException e) {
          last = e; // most likely the probed port was taken meanwhile
        }
      }
      throw last;
    }

    private RedisServerProcess launch(int port, Path dir) {
      Path log = dir.resolve(binary + "-" + port + ".log");
      List<String> command = new ArrayList<>();
      command.add(Binaries.require(binary).toString());
      if (configFile != null) {
        command.add(configFile.toAbsolutePath().toString());
      }
      command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--dir", dir.toAbsolutePath().toString(), "--logfile", log.toAbsolutePath().toString(),
          "--daemonize", "no"));
      if (!binary.equals("redis-sentinel")) {
        // No snapshots by default, and full syncs start at once: Redis 7 otherwise waits 5 s
        // (repl-diskless-sync-delay) for more replicas, longer than many failover tests run.
        command.addAll(List.of("--save", "", "--appendonly", "no", "--repl-diskless-sync-delay", "0"));
      }
      command.addAll(directives);
      Process process;
      try {
        process = new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(binary + "-" + port + ".out").toFile())
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + command, e);
      }
      RedisServerProcess server = new RedisServerProcess(process, port, dir, log, this);
      long deadline = System.nanoTime() + startTimeout.toNanos();
      long backoffNanos = TimeUnit.MILLISECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(binary + " on port " + port + " exited with "
              + process.exitValue() + ": " + tail(server.log()));
        }
        if (answersPing(port)) {
          return server;
        }
        LockSupport.parkNanos(backoffNanos);
        backoffNanos = Math.min(backoffNanos * 2, TimeUnit.MILLISECONDS.toNanos(100));
      }
      server.close();
      throw new IllegalStateException(binary + " on port " + port + " did not answer PING within "
          + startTimeout + ": " + tail(server.log()));
    }

    private static boolean answersPing(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        socket.setSoTimeout(500);
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[64];
        int n = in.read(buf);
        return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
      } catch (IOException e) {
        return false;
      }
    }

    private static String tail(String log) {
      return log.length() <= 2000 ? log : log.substring(log.length() - 2000);
    }
  }
}
