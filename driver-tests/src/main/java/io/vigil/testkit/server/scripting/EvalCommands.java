package io.vigil.testkit.server.scripting;

import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.command.Call;
import io.vigil.testkit.server.command.CommandTable;
import io.vigil.testkit.server.command.RedisError;
import java.util.ArrayList;
import java.util.List;

/** EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT, with Redis 7.0's replies and error texts. */
final class EvalCommands {

  private static final RespError NOSCRIPT = RespError.of("NOSCRIPT No matching script. Please use EVAL.");

  private EvalCommands() {}

  static void install(CommandTable t, Scripting s) {
    t.add("eval", c -> eval(c, s, false, false));
    t.add("evalsha", c -> eval(c, s, true, false));
    t.add("eval_ro", c -> eval(c, s, false, true));
    t.add("evalsha_ro", c -> eval(c, s, true, true));
    t.add("script|load", c -> io.vigil.resp.RespBulkString.of(s.loadScript(c.arg(2)).sha()));
    t.add("script|exists", c -> {
      List<RespValue> out = new ArrayList<>();
      for (int i = 2; i < c.argc(); i++) {
        out.add(RespInteger.of(s.hasScript(c.arg(i)) ? 1 : 0));
      }
      return new io.vigil.resp.RespArray(out);
    });
    t.add("script|flush", c -> {
      if (c.argc() > 3 || (c.argc() == 3 && !c.is(2, "SYNC") && !c.is(2, "ASYNC"))) {
        throw new RedisError("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
      }
      s.flushScripts();
      return RespSimpleString.OK;
    });
    t.add("script|kill", c -> s.kill(true));
    t.add("script|debug", c -> {
      if (c.is(2, "NO")) {
        return RespSimpleString.OK;
      }
      if (c.is(2, "YES") || c.is(2, "SYNC")) {
        if (c.session().inMulti()) {
          throw new RedisError("ERR SCRIPT DEBUG must be called outside MULTI");
        }
        throw new RedisError("ERR SCRIPT DEBUG is not available: this server has no Lua debugger; "
            + "debug the script against redis-server");
      }
      throw new RedisError("ERR Use SCRIPT DEBUG YES/SYNC/NO");
    });
    t.add("script|help", c -> lines(
        "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
        "HELP",
        "    Prints this help."));
  }

  /** A reply of text lines, as HELP subcommands give. */
  static io.vigil.resp.RespArray lines(String... lines) {
    List<RespValue> out = new ArrayList<>(lines.length);
    for (String l : lines) {
      out.add(RespSimpleString.of(l));
    }
    return new io.vigil.resp.RespArray(out);
  }

  /** The key count of EVAL/FCALL-style arguments ({@code name numkeys key... arg...}), checked. */
  static int numkeys(Call c) {
    long numkeys = c.longArg(2);
    if (numkeys > c.argc() - 3) {
      throw new RedisError("ERR Number of keys can't be greater than number of args");
    }
    if (numkeys < 0) {
      throw new RedisError("ERR Number of keys can't be negative");
    }
    return (int) numkeys;
  }

  private static RespValue eval(Call c, Scripting s, boolean bySha, boolean ro) {
    int numkeys = numkeys(c);
    EvalScript script;
    if (bySha) {
      script = s.script(c.arg(1));
      if (script == null) {
        return NOSCRIPT;
      }
    } else {
      script = s.loadScript(c.arg(1));
    }
    return s.runEval(script, c.session(), ro, c.argv(), numkeys);
  }
}
