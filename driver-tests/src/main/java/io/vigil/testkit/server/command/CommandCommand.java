package io.vigil.testkit.server.command;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespMap;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespSet;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import java.util.ArrayList;
import java.util.List;

/** COMMAND, COMMAND COUNT, INFO, DOCS (minimal), LIST and GETKEYS. */
final class CommandCommand {

  private CommandCommand() {}

  static void install(CommandTable t) {
    t.add("command", c -> {
      if (c.argc() > 1) {
        // COMMAND is a container in Redis 7; a bare call lists everything.
        throw new RedisError("ERR unknown subcommand '" + c.str(1) + "'. Try COMMAND HELP.");
      }
      List<RespValue> out = new ArrayList<>();
      for (Command cmd : t.all()) {
        out.add(describe(cmd));
      }
      return new RespArray(out);
    });
    t.add("command|count", c -> Replies.integer(t.size()));
    t.add("command|info", c -> {
      List<RespValue> out = new ArrayList<>();
      if (c.argc() == 2) {
        for (Command cmd : t.all()) {
          out.add(describe(cmd));
        }
      }
      for (int i = 2; i < c.argc(); i++) {
        Command cmd = lookup(t, c.str(i));
        out.add(cmd == null ? RespNull.ARRAY : describe(cmd));
      }
      return new RespArray(out);
    });
    t.add("command|docs", c -> {
      List<RespValue> kv = new ArrayList<>();
      for (int i = 2; i < c.argc(); i++) {
        Command cmd = lookup(t, c.str(i));
        if (cmd != null) {
          kv.add(RespBulkString.of(cmd.spec().name()));
          kv.add(new RespMap(List.of(RespBulkString.of("summary"), RespBulkString.of(""),
              RespBulkString.of("group"), RespBulkString.of(group(cmd)))));
        }
      }
      return new RespMap(kv);
    });
    t.add("command|list", c -> {
      List<RespValue> out = new ArrayList<>();
      for (Command cmd : t.all()) {
        out.add(RespBulkString.of(cmd.spec().name()));
      }
      return new RespArray(out);
    });
    t.add("command|getkeys", c -> {
      Command cmd = lookup(t, c.str(2));
      if (cmd == null) {
        throw new RedisError("ERR Invalid command specified");
      }
      int argc = c.argc() - 2;
      int arity = cmd.spec().arity();
      if ((arity > 0 && argc != arity) || argc < -arity) {
        throw new RedisError("ERR Invalid number of arguments specified for command");
      }
      int[] pos = cmd.spec().keyPositions(argc);
      if (pos.length == 0) {
        throw new RedisError("ERR The command has no key arguments");
      }
      List<RespValue> out = new ArrayList<>();
      for (int p : pos) {
        out.add(RespBulkString.of(c.arg(p + 2)));
      }
      return new RespArray(out);
    });
    t.add("command|help", c -> Replies.strings(
        "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "(no subcommand)", "    Return details about all Redis commands.",
        "COUNT", "    Return the total number of commands in this Redis server.",
        "LIST", "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
        "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
        "GETKEYS <full-command>", "    Return the keys from a full Redis command.",
        "HELP", "    Print this help."));
  }

  private static Command lookup(CommandTable t, String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    int bar = n.indexOf('|');
    if (bar < 0) {
      return t.get(n);
    }
    Command parent = t.get(n.substring(0, bar));
    return parent == null ? null : parent.subcommands().get(n.substring(bar + 1));
  }

  private static String group(Command cmd) {
    for (String a : cmd.spec().aclCategories()) {
      switch (a) {
        case "string": case "list": case "hash": case "set": case "sortedset": case "pubsub":
        case "transaction": case "connection": case "scripting":
          return a.equals("sortedset") ? "sorted-set" : a;
        default:
          break;
      }
    }
    return cmd.spec().aclCategories().contains("keyspace") ? "generic" : "server";
  }

  /** A command as Redis 7.0 describes it (the first ten fields of COMMAND's reply). */
  static RespValue describe(Command cmd) {
    CommandSpec s = cmd.spec();
    List<RespValue> flags = new ArrayList<>();
    for (String f : s.flags()) {
      flags.add(new RespSimpleString(f));
    }
    List<RespValue> acl = new ArrayList<>();
    for (String a : s.aclCategories()) {
      acl.add(new RespSimpleString("@" + a));
    }
    List<RespValue> subs = new ArrayList<>();
    for (Command sub : cmd.subcommands().values()) {
      subs.add(describe(sub));
    }
    return RespArray.of(RespBulkString.of(s.name()), RespInteger.of(s.arity()), new RespSet(flags),
        RespInteger.of(s.firstKey()), RespInteger.of(s.lastKey()), RespInteger.of(s.step()),
        new RespSet(acl), RespArray.EMPTY, RespArray.EMPTY, new RespArray(subs));
  }
}
