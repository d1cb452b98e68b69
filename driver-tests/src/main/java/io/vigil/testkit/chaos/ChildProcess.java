package io.vigil.testkit.chaos;

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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One child process of a topology (a real {@code redis-server}/{@code redis-sentinel} or a
 * Java server/sentinel JVM) listening on a port chosen before it starts, so that it keeps its
 * address across restarts.
 *
 * <p>Every live child is also known to a JVM shutdown hook that SIGKILLs it, the last resort
 * when a test JVM exits without closing its topology. Not thread-safe; {@link Node} serializes.
 */
final class ChildProcess {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Thread reaper = new Thread(() -> LIVE.forEach(Process::destroyForcibly), "vigil-topology-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  private final Process process;
  private final int port;
  private final Path log;

  private ChildProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Runs {@code command} in {@code directory} and waits until 127.0.0.1:{@code port} answers
   * PING with PONG.
   *
   * @throws IllegalStateException when it exits or does not answer within {@code timeout}; the
   *     message carries the end of its output and log
   */
  static ChildProcess start(String name, List<String> command, Path directory, int port, Path log, Duration timeout) {
    Path out = directory.resolve(name + ".out");
    Process process;
    try {
      process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
    LIVE.add(process);
    ChildProcess child = new ChildProcess(process, port, log);
    long deadline = System.nanoTime() + timeout.toNanos();
    long backoff = TimeUnit.MILLISECONDS.toNanos(5);
    while (true) {
      if (!process.isAlive()) {
        LIVE.remove(process);
        throw new IllegalStateException(name + " (" + command.get(0) + ") on port " + port + " exited with "
            + process.exitValue() + ": " + tail(out) + tail(log));
      }
      if (answersPing(port)) {
        return child;
      }
      if (System.nanoTime() > deadline) {
        child.kill();
        throw new IllegalStateException(name + " on port " + port + " did not answer PING within " + timeout
            + ": " + tail(out) + tail(log));
      }
      LockSupport.parkNanos(backoff);
      backoff = Math.min(backoff * 2, TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits for the process to end. */
  void kill() {
    process.destroyForcibly();
    await(Duration.ofSeconds(10));
    LIVE.remove(process);
  }

  /** SIGTERM (Redis flushes its AOF and exits), falling back to SIGKILL after 10 s. */
  void stop() {
    signal("CONT"); // a stopped process would not act on SIGTERM
    process.destroy();
    if (!await(Duration.ofSeconds(10))) {
      kill();
    }
    LIVE.remove(process);
  }

  void freeze() {
    signal("STOP");
  }

  void thaw() {
    signal("CONT");
  }

  int port() {
    return port;
  }

  private boolean await(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void signal(String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill -" + signal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + signal, e);
    }
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

  private static String tail(Path file) {
    try {
      if (file == null || !Files.exists(file)) {
        return "";
      }
      String text = Files.readString(file);
      return "\n" + (text.length() <= 1500 ? text : text.substring(text.length() - 1500));
    } catch (IOException e) {
      return "";
    }
  }
}
