package io.vigil.testkit.sentinel.config;

import io.vigil.resp.InlineSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads sentinel.conf files as Redis 7.0 Sentinel does: the same directives, the same quoting
 * rules, the same refusals. A line that cannot be used stops parsing with a {@link
 * SentinelConfigException} naming the file, the line number and the reason.
 *
 * <p>Stateless; each call parses into a new {@link SentinelConfig}.
 */
public final class SentinelConfigParser {

  /** Server directives a sentinel accepts and has no use for. */
  private static final Set<String> ACCEPTED_AND_UNUSED = Set.of(
      "loglevel", "maxclients", "timeout", "tcp-keepalive", "tcp-backlog", "syslog-enabled",
      "syslog-ident", "syslog-facility", "latency-tracking-info-percentiles", "user",
      "aclfile", "unixsocket", "unixsocketperm", "supervised", "hz", "always-show-logo",
      "set-proc-title", "proc-title-template", "locale-collate", "io-threads", "enable-debug-command",
      "tls-port", "tls-cert-file", "tls-key-file", "tls-ca-cert-file", "tls-replication",
      "acl-pubsub-default", "masterauth", "masteruser");

  private SentinelConfigParser() {}

  /** Parses a file. */
  public static SentinelConfig parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sentinel config " + file + ": " + e.getMessage(), e);
    }
    SentinelConfig config = new SentinelConfig(file, lines);
    parseLines(config, file.toString(), lines);
    return config;
  }

  /** Parses text that did not come from a file (tests, or {@code --sentinel} arguments). */
  public static SentinelConfig parse(String source, String text) {
    List<String> lines = text.lines().toList();
    SentinelConfig config = new SentinelConfig(null, lines);
    parseLines(config, source, lines);
    return config;
  }

  /** Applies more lines to a parsed config (command-line directives come after the file). */
  public static void apply(SentinelConfig config, String source, List<String> lines) {
    parseLines(config, source, lines);
  }

  private static void parseLines(SentinelConfig config, String source, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      List<String> args = InlineSplitter.split(line);
      if (args == null) {
        throw new SentinelConfigException(source, i + 1, line, "Unbalanced quotes in configuration line");
      }
      if (args.isEmpty()) {
        continue;
      }
      try {
        apply(config, args, line);
      } catch (IllegalArgumentException e) {
        throw new SentinelConfigException(source, i + 1, line, e.getMessage());
      }
    }
  }

  private static void apply(SentinelConfig config, List<String> args, String line) {
    String directive = args.get(0).toLowerCase(Locale.ROOT);
    switch (directive) {
      case "sentinel":
        if (args.size() < 2) {
          throw new IllegalArgumentException("Unrecognized sentinel configuration statement.");
        }
        applySentinel(config, args.subList(1, args.size()));
        return;
      case "port":
        arity(args, 2);
        config.port(port(args.get(1)));
        return;
      case "bind":
        if (args.size() < 2) {
          throw badDirective();
        }
        config.bind(args.subList(1, args.size()));
        return;
      case "dir":
        arity(args, 2);
        config.dir(args.get(1));
        return;
      case "logfile":
        arity(args, 2);
        config.logfile(args.get(1));
        return;
      case "pidfile":
        arity(args, 2);
        config.pidfile(args.get(1));
        return;
      case "daemonize":
        arity(args, 2);
        config.daemonize(yesNo(args.get(1)));
        if (config.daemonize()) {
          config.warnings().add("'daemonize yes' is ignored: the sentinel stays in the foreground"
              + " (run it under a supervisor or with '&' to detach)");
        }
        return;
      case "protected-mode":
        arity(args, 2);
        config.protectedMode(yesNo(args.get(1)));
        return;
      case "requirepass":
        arity(args, 2);
        config.requirepass(args.get(1).isEmpty() ? null : args.get(1));
        return;
      default:
        if (ACCEPTED_AND_UNUSED.contains(directive)) {
          config.warnings().add("'" + args.get(0) + "' has no effect on this sentinel");
          return;
        }
        throw badDirective();
    }
  }

  private static void applySentinel(SentinelConfig config, List<String> a) {
    String option = a.get(0).toLowerCase(Locale.ROOT);
    switch (option) {
      case "monitor": {
        arity(a, 5);
        int quorum = integer(a.get(4));
        if (quorum <= 0) {
          throw new IllegalArgumentException("Quorum must be 1 or greater.");
        }
        String name = a.get(1);
        if (config.masters().containsKey(name)) {
          throw new IllegalArgumentException("Duplicate master name.");
        }
        config.masters().put(name, new MonitoredMaster(name, a.get(2), port(a.get(3)), quorum));
        return;
      }
      case "down-after-milliseconds":
        arity(a, 3);
        master(config, a.get(1)).downAfterMillis(positiveMillis(a.get(2)));
        return;
      case "failover-timeout":
        arity(a, 3);
        master(config, a.get(1)).failoverTimeoutMillis(positiveMillis(a.get(2)));
        return;
      case "parallel-syncs":
        arity(a, 3);
        master(config, a.get(1)).parallelSyncs(integer(a.get(2)));
        return;
      case "master-reboot-down-after-period":
        arity(a, 3);
        master(config, a.get(1)).masterRebootDownAfterMillis(nonNegative(a.get(2)));
        return;
      case "notification-script":
        arity(a, 3);
        master(config, a.get(1)).notificationScript(a.get(2));
        return;
      case "client-reconfig-script":
        arity(a, 3);
        master(config, a.get(1)).clientReconfigScript(a.get(2));
        return;
      case "auth-pass":
        arity(a, 3);
        master(config, a.get(1)).authPass(a.get(2));
        return;
      case "auth-user":
        arity(a, 3);
        master(config, a.get(1)).authUser(a.get(2));
        return;
      case "current-epoch":
        arity(a, 2);
        config.currentEpoch(epoch(a.get(1)));
        return;
      case "myid":
        arity(a, 2);
        if (a.get(1).length() != 40 || !a.get(1).chars().allMatch(SentinelConfigParser::isHex)) {
          throw new IllegalArgumentException("Malformed Sentinel id in myid option.");
        }
        config.myId(a.get(1));
        return;
      case "config-epoch":
        arity(a, 3);
        master(config, a.get(1)).configEpoch(epoch(a.get(2)));
        return;
      case "leader-epoch":
        arity(a, 3);
        master(config, a.get(1)).leaderEpoch(epoch(a.get(2)));
        return;
      case "known-slave":
      case "known-replica":
        arity(a, 4);
        master(config, a.get(1)).knownReplicas().add(new MonitoredMaster.HostPort(a.get(2), port(a.get(3))));
        return;
      case "known-sentinel":
        if (a.size() != 4 && a.size() != 5) {
          throw new IllegalArgumentException("Wrong number of arguments for 'sentinel known-sentinel'");
        }
        master(config, a.get(1)).knownSentinels().add(
            new MonitoredMaster.KnownSentinel(a.get(2), port(a.get(3)), a.size() == 5 ? a.get(4) : null));
        return;
      case "rename-command":
        arity(a, 4);
        master(config, a.get(1)).renamedCommands().put(a.get(2), a.get(3));
        return;
      case "announce-ip":
        arity(a, 2);
        config.announceIp(a.get(1).isEmpty() ? null : a.get(1));
        return;
      case "announce-port":
        arity(a, 2);
        config.announcePort(nonNegativeInt(a.get(1)));
        return;
      case "deny-scripts-reconfig":
        arity(a, 2);
        config.denyScriptsReconfig(yesNo(a.get(1)));
        return;
      case "resolve-hostnames":
        arity(a, 2);
        config.resolveHostnames(yesNo(a.get(1)));
        return;
      case "announce-hostnames":
        arity(a, 2);
        config.announceHostnames(yesNo(a.get(1)));
        return;
      case "sentinel-user":
        arity(a, 2);
        config.sentinelUser(a.get(1));
        return;
      case "sentinel-pass":
        arity(a, 2);
        config.sentinelPass(a.get(1));
        return;
      default:
        throw new IllegalArgumentException("Unrecognized sentinel configuration statement.");
    }
  }

  private static MonitoredMaster master(SentinelConfig config, String name) {
    MonitoredMaster master = config.masters().get(name);
    if (master == null) {
      throw new IllegalArgumentException("No such master with specified name.");
    }
    return master;
  }

  private static void arity(List<String> args, int expected) {
    if (args.size() != expected) {
      throw new IllegalArgumentException("Wrong number of arguments: expected " + (expected - 1)
          + " after '" + args.get(0) + "', got " + (args.size() - 1));
    }
  }

  private static IllegalArgumentException badDirective() {
    return new IllegalArgumentException("Bad directive or wrong number of arguments");
  }

  private static int integer(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not an integer");
    }
  }

  private static int port(String text) {
    int port = integer(text);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Invalid port " + text + " (must be 0-65535)");
    }
    return port;
  }

  private static int nonNegativeInt(String text) {
    int n = integer(text);
    if (n < 0) {
      throw new IllegalArgumentException("'" + text + "' must not be negative");
    }
    return n;
  }

  private static long positiveMillis(String text) {
    long n = longValue(text);
    if (n <= 0) {
      throw new IllegalArgumentException("Negative or zero time parameter.");
    }
    return n;
  }

  private static long nonNegative(String text) {
    long n = longValue(text);
    if (n < 0) {
      throw new IllegalArgumentException("Negative time parameter.");
    }
    return n;
  }

  private static long epoch(String text) {
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not an epoch (an unsigned integer)");
    }
  }

  private static long longValue(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not an integer");
    }
  }

  private static boolean yesNo(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "yes":
        return true;
      case "no":
        return false;
      default:
        throw new IllegalArgumentException("argument must be 'yes' or 'no'");
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
