package io.vigil.testkit.server.command;

import io.vigil.resp.RespNull;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVerbatimString;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.network.Connection;
import io.vigil.testkit.server.network.ConnectionKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CLIENT subcommands: ID, SETNAME, GETNAME, LIST, INFO, KILL, PAUSE, UNPAUSE, NO-EVICT, REPLY. */
final class ClientCommand {

  private ClientCommand() {}

  static void install(CommandTable t) {
    t.add("client|id", c -> Replies.integer(c.connection().id()));
    t.add("client|setname", c -> {
      String name = c.str(2);
      validateName(name);
      c.connection().name(name);
      return RespSimpleString.OK;
    });
    t.add("client|getname", c -> c.connection().name().isEmpty() ? RespNull.BULK : Replies.bulk(c.connection().name()));
    t.add("client|list", ClientCommand::list);
    t.add("client|info", c -> text(c, line(c.server(), c.connection()) + "\n"));
    t.add("client|kill", ClientCommand::kill);
    t.add("client|pause", ClientCommand::pause);
    t.add("client|unpause", c -> {
      Transactions.unpause(c.server());
      return RespSimpleString.OK;
    });
    t.add("client|unblock", ClientCommand::unblock);
    t.add("client|getredir", c -> Replies.integer(-1));
    t.add("client|no-evict", c -> {
      if (c.is(2, "ON")) {
        c.session().noEvict = true;
      } else if (c.is(2, "OFF")) {
        c.session().noEvict = false;
      } else {
        throw RedisError.syntax();
      }
      return RespSimpleString.OK;
    });
    t.add("client|help", c -> Replies.strings(
        "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GETNAME", "    Return the name of the current connection.",
        "ID", "    Return the ID of the current connection.",
        "INFO", "    Return information about the current client connection.",
        "KILL <ip:port>", "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]", "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)", "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)", "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)", "      Kill connections by type.",
        "    * USER <username>", "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)", "      Skip killing current connection (default: yes).",
        "    * ID <client-id>", "      Kill connections by client id.",
        "LIST [options ...]", "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)", "      Return clients of specified type.",
        "UNPAUSE", "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]", "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "SETNAME <name>", "    Assign the name <name> to the current connection.",
        "NO-EVICT (ON|OFF)", "    Protect current client connection from eviction.",
        "HELP", "    Print this help."));
  }

  static void validateName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch < '!' || ch > '~') {
        throw new RedisError("ERR Client names cannot contain spaces, newlines or special characters.");
      }
    }
  }

  private static RespValue text(Call c, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return c.connection().version() == RespVersion.RESP3 ? RespVerbatimString.of("txt", b) : Replies.bulk(b);
  }

  private static ConnectionKind parseType(String type) {
    switch (type.toLowerCase(Locale.ROOT)) {
      case "normal": return ConnectionKind.NORMAL;
      case "pubsub": return ConnectionKind.PUBSUB;
      case "master": return ConnectionKind.MASTER;
      case "replica":
      case "slave": return ConnectionKind.REPLICA;
      default: throw new RedisError("ERR Unknown client type '" + type + "'");
    }
  }

  private static RespValue list(Call c) {
    ConnectionKind type = null;
    List<Long> ids = null;
    for (int i = 2; i < c.argc(); i++) {
      if (c.is(i, "TYPE") && i + 1 < c.argc()) {
        type = parseType(c.str(++i));
      } else if (c.is(i, "ID") && i + 1 < c.argc()) {
        ids = new ArrayList<>();
        while (i + 1 < c.argc()) {
          Long id = Numbers.parseLong(c.arg(++i));
          if (id == null || id <= 0) {
            throw new RedisError("ERR Invalid client ID");
          }
          ids.add(id);
        }
      } else {
        throw RedisError.syntax();
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Connection conn : c.server().connections()) {
      if (type != null && conn.kind() != type) {
        continue;
      }
      if (ids != null && !ids.contains(conn.id())) {
        continue;
      }
      sb.append(line(c.server(), conn)).append('\n');
    }
    return text(c, sb.toString());
  }

  /** One CLIENT LIST line, in Redis 7.0's field order. */
  static String line(ServerContext server, Connection conn) {
    ClientSession s = (ClientSession) conn.attachment();
    long now = System.currentTimeMillis();
    StringBuilder flags = new StringBuilder();
    if (conn.kind() == ConnectionKind.REPLICA) {
      flags.append('S');
    }
    if (conn.kind() == ConnectionKind.MASTER) {
      flags.append('M');
    }
    if (conn.kind() == ConnectionKind.PUBSUB) {
      flags.append('P');
    }
    if (s != null && s.multi != null) {
      flags.append('x');
    }
    if (s != null && s.blocked != null) {
      flags.append('b');
    }
    if (s != null && s.monitor) {
      flags.append('O');
    }
    if (s != null && s.noEvict) {
      flags.append('e');
    }
    if (conn.isClosing()) {
      flags.append('A');
    }
    if (flags.length() == 0) {
      flags.append('N');
    }
    var subs = server.pubsub().of(conn);
    return "id=" + conn.id() + " addr=" + conn.addr() + " laddr=" + conn.laddr() + " fd=" + (conn.id() + 7)
        + " name=" + conn.name() + " age=" + (now - conn.createdMillis()) / 1000
        + " idle=" + (now - conn.lastInteractionMillis()) / 1000 + " flags=" + flags
        + " db=" + (s == null ? 0 : s.db) + " sub=" + subs.channels().size()
        + " psub=" + subs.patterns().size() + " ssub=0"
        + " multi=" + (s == null || s.multi == null ? -1 : s.multi.size())
        + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0"
        + " omem=" + conn.pendingOutputBytes() + " tot-mem=" + (1024 + conn.pendingOutputBytes())
        + " events=r cmd=" + conn.lastCommand() + " user=default redir=-1"
        + " resp=" + (conn.version() == RespVersion.RESP3 ? 3 : 2);
  }

  private static RespValue kill(Call c) {
    if (c.argc() == 3) {
      String addr = c.str(2);
      for (Connection conn : new ArrayList<>(c.server().connections())) {
        if (conn.addr().equals(addr)) {
          killOne(c, conn);
          return RespSimpleString.OK;
        }
      }
      throw new RedisError("ERR No such client");
    }
    Long id = null;
    ConnectionKind type = null;
    String addr = null;
    String laddr = null;
    String user = null;
    boolean skipMe = true;
    for (int i = 2; i < c.argc(); i += 2) {
      if (i + 1 >= c.argc()) {
        throw RedisError.syntax();
      }
      String o = c.option(i);
      String v = c.str(i + 1);
      switch (o) {
        case "ID":
          id = Numbers.parseLong(c.arg(i + 1));
          if (id == null || id <= 0) {
            throw new RedisError("ERR client-id should be greater than 0");
          }
          break;
        case "TYPE":
          type = parseType(v);
          break;
        case "ADDR":
          addr = v;
          break;
        case "LADDR":
          laddr = v;
          break;
        case "USER":
          user = v;
          break;
        case "SKIPME":
          if (v.equalsIgnoreCase("yes")) {
            skipMe = true;
          } else if (v.equalsIgnoreCase("no")) {
            skipMe = false;
          } else {
            throw RedisError.syntax();
          }
          break;
        default:
          throw RedisError.syntax();
      }
    }
    long killed = 0;
    for (Connection conn : new ArrayList<>(c.server().connections())) {
      if (id != null && conn.id() != id) {
        continue;
      }
      if (type != null && conn.kind() != type) {
        continue;
      }
      if (addr != null && !conn.addr().equals(addr)) {
        continue;
      }
      if (laddr != null && !conn.laddr().equals(laddr)) {
        continue;
      }
      if (user != null && !user.equals("default")) {
        continue;
      }
      if (skipMe && conn == c.connection()) {
        continue;
      }
      killOne(c, conn);
      killed++;
    }
    return Replies.integer(killed);
  }

  private static void killOne(Call c, Connection conn) {
    if (conn == c.connection()) {
      conn.closeAfterReply();
    } else {
      conn.close();
    }
  }

  private static RespValue unblock(Call c) {
    long id = c.longArg(2);
    boolean error = false;
    if (c.argc() == 4) {
      if (c.is(3, "ERROR")) {
        error = true;
      } else if (!c.is(3, "TIMEOUT")) {
        throw new RedisError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
      }
    } else if (c.argc() > 4) {
      throw RedisError.syntax();
    }
    for (Connection conn : c.server().connections()) {
      if (conn.id() == id && conn.attachment() instanceof ClientSession s && s.blocked != null) {
        Blocking.Blocked b = s.blocked;
        c.server().blocking.unblock(b, error
            ? io.vigil.resp.RespError.of("UNBLOCKED client unblocked via CLIENT UNBLOCK")
            : b.timeoutReply);
        return Replies.integer(1);
      }
    }
    return Replies.integer(0);
  }

  private static RespValue pause(Call c) {
    long ms = c.longArg(2, "ERR timeout is not an integer or out of range");
    if (ms < 0) {
      throw new RedisError("ERR timeout is negative");
    }
    boolean writesOnly = false;
    if (c.argc() == 4) {
      if (c.is(3, "WRITE")) {
        writesOnly = true;
      } else if (!c.is(3, "ALL")) {
        throw new RedisError("ERR CLIENT PAUSE mode must be WRITE or ALL");
      }
    } else if (c.argc() > 4) {
      throw RedisError.syntax();
    }
    ServerContext server = c.server();
    long until = System.currentTimeMillis() + ms;
    if (server.pausedUntil == 0 || until > server.pausedUntil || (server.pauseWritesOnly && !writesOnly)) {
      server.pausedUntil = Math.max(until, server.pausedUntil);
      server.pauseWritesOnly = writesOnly && (server.pausedUntil == until);
    }
    server.eventLoop().schedule(() -> {
      if (server.pausedUntil != 0 && System.currentTimeMillis() >= server.pausedUntil) {
        Transactions.unpause(server);
      }
    }, ms + 1, java.util.concurrent.TimeUnit.MILLISECONDS);
    return RespSimpleString.OK;
  }
}
