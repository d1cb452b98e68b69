package io.vigil.testkit.server.network;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The server log in Redis's format ({@code pid:M 22 Nov 2026 00:18:06.123 * message}), written
 * to standard output or to the {@code logfile}.
 *
 * <p>Thread-safe. Levels follow Redis: debug {@code .}, verbose {@code -}, notice {@code *},
 * warning {@code #}.
 */
public final class ServerLog {

  /** Redis's log levels, least to most severe. */
  public enum Level {
    DEBUG('.'), VERBOSE('-'), NOTICE('*'), WARNING('#');

    private final char mark;

    Level(char mark) {
      this.mark = mark;
    }

    /** Parses {@code loglevel} values; null when unknown. */
    public static Level parse(String text) {
      for (Level l : values()) {
        if (l.name().equalsIgnoreCase(text)) {
          return l;
        }
      }
      return null;
    }
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

  private final long pid = ProcessHandle.current().pid();
  private final char role;
  private volatile PrintStream out;
  private volatile Level level = Level.NOTICE;
  private volatile boolean quiet;

  /** A log to standard output; {@code role} is {@code M} for a master, {@code X} for a sentinel. */
  public ServerLog(char role) {
    this.role = role;
    this.out = System.out;
  }

  /** Writes to {@code file} (appending), or to standard output when empty. */
  public synchronized void file(String file) throws IOException {
    if (file == null || file.isEmpty()) {
      out = System.out;
    } else {
      out = new PrintStream(new FileOutputStream(file, true), true, StandardCharsets.UTF_8);
    }
  }

  /** Sets the least severe level written. */
  public void level(Level level) {
    this.level = level;
  }

  /** Silences everything (embedded servers in tests). */
  public void quiet(boolean quiet) {
    this.quiet = quiet;
  }

  /** Logs at {@code level}. */
  public void log(Level at, String message) {
    if (quiet || at.ordinal() < level.ordinal()) {
      return;
    }
    out.println(pid + ":" + role + " " + TIME.format(Instant.now()) + " " + at.mark + " " + message);
  }

  /** Logs at notice level. */
  public void notice(String message) {
    log(Level.NOTICE, message);
  }

  /** Logs at warning level. */
  public void warning(String message) {
    log(Level.WARNING, message);
  }

  /** Logs at verbose level. */
  public void verbose(String message) {
    log(Level.VERBOSE, message);
  }
}
