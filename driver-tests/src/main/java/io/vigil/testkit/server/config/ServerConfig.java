package io.vigil.testkit.server.config;

import io.vigil.testkit.server.pubsub.GlobMatcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The server's configuration: every directive Redis 7.0.15 knows, with Redis's defaults, as
 * text values exactly as {@code CONFIG GET} reports them.
 *
 * <p>Values are validated by the type their default implies (yes/no, integer with memory
 * units, enumeration, or free text), and by range where Redis checks one. Aliases ({@code
 * slaveof}/{@code replicaof}, {@code *-ziplist-*}/{@code *-listpack-*}) stay in step. A change
 * listener lets the server apply {@code CONFIG SET} live. Not thread-safe: the server thread
 * owns it after start.
 */
public final class ServerConfig {

  private static final Map<String, String> DEFAULTS = loadDefaults();

  /** Directives that CONFIG SET refuses, as Redis does. */
  private static final Set<String> IMMUTABLE = Set.of("daemonize", "databases", "logfile",
      "pidfile", "unixsocket", "unixsocketperm", "supervised", "io-threads", "cluster-enabled",
      "cluster-config-file", "aof-rewrite-incremental-fsync", "syslog-enabled", "syslog-ident",
      "syslog-facility", "set-proc-title", "enable-debug-command", "enable-module-command",
      "enable-protected-configs", "io-threads-do-reads", "appenddirname", "disable-thp");

  private static final Map<String, List<String>> ENUMS = Map.of(
      "loglevel", List.of("debug", "verbose", "notice", "warning"),
      "appendfsync", List.of("everysec", "always", "no"),
      "maxmemory-policy", List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
          "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"),
      "repl-diskless-load", List.of("disabled", "on-empty-db", "swapdb"),
      "supervised", List.of("upstart", "systemd", "auto", "no"));

  private final TreeMap<String, String> values = new TreeMap<>(DEFAULTS);
  private Path file;
  private BiConsumer<String, String> listener = (name, value) -> {};

  /** Redis's defaults. */
  public static ServerConfig defaults() {
    return new ServerConfig();
  }

  /**
   * Loads {@code file} (may be null) and then the {@code --directive value} arguments, as
   * redis-server does.
   *
   * @throws ConfigException with Redis's fatal report naming the file and line
   */
  public static ServerConfig load(Path file, List<String> arguments) throws ConfigException {
    ServerConfig config = new ServerConfig();
    if (file != null) {
      config.file = file.toAbsolutePath();
      List<String> lines;
      try {
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException("Fatal error, can't open config file '" + file + "': " + e.getMessage());
      }
      config.loadLines(lines, "the configuration file '" + file + "'", new boolean[1]);
    }
    if (!arguments.isEmpty()) {
      config.loadLines(argumentLines(arguments), "the command line arguments", new boolean[1]);
    }
    return config;
  }

  /** Turns {@code --port 7000 --save ""} into config lines, one per directive. */
  static List<String> argumentLines(List<String> arguments) {
    List<String> lines = new ArrayList<>();
    StringBuilder cur = null;
    for (String arg : arguments) {
      if (arg.startsWith("--") && arg.length() > 2) {
        if (cur != null) {
          lines.add(cur.toString());
        }
        cur = new StringBuilder(arg.substring(2));
      } else {
        if (cur == null) {
          cur = new StringBuilder();
        }
        if (cur.length() > 0) {
          cur.append(' ');
        }
        cur.append(ArgSplitter.quote(arg));
      }
    }
    if (cur != null) {
      lines.add(cur.toString());
    }
    return lines;
  }

  private void loadLines(List<String> lines, String source, boolean[] saveSeen) throws ConfigException {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> args = ArgSplitter.split(line);
      String error;
      if (args == null) {
        error = "Unbalanced quotes in configuration line";
      } else if (args.isEmpty()) {
        continue;
      } else {
        args = splitSingleArgument(args);
        error = args == null ? "Unbalanced quotes in configuration line" : applyDirective(args, saveSeen);
      }
      if (error != null) {
        throw new ConfigException("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
            + "Reading " + source + ", at line " + (i + 1) + "\n"
            + ">>> '" + line + "'\n" + error);
      }
    }
  }

  /** Directives that take several arguments, which Redis also accepts as one quoted argument. */
  private static final Set<String> MULTI_ARGUMENT = Set.of(
      "save", "bind", "replicaof", "slaveof", "client-output-buffer-limit", "oom-score-adj-values");

  /**
   * {@code replicaof "10.0.0.1 6380"} and {@code --save "900 1"}: a multi-argument directive given
   * one non-empty argument has it split again, as Redis 7.0 does (so {@code --save ""} stays empty).
   */
  private static List<String> splitSingleArgument(List<String> args) {
    if (args.size() != 2 || args.get(1).isEmpty() || !MULTI_ARGUMENT.contains(args.get(0).toLowerCase(Locale.ROOT))) {
      return args;
    }
    List<String> inner = ArgSplitter.split(args.get(1));
    if (inner == null) {
      return null;
    }
    List<String> out = new ArrayList<>(inner.size() + 1);
    out.add(args.get(0));
    out.addAll(inner);
    return out;
  }

  /** Applies one directive line; returns an error text or null. */
  private String applyDirective(List<String> args, boolean[] saveSeen) {
    String name = args.get(0).toLowerCase(Locale.ROOT);
    List<String> rest = args.subList(1, args.size());
    switch (name) {
      case "include":
        if (rest.size() != 1) {
          return "Bad directive or wrong number of arguments";
        }
        try {
          List<String> lines = Files.readAllLines(Path.of(rest.get(0)), StandardCharsets.UTF_8);
          loadLines(lines, "the included file '" + rest.get(0) + "'", saveSeen);
          return null;
        } catch (IOException e) {
          return "Can't open included file '" + rest.get(0) + "': " + e.getMessage();
        } catch (ConfigException e) {
          return e.getMessage();
        }
      case "rename-command":
      case "user":
        warnings.add("The '" + name + "' directive is not supported by this server and was ignored");
        return null;
      case "loadmodule":
        return "Modules are not supported by this server";
      case "sentinel":
        return "sentinel directive while not in sentinel mode";
      case "save":
        if (!saveSeen[0]) {
          saveSeen[0] = true;
          values.put("save", "");
        }
        if (rest.size() == 1 && rest.get(0).isEmpty()) {
          values.put("save", "");
          return null;
        }
        if (rest.size() % 2 != 0 || rest.isEmpty()) {
          return "Invalid save parameters";
        }
        for (String s : rest) {
          if (!s.matches("\\d+")) {
            return "Invalid save parameters";
          }
        }
        String prev = values.get("save");
        values.put("save", (prev.isEmpty() ? "" : prev + " ") + String.join(" ", rest));
        return null;
      case "daemonize":
        if (rest.size() == 1 && rest.get(0).equalsIgnoreCase("yes")) {
          // kept (CONFIG GET and REWRITE show it) but not acted on
          warnings.add("daemonize yes is ignored: this server always runs in the foreground");
        }
        break;
      default:
        break;
    }
    if (!DEFAULTS.containsKey(name)) {
      return "Bad directive or wrong number of arguments";
    }
    return setValue(name, rest, true);
  }

  private final List<String> warnings = new ArrayList<>();

  /** Warnings collected while loading (ignored directives), to log at start-up. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * CONFIG SET of one directive; returns null when applied, or the reason it was refused
   * ({@code "can't set immutable config"}, {@code "argument couldn't be parsed into an
   * integer"}...). Unknown names return {@code "unknown"}.
   */
  public String set(String name, String value) {
    name = name.toLowerCase(Locale.ROOT);
    if (!DEFAULTS.containsKey(name)) {
      return "unknown";
    }
    if (IMMUTABLE.contains(name)) {
      return "can't set immutable config";
    }
    List<String> args = name.equals("save") || name.equals("bind") || name.equals("replicaof")
        || name.equals("slaveof") || name.equals("client-output-buffer-limit")
        ? splitWords(value) : List.of(value);
    if (name.equals("save") && value.isBlank()) {
      args = List.of("");
    }
    return setValue(name, args, false);
  }

  private static List<String> splitWords(String value) {
    List<String> out = new ArrayList<>();
    for (String w : value.trim().split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out.isEmpty() ? List.of("") : out;
  }

  private String setValue(String name, List<String> args, boolean startup) {
    String def = DEFAULTS.get(name);
    String value;
    switch (name) {
      case "save":
        if (args.size() == 1 && args.get(0).isEmpty()) {
          value = "";
          break;
        }
        if (args.size() % 2 != 0) {
          return "Invalid save parameters";
        }
        for (String s : args) {
          if (!s.matches("\\d+")) {
            return "Invalid save parameters";
          }
        }
        value = String.join(" ", args);
        break;
      case "bind":
        value = String.join(" ", args);
        break;
      case "replicaof":
      case "slaveof":
        if (args.size() != 2) {
          return "Bad directive or wrong number of arguments";
        }
        if (args.get(0).equalsIgnoreCase("no") && args.get(1).equalsIgnoreCase("one")) {
          value = "";
          break;
        }
        if (!args.get(1).matches("\\d{1,5}") || Integer.parseInt(args.get(1)) > 65535) {
          return "Invalid master port";
        }
        value = args.get(0) + " " + args.get(1);
        break;
      case "notify-keyspace-events": {
        String v = String.join("", args);
        for (char ch : v.toCharArray()) {
          if ("Ag$lshzxeKEtmdn".indexOf(ch) < 0) {
            return "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
          }
        }
        value = normalizeEvents(v);
        break;
      }
      case "client-output-buffer-limit": {
        String merged = mergeOutputLimits(values.get(name), args);
        if (merged == null) {
          return "Wrong number of arguments in buffer limit configuration.";
        }
        value = merged;
        break;
      }
      case "oom-score-adj-values":
        value = String.join(" ", args);
        break;
      default: {
        if (args.size() != 1) {
          return "Bad directive or wrong number of arguments";
        }
        String v = args.get(0);
        if (def.equals("yes") || def.equals("no")) {
          if (!v.equalsIgnoreCase("yes") && !v.equalsIgnoreCase("no")) {
            return "argument must be 'yes' or 'no'";
          }
          value = v.toLowerCase(Locale.ROOT);
        } else if (ENUMS.containsKey(name)) {
          if (!ENUMS.get(name).contains(v.toLowerCase(Locale.ROOT))) {
            return "argument(s) must be one of the following: " + String.join(", ", ENUMS.get(name));
          }
          value = v.toLowerCase(Locale.ROOT);
        } else if (def.matches("-?\\d+")) {
          Long parsed = parseMemory(v);
          if (parsed == null) {
            return "argument couldn't be parsed into an integer";
          }
          String range = checkRange(name, parsed);
          if (range != null) {
            return range;
          }
          value = Long.toString(parsed);
        } else {
          value = v;
        }
      }
    }
    values.put(name, value);
    String alias = alias(name);
    if (alias != null && DEFAULTS.containsKey(alias)) {
      values.put(alias, value);
    }
    if (!startup) {
      listener.accept(name, value);
    }
    return null;
  }

  /**
   * Merges {@code class hard soft seconds} groups into the current value, as Redis does for each
   * {@code client-output-buffer-limit} line; null when malformed.
   */
  private static String mergeOutputLimits(String current, List<String> args) {
    List<String> words = new ArrayList<>();
    for (String a : args) {
      for (String w : a.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    if (words.isEmpty() || words.size() % 4 != 0) {
      return null;
    }
    Map<String, String[]> limits = new LinkedHashMap<>();
    String[] cur = current.trim().split("\\s+");
    for (int i = 0; i + 3 < cur.length; i += 4) {
      limits.put(cur[i], new String[] {cur[i + 1], cur[i + 2], cur[i + 3]});
    }
    for (int i = 0; i < words.size(); i += 4) {
      String cls = words.get(i).toLowerCase(Locale.ROOT);
      if (cls.equals("replica")) {
        cls = "slave";
      }
      if (!limits.containsKey(cls)) {
        return null;
      }
      Long hard = parseMemory(words.get(i + 1));
      Long soft = parseMemory(words.get(i + 2));
      Long seconds = parseMemory(words.get(i + 3));
      if (hard == null || soft == null || seconds == null || hard < 0 || soft < 0 || seconds < 0) {
        return null;
      }
      limits.put(cls, new String[] {hard.toString(), soft.toString(), seconds.toString()});
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String[]> e : limits.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append(' ').append(String.join(" ", e.getValue()));
    }
    return sb.toString();
  }

  /** Redis's {@code keyspaceEventsFlagsToString}: the canonical spelling of event classes. */
  private static String normalizeEvents(String v) {
    String all = "g$lshzxetd";
    boolean everything = v.indexOf('A') >= 0;
    if (!everything) {
      everything = true;
      for (char ch : all.toCharArray()) {
        everything &= v.indexOf(ch) >= 0;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (everything) {
      sb.append('A');
    } else {
      for (char ch : all.toCharArray()) {
        if (v.indexOf(ch) >= 0) {
          sb.append(ch);
        }
      }
    }
    if (v.indexOf('n') >= 0) {
      sb.append('n');
    }
    for (char ch : "KEm".toCharArray()) {
      if (v.indexOf(ch) >= 0) {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static String checkRange(String name, long v) {
    switch (name) {
      case "port":
      case "tls-port":
        return v < 0 || v > 65535 ? "argument must be between 0 and 65535 inclusive" : null;
      case "databases":
      case "maxclients":
        return v < 1 ? "argument must be between 1 and " + Integer.MAX_VALUE + " inclusive" : null;
      case "hz":
        return v < 0 ? "argument must be between 0 and " + Integer.MAX_VALUE + " inclusive" : null;
      case "repl-backlog-size":
        return v < 1 ? "argument must be between 1 and " + Long.MAX_VALUE + " inclusive" : null;
      case "proto-max-bulk-len":
        return v < 1024 * 1024 ? "argument must be between 1048576 and " + Long.MAX_VALUE + " inclusive" : null;
      default:
        return null;
    }
  }

  /** Parses an integer with an optional memory unit (k, kb, m, mb, g, gb); null when invalid. */
  public static Long parseMemory(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    long mul = 1;
    String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
        {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}};
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        mul = Long.parseLong(u[1]);
        s = s.substring(0, s.length() - u[0].length());
        break;
      }
    }
    if (!s.matches("-?\\d{1,19}")) {
      return null;
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), mul);
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  private static String alias(String name) {
    if (name.equals("lua-time-limit")) {
      return "busy-reply-threshold";
    }
    if (name.equals("busy-reply-threshold")) {
      return "lua-time-limit";
    }
    if (name.contains("slave")) {
      return name.replace("slave", "replica");
    }
    if (name.contains("replica")) {
      return name.replace("replica", "slave");
    }
    if (name.contains("ziplist")) {
      return name.replace("ziplist", "listpack");
    }
    if (name.contains("listpack")) {
      return name.replace("listpack", "ziplist");
    }
    return null;
  }

  /** Sets the listener told of every change made through {@link #set}. */
  public void listener(BiConsumer<String, String> listener) {
    this.listener = listener;
  }

  /** The value of {@code name} as CONFIG GET shows it, or null when unknown. */
  public String get(String name) {
    return values.get(name);
  }

  /** An integer directive. */
  public long getLong(String name) {
    return Long.parseLong(values.get(name));
  }

  /** A yes/no directive. */
  public boolean getBool(String name) {
    return "yes".equals(values.get(name));
  }

  /** Directives whose name matches the glob, with values, sorted by name (CONFIG GET). */
  public Map<String, String> matching(String glob) {
    Map<String, String> out = new LinkedHashMap<>();
    byte[] p = glob.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (GlobMatcher.matches(p, e.getKey().getBytes(StandardCharsets.UTF_8), true)) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The config file this configuration came from, or null. */
  public Path file() {
    return file;
  }

  /**
   * CONFIG REWRITE: rewrites the config file, keeping its comments and order, replacing
   * directives by their current values and appending changed ones it lacked.
   *
   * @throws IllegalStateException when there is no config file
   */
  public void rewrite() throws IOException {
    if (file == null) {
      throw new IllegalStateException("The server is running without a config file");
    }
    List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    List<String> out = new ArrayList<>();
    java.util.HashSet<String> written = new java.util.HashSet<>();
    String marker = "# Generated by CONFIG REWRITE";
    for (String line : lines) {
      if (line.equals(marker)) {
        continue;
      }
      List<String> args = line.trim().startsWith("#") ? null : ArgSplitter.split(line.trim());
      if (args == null || args.isEmpty() || !values.containsKey(args.get(0).toLowerCase(Locale.ROOT))) {
        out.add(line);
        continue;
      }
      String name = canonical(args.get(0).toLowerCase(Locale.ROOT));
      if (written.add(name)) {
        out.addAll(render(name));
      }
    }
    boolean first = true;
    for (String name : values.keySet()) {
      if (!name.equals(canonical(name)) || written.contains(name)
          || values.get(name).equals(DEFAULTS.get(name))) {
        continue;
      }
      if (first) {
        out.add(marker);
        first = false;
      }
      out.addAll(render(name));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, out, StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Directives Redis rewrites in memory units ({@code 64mb}). */
  private static final Set<String> MEMORY = Set.of("maxmemory", "repl-backlog-size",
      "client-query-buffer-limit", "proto-max-bulk-len", "auto-aof-rewrite-min-size",
      "active-defrag-ignore-bytes", "stream-node-max-bytes", "hash-max-listpack-value",
      "zset-max-listpack-value");

  /** Redis's {@code rewriteConfigFormatMemory}: gb, mb or kb when the value divides evenly. */
  private static String memory(String bytes) {
    long v;
    try {
      v = Long.parseLong(bytes);
    } catch (NumberFormatException e) {
      return bytes;
    }
    long gb = 1024L * 1024 * 1024;
    if (v != 0 && v % gb == 0) {
      return v / gb + "gb";
    }
    if (v != 0 && v % (1024 * 1024) == 0) {
      return v / (1024 * 1024) + "mb";
    }
    if (v != 0 && v % 1024 == 0) {
      return v / 1024 + "kb";
    }
    return bytes;
  }

  private static String canonical(String name) {
    return name.replace("slave", "replica").replace("ziplist", "listpack");
  }

  private List<String> render(String name) {
    String value = values.get(name);
    if (name.equals("save")) {
      if (value.isEmpty()) {
        return List.of("save \"\"");
      }
      String[] p = value.split(" ");
      List<String> out = new ArrayList<>();
      for (int i = 0; i + 1 < p.length; i += 2) {
        out.add("save " + p[i] + " " + p[i + 1]);
      }
      return out;
    }
    if (name.equals("replicaof")) {
      return value.isEmpty() ? List.of() : List.of("replicaof " + value);
    }
    if (name.equals("client-output-buffer-limit")) {
      String[] f = value.split(" ");
      List<String> out = new ArrayList<>();
      for (int i = 0; i + 3 < f.length; i += 4) {
        out.add(name + " " + (f[i].equals("slave") ? "replica" : f[i]) + " " + memory(f[i + 1]) + " "
            + memory(f[i + 2]) + " " + f[i + 3]);
      }
      return out;
    }
    if (name.equals("bind") || name.equals("oom-score-adj-values")) {
      return List.of(name + " " + value);
    }
    if (MEMORY.contains(name)) {
      return List.of(name + " " + memory(value));
    }
    String def = DEFAULTS.get(name);
    boolean plain = def.matches("-?\\d+") || def.equals("yes") || def.equals("no") || ENUMS.containsKey(name);
    // Redis writes string options with sdscatrepr, always quoted
    return List.of(name + " " + (plain ? ArgSplitter.quote(value) : ArgSplitter.quoteAlways(value)));
  }

  private static Map<String, String> loadDefaults() {
    Map<String, String> d = new TreeMap<>();
    try (InputStream in = ServerConfig.class.getResourceAsStream("redis-7.0-defaults.txt")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        int sp = line.indexOf(' ');
        if (sp > 0) {
          d.put(line.substring(0, sp), line.substring(sp + 1).replace("\\n", "\n").replace("\\\\", "\\"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return d;
  }
}
