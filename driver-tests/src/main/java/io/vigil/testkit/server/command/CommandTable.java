package io.vigil.testkit.server.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commands a server answers, by name. Metadata comes from Redis 7.0.15's own {@code
 * COMMAND} output (shipped as a resource), so arity, flags and key positions match; a server
 * registers handlers for the commands it implements, and only those exist.
 *
 * <p>Pluggable: the data server and a Sentinel each build their own table. Not thread-safe;
 * build it before the server starts.
 */
public final class CommandTable {

  private static final Map<String, CommandSpec> REDIS_SPECS = load("redis-7.0-commands.txt");

  private final Map<String, Command> commands = new HashMap<>();

  /** Metadata Redis 7.0.15 gives {@code name} ({@code parent|sub} for subcommands), or null. */
  public static CommandSpec redisSpec(String name) {
    return REDIS_SPECS.get(name);
  }

  /** Registers {@code name} with Redis's metadata and {@code handler}. */
  public CommandTable add(String name, CommandHandler handler) {
    CommandSpec spec = REDIS_SPECS.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("no Redis 7.0 metadata for command '" + name
          + "'; register it with an explicit CommandSpec");
    }
    return add(spec, handler);
  }

  /** Registers a command with explicit metadata ({@code parent|sub} for a subcommand). */
  public CommandTable add(CommandSpec spec, CommandHandler handler) {
    String name = spec.name();
    int bar = name.indexOf('|');
    if (bar < 0) {
      Command created = new Command(spec, handler);
      Command existing = commands.put(name, created);
      if (existing != null) {
        created.subcommands().putAll(existing.subcommands());
      }
      return this;
    }
    String parentName = name.substring(0, bar);
    Command parent = commands.get(parentName);
    if (parent == null) {
      CommandSpec parentSpec = REDIS_SPECS.get(parentName);
      if (parentSpec == null) {
        parentSpec = new CommandSpec(parentName, -2, List.of(), 0, 0, 0, List.of());
      }
      parent = new Command(parentSpec, null);
      commands.put(parentName, parent);
    }
    parent.subcommands().put(name.substring(bar + 1), new Command(spec, handler));
    return this;
  }

  /** Removes a top-level command (a Sentinel serves fewer commands than a data server). */
  public CommandTable remove(String name) {
    commands.remove(name);
    return this;
  }

  /** The top-level command called {@code name} (lower case), or null. */
  public Command get(String name) {
    return commands.get(name);
  }

  /** Commands indexed by their name bytes, case-insensitively, for lookups without garbage. */
  private Command[] fastIndex = new Command[0];
  private byte[][] fastNames = new byte[0][];
  private int indexedSize = -1;

  /**
   * The top-level command named by {@code name} in any letter case, or null. Allocation-free:
   * it runs for every request.
   */
  public Command get(byte[] name) {
    if (indexedSize != commands.size()) {
      reindex();
    }
    int mask = fastIndex.length - 1;
    for (int i = hash(name) & mask; ; i = (i + 1) & mask) {
      byte[] candidate = fastNames[i];
      if (candidate == null) {
        return null;
      }
      if (equalsIgnoreCase(candidate, name)) {
        return fastIndex[i];
      }
    }
  }

  private void reindex() {
    int capacity = Integer.highestOneBit(Math.max(4, commands.size() * 4));
    Command[] index = new Command[capacity];
    byte[][] names = new byte[capacity][];
    for (Map.Entry<String, Command> e : commands.entrySet()) {
      byte[] n = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
      int i = hash(n) & (capacity - 1);
      while (names[i] != null) {
        i = (i + 1) & (capacity - 1);
      }
      names[i] = n;
      index[i] = e.getValue();
    }
    fastIndex = index;
    fastNames = names;
    indexedSize = commands.size();
  }

  private static int hash(byte[] name) {
    int h = 0;
    for (byte b : name) {
      h = 31 * h + (b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    return h ^ (h >>> 16);
  }

  private static boolean equalsIgnoreCase(byte[] lower, byte[] any) {
    if (lower.length != any.length) {
      return false;
    }
    for (int i = 0; i < lower.length; i++) {
      byte b = any[i];
      if (lower[i] != (b >= 'A' && b <= 'Z' ? b + 32 : b)) {
        return false;
      }
    }
    return true;
  }

  /** Every top-level command, sorted by name. */
  public Collection<Command> all() {
    return new TreeMap<>(commands).values();
  }

  /** The number of top-level commands. */
  public int size() {
    return commands.size();
  }

  /** Lower-cases an ASCII command name. */
  public static String commandName(byte[] arg) {
    byte[] c = new byte[arg.length];
    for (int i = 0; i < arg.length; i++) {
      byte b = arg[i];
      c[i] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
    return new String(c, StandardCharsets.ISO_8859_1);
  }

  private static Map<String, CommandSpec> load(String resource) {
    Map<String, CommandSpec> specs = new HashMap<>();
    try (InputStream in = CommandTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        String[] f = line.split(" ");
        if (f.length < 7) {
          continue;
        }
        List<String> flags = new java.util.ArrayList<>();
        if (!f[2].equals("-")) {
          for (String flag : f[2].split(",")) {
            flags.add(flag.intern());
          }
        }
        List<String> acl = f[6].equals("-") ? List.of() : Arrays.asList(f[6].split(","));
        specs.put(f[0], new CommandSpec(f[0], Integer.parseInt(f[1]), flags,
            Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), acl));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return specs;
  }
}
