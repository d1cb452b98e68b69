package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.server.keyspace.Numbers;
import java.util.List;

/** PING, ECHO, HELLO, AUTH, SELECT, QUIT, RESET, SWAPDB. */
final class ConnectionCommands {

  private ConnectionCommands() {}

  static void install(CommandTable t) {
    t.add("ping", c -> {
      if (c.argc() > 2) {
        throw new RedisError("ERR wrong number of arguments for 'ping' command");
      }
      if (!c.resp3() && c.server().pubsub().count(c.connection()) > 0) {
        return RespArray.of(Replies.bulk("pong"), c.argc() == 2 ? Replies.bulk(c.arg(1)) : Replies.bulk(""));
      }
      return c.argc() == 2 ? Replies.bulk(c.arg(1)) : RespSimpleString.PONG;
    });
    t.add("echo", c -> Replies.bulk(c.arg(1)));
    t.add("select", c -> {
      long db = c.longArg(1);
      if (db < 0 || db >= c.server().keyspace().count()) {
        throw new RedisError("ERR DB index is out of range");
      }
      c.session().db = (int) db;
      return RespSimpleString.OK;
    });
    t.add("auth", ConnectionCommands::auth);
    t.add("hello", ConnectionCommands::hello);
    t.add("quit", c -> {
      c.connection().write(RespSimpleString.OK);
      c.connection().closeAfterReply();
      return null;
    });
    t.add("reset", c -> {
      ClientSession s = c.session();
      Transactions.reset(c.server(), s);
      c.server().pubsub().removeAll(c.connection());
      c.server().monitors.remove(s);
      s.monitor = false;
      s.db = 0;
      s.noEvict = false;
      c.connection().version(RespVersion.RESP2);
      c.connection().name("");
      String pass = c.server().config().get("requirepass");
      s.authenticated = pass == null || pass.isEmpty();
      return RespSimpleString.of("RESET");
    });
    t.add("swapdb", c -> {
      long a = c.longArg(1, "ERR invalid first DB index");
      long b = c.longArg(2, "ERR invalid second DB index");
      int n = c.server().keyspace().count();
      if (a < 0 || a >= n || b < 0 || b >= n) {
        throw new RedisError("ERR DB index is out of range");
      }
      c.server().keyspace().swap((int) a, (int) b);
      c.server().watches.touchDb((int) a);
      c.server().watches.touchDb((int) b);
      c.server().addDirty(1);
      for (var k : c.server().keyspace().db((int) a).rawKeys()) {
        c.server().keyReady((int) a, k);
      }
      for (var k : c.server().keyspace().db((int) b).rawKeys()) {
        c.server().keyReady((int) b, k);
      }
      return RespSimpleString.OK;
    });
  }

  /** Checks a password for {@code user}; returns an error reply or null when accepted. */
  private static RespError check(Call c, String user, byte[] password) {
    String pass = c.server().config().get("requirepass");
    if (!user.equals("default")) {
      return RespError.of("WRONGPASS invalid username-password pair or user is disabled.");
    }
    if (pass == null || pass.isEmpty()) {
      return null; // nopass default user accepts anything
    }
    if (!java.security.MessageDigest.isEqual(pass.getBytes(java.nio.charset.StandardCharsets.UTF_8), password)) {
      return RespError.of("WRONGPASS invalid username-password pair or user is disabled.");
    }
    return null;
  }

  private static RespValue auth(Call c) {
    if (c.argc() > 3) {
      throw RedisError.syntax();
    }
    String pass = c.server().config().get("requirepass");
    if (c.argc() == 2 && (pass == null || pass.isEmpty())) {
      throw new RedisError("ERR AUTH <password> called without any password configured for the "
          + "default user. Are you sure your configuration is correct?");
    }
    String user = c.argc() == 3 ? c.str(1) : "default";
    RespError e = check(c, user, c.arg(c.argc() - 1));
    if (e != null) {
      c.server().log().warning("Wrong password from client " + c.connection().addr());
      return e;
    }
    c.session().authenticated = true;
    return RespSimpleString.OK;
  }

  private static RespValue hello(Call c) {
    RespVersion version = c.connection().version();
    int i = 1;
    if (c.argc() >= 2) {
      Long v = Numbers.parseLong(c.arg(1));
      if (v == null) {
        throw new RedisError("ERR Protocol version is not an integer or out of range");
      }
      if (v != 2 && v != 3) {
        throw new RedisError("NOPROTO unsupported protocol version");
      }
      version = v == 3 ? RespVersion.RESP3 : RespVersion.RESP2;
      i = 2;
    }
    String name = null;
    boolean authed = false;
    for (; i < c.argc(); i++) {
      if (c.is(i, "AUTH") && i + 2 < c.argc()) {
        RespError e = check(c, c.str(i + 1), c.arg(i + 2));
        if (e != null) {
          return e;
        }
        authed = true;
        i += 2;
      } else if (c.is(i, "SETNAME") && i + 1 < c.argc()) {
        name = c.str(++i);
        ClientCommand.validateName(name);
      } else {
        throw new RedisError("ERR Syntax error in HELLO option '" + c.str(i) + "'");
      }
    }
    if (authed) {
      c.session().authenticated = true;
    }
    if (!c.session().authenticated) {
      throw new RedisError("NOAUTH HELLO must be called with the client already authenticated, "
          + "otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate "
          + "the client and select the RESP protocol version at the same time");
    }
    if (name != null) {
      c.connection().name(name);
    }
    c.connection().version(version);
    String role = c.server().config().get("replicaof").isEmpty() ? "master" : "replica";
    return new RespMap(List.of(
        RespBulkString.of("server"), RespBulkString.of("redis"),
        RespBulkString.of("version"), RespBulkString.of(InfoCommand.VERSION),
        RespBulkString.of("proto"), RespInteger.of(version == RespVersion.RESP3 ? 3 : 2),
        RespBulkString.of("id"), RespInteger.of(c.connection().id()),
        RespBulkString.of("mode"), RespBulkString.of("standalone"),
        RespBulkString.of("role"), RespBulkString.of(role),
        RespBulkString.of("modules"), RespArray.EMPTY));
  }
}
