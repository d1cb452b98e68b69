package io.vigil.testkit.server.command;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET, SET, REWRITE, RESETSTAT. */
final class ConfigCommand {

  private ConfigCommand() {}

  static void install(CommandTable t) {
    t.add("config|get", c -> {
      Map<String, String> found = new LinkedHashMap<>();
      for (int i = 2; i < c.argc(); i++) {
        found.putAll(c.server().config().matching(c.str(i)));
      }
      List<RespValue> kv = new ArrayList<>();
      for (Map.Entry<String, String> e : found.entrySet()) {
        kv.add(RespBulkString.of(e.getKey()));
        kv.add(RespBulkString.of(e.getValue()));
      }
      return new RespMap(kv);
    });
    t.add("config|set", ConfigCommand::set);
    t.add("config|rewrite", c -> {
      try {
        c.server().config().rewrite();
      } catch (IllegalStateException e) {
        throw new RedisError("ERR " + e.getMessage());
      } catch (IOException e) {
        c.server().log().warning("CONFIG REWRITE failed: " + e.getMessage());
        throw new RedisError("ERR Rewriting config file: " + e.getMessage());
      }
      c.server().log().notice("CONFIG REWRITE executed with success.");
      return RespSimpleString.OK;
    });
    t.add("config|resetstat", c -> {
      ServerContext s = c.server();
      s.stats.commands = 0;
      s.stats.keyspaceHits = 0;
      s.stats.keyspaceMisses = 0;
      s.stats.rejectedConnections = 0;
      s.stats.totalErrorReplies = 0;
      s.stats.unexpectedErrors = 0;
      s.keyspace().resetStats();
      s.slowlog.reset();
      return RespSimpleString.OK;
    });
    t.add("config|help", c -> Replies.strings(
        "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
        "RESETSTAT", "    Reset statistics reported by the INFO command.",
        "REWRITE", "    Rewrite the configuration file.",
        "HELP", "    Print this help."));
  }

  private static RespValue set(Call c) {
    if (c.argc() % 2 != 0) {
      throw new RedisError("ERR wrong number of arguments for 'config|set' command");
    }
    // Validate every pair first, as Redis 7.0 applies CONFIG SET atomically.
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 2; i < c.argc(); i += 2) {
      String name = c.str(i).toLowerCase(Locale.ROOT);
      if (c.server().config().get(name) == null) {
        throw new RedisError("ERR Unknown option or number of arguments for CONFIG SET - '" + c.str(i) + "'");
      }
      if (pairs.containsKey(name)) {
        throw new RedisError("ERR CONFIG SET failed (possibly related to argument '" + c.str(i)
            + "') - duplicate parameter");
      }
      pairs.put(name, c.str(i + 1));
    }
    Map<String, String> previous = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      previous.put(e.getKey(), c.server().config().get(e.getKey()));
      String error = c.server().config().set(e.getKey(), e.getValue());
      if (error != null) {
        for (Map.Entry<String, String> p : previous.entrySet()) {
          if (!p.getKey().equals(e.getKey())) {
            c.server().config().set(p.getKey(), p.getValue());
          }
        }
        throw new RedisError("ERR CONFIG SET failed (possibly related to argument '" + e.getKey()
            + "') - " + error);
      }
    }
    boolean moved = (pairs.containsKey("port") && !c.server().config().get("port").equals(previous.get("port")))
        || (pairs.containsKey("bind") && !c.server().config().get("bind").equals(previous.get("bind")));
    if (moved) {
      return rebind(c, previous, pairs.containsKey("port") ? "port" : "bind");
    }
    return RespSimpleString.OK;
  }

  /** Moves the listening sockets; the reply waits (and the client's later commands too). */
  private static RespValue rebind(Call c, Map<String, String> previous, String argument) {
    ServerContext server = c.server();
    List<String> hosts = new ArrayList<>();
    for (String entry : server.config().get("bind").trim().split("\\s+")) {
      String host = entry.startsWith("-") ? entry.substring(1) : entry;
      hosts.add(host.equals("*") ? "0.0.0.0" : host.equals("::*") ? "::" : host);
    }
    int port = (int) server.config().getLong("port");
    var connection = c.connection();
    if (connection == null) {
      return RespSimpleString.OK;
    }
    connection.hold();
    server.network().rebind(hosts, port, error -> {
      if (error == null) {
        server.setPort(server.network().port());
        connection.write(RespSimpleString.OK);
      } else {
        for (Map.Entry<String, String> p : previous.entrySet()) {
          server.config().set(p.getKey(), p.getValue());
        }
        connection.write(new io.vigil.resp.RespError("ERR CONFIG SET failed (possibly related to argument '"
            + argument + "') - Unable to listen on this port", false));
      }
      connection.release();
    });
    return null;
  }
}
