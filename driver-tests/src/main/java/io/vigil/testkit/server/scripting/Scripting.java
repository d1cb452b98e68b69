package io.vigil.testkit.server.scripting;

import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.command.ClientSession;
import io.vigil.testkit.server.command.CommandTable;
import io.vigil.testkit.server.command.Dispatcher;
import io.vigil.testkit.server.command.RedisError;
import io.vigil.testkit.server.command.ServerContext;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua scripting for one data server: the EVAL script cache and its interpreter, the function
 * libraries and theirs, and the script running now. A script that runs past
 * {@code busy-reply-threshold} lets the network layer serve other clients, who get {@code -BUSY}
 * until it ends or SCRIPT KILL / FUNCTION KILL stops it.
 *
 * <p>Server thread only: scripts run on the event loop, one at a time, as in Redis.
 */
public final class Scripting {

  static final String SLOW_EVAL = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
  static final String SLOW_SCRIPT = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";

  private final ServerContext server;
  private final Dispatcher dispatcher;
  private final Rand48 random = new Rand48();
  private LuaSandbox eval;
  private final Map<String, EvalScript> scripts = new LinkedHashMap<>();
  private long scriptBodyBytes;
  final FunctionLibraries libraries;
  private ScriptRun running;

  private Scripting(ServerContext server, Dispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.eval = newEvalSandbox();
    this.libraries = new FunctionLibraries(this);
  }

  /** Registers EVAL, SCRIPT, FUNCTION and FCALL in {@code table} and returns the engine. */
  public static Scripting install(CommandTable table, Dispatcher dispatcher) {
    Scripting s = new Scripting(dispatcher.server(), dispatcher);
    EvalCommands.install(table, s);
    FunctionCommands.install(table, s);
    return s;
  }

  ServerContext server() {
    return server;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  Rand48 random() {
    return random;
  }

  /** The script running now, or null. */
  ScriptRun running() {
    return running;
  }

  private LuaSandbox newEvalSandbox() {
    LuaSandbox box = new LuaSandbox(this::interrupt, random);
    RedisApi.install(box.redis, () -> running, server.log());
    box.env.define("__redis__err__handler", RedisApi.fn(args -> {
      LuaValue err = args.arg1();
      if (err.istable()) {
        return err;
      }
      LuaTable t = new LuaTable();
      t.rawset("err", LuaValue.valueOf("ERR " + LuaValues.tostring(err)));
      return t;
    }));
    box.env.define("KEYS", new LuaTable());
    box.env.define("ARGV", new LuaTable());
    box.seal();
    return box;
  }

  /** A fresh sandbox for function libraries. */
  LuaSandbox newFunctionSandbox() {
    return new LuaSandbox(this::interrupt, random);
  }

  // --- the EVAL cache ------------------------------------------------------------------------

  /** The cached script with {@code sha} (any letter case), or null. */
  EvalScript script(byte[] sha) {
    if (sha.length != 40) {
      return null;
    }
    return scripts.get(new String(sha, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether a script with {@code sha} is cached. */
  boolean hasScript(byte[] sha) {
    return script(sha) != null;
  }

  /**
   * The cached script of {@code body}, compiling and caching it first when new.
   *
   * @throws RedisError for a bad shebang or a compile error, with Redis's texts
   */
  EvalScript loadScript(byte[] body) {
    String sha = RedisApi.sha1hex(body);
    EvalScript cached = scripts.get(sha);
    if (cached != null) {
      return cached;
    }
    int flags = ScriptFlags.ofEvalBody(body);
    byte[] source = body;
    if (ScriptFlags.hasShebang(body)) {
      // keep the line numbers: the shebang line becomes a comment
      source = body.clone();
      source[0] = '-';
      source[1] = '-';
    }
    LuaFunction fn;
    try {
      fn = eval.compile(source, LuaSandbox.CHUNK);
    } catch (LuaError e) {
      throw new RedisError("ERR Error compiling script (new function): " + LuaErrors.compileMessage(LuaErrors.value(e).tojstring()));
    }
    EvalScript script = new EvalScript(sha, body, flags, fn);
    scripts.put(sha, script);
    scriptBodyBytes += body.length;
    return script;
  }

  /** SCRIPT FLUSH: forgets every script and starts a fresh interpreter. */
  void flushScripts() {
    scripts.clear();
    scriptBodyBytes = 0;
    eval = newEvalSandbox();
  }

  /** How many scripts are cached (INFO {@code number_of_cached_scripts}). */
  public int cachedScripts() {
    return scripts.size();
  }

  /** Bytes of cached script bodies plus bookkeeping (INFO {@code used_memory_scripts_eval}). */
  public long scriptMemory() {
    return scriptBodyBytes + 144L * scripts.size();
  }

  /** The function libraries (FUNCTION LOAD, the RDB and the AOF). */
  public FunctionLibraries libraries() {
    return libraries;
  }

  // --- running -------------------------------------------------------------------------------

  /** Whether this node is a replica that refuses writes. */
  static boolean isReadOnlyReplica(ServerContext server) {
    String master = server.config().get("replicaof");
    return master != null && !master.isEmpty() && server.config().getBool("replica-read-only");
  }

  /**
   * Redis's {@code scriptPrepareForRun}: whether a script with {@code flags} may start now for
   * {@code caller}, or the error that refuses it.
   */
  RespError refuseStart(int flags, boolean ro, ClientSession caller) {
    if ((flags & ScriptFlags.EVAL_COMPAT_MODE) != 0) {
      return null;
    }
    boolean obey = caller.connection() == null
        || caller.connection().kind() == io.vigil.testkit.server.network.ConnectionKind.MASTER;
    if ((flags & ScriptFlags.NO_WRITES) == 0) {
      if (isReadOnlyReplica(server) && !obey) {
        return RespError.of("READONLY Can not run script with write flag on readonly replica");
      }
      if (ro) {
        return RespError.of("ERR Can not execute a script with write flag using *_ro command.");
      }
    }
    return null;
  }

  /** Runs an EVAL script with {@code keys} and {@code args} as KEYS and ARGV. */
  RespValue runEval(EvalScript script, ClientSession caller, boolean ro, byte[][] argv, int numkeys) {
    RespError refused = refuseStart(script.flags(), ro, caller);
    if (refused != null) {
      return refused;
    }
    boolean readOnly = ro || ((script.flags() & ScriptFlags.EVAL_COMPAT_MODE) == 0
        && (script.flags() & ScriptFlags.NO_WRITES) != 0);
    eval.env.define("KEYS", array(argv, 3, 3 + numkeys));
    eval.env.define("ARGV", array(argv, 3 + numkeys, argv.length));
    ScriptRun run = new ScriptRun(server, dispatcher, caller, script.sha(), true, readOnly);
    return run(run, script.function(), LuaValue.NONE);
  }

  /** Runs a function with {@code keys} and {@code args} as its two arguments (FCALL). */
  RespValue runFunction(FunctionLibrary.Function f, ClientSession caller, boolean ro, byte[][] argv, int numkeys) {
    RespError refused = refuseStart(f.flags(), ro, caller);
    if (refused != null) {
      return refused;
    }
    boolean readOnly = ro || (f.flags() & ScriptFlags.NO_WRITES) != 0;
    ScriptRun run = new ScriptRun(server, dispatcher, caller, f.name(), false, readOnly);
    run.command = argv;
    return run(run, f.callback(), LuaValue.varargsOf(array(argv, 3, 3 + numkeys), array(argv, 3 + numkeys, argv.length)));
  }

  static LuaTable array(byte[][] argv, int from, int to) {
    LuaTable t = new LuaTable(Math.max(0, to - from), 0);
    for (int i = from; i < to; i++) {
      t.rawset(i - from + 1, LuaValues.string(argv[i]));
    }
    return t;
  }

  /** Runs {@code fn(args)} as {@code run} and converts its result or error into the reply. */
  RespValue run(ScriptRun run, LuaFunction fn, Varargs args) {
    running = run;
    try {
      return LuaReplies.fromLua(fn.invoke(args), run.resp3());
    } catch (LuaError e) {
      return LuaErrors.reply(e, run.name);
    } catch (StackOverflowError e) {
      return RespError.of("ERR Error running script " + run.name + ", stack overflow");
    } finally {
      running = null;
      if (run.timedOut) {
        endBusy(run);
      }
    }
  }

  // --- slow scripts --------------------------------------------------------------------------

  /**
   * Called from the Lua hook every few thousand instructions, as Redis's count hook: past
   * busy-reply-threshold the server answers other clients BUSY and serves their input now;
   * a killed script ends here.
   */
  private void interrupt() {
    ScriptRun run = running;
    if (run == null) {
      if (libraries != null) {
        libraries.checkLoadDeadline();
      }
      return;
    }
    if (server.network() != null && !server.eventLoop().inEventLoop()) {
      // a LuaJ coroutine runs on a thread of its own: only the server thread may serve clients
      if (run.killed) {
        throw ScriptError.killed("SCRIPT KILL");
      }
      return;
    }
    if (!run.timedOut) {
      long threshold = server.config().getLong("busy-reply-threshold");
      long elapsedMs = (System.nanoTime() - run.startNanos) / 1_000_000;
      if (threshold <= 0 || elapsedMs < threshold) {
        return;
      }
      run.timedOut = true;
      server.log().warning("Slow script detected: still in execution after " + elapsedMs
          + " milliseconds. You can try killing the script using the " + (run.eval ? "SCRIPT KILL" : "FUNCTION KILL")
          + " command. Script name is: " + run.name + ".");
      server.busy(RespError.of(run.eval ? SLOW_EVAL : SLOW_SCRIPT));
      if (run.caller.connection() != null) {
        run.caller.connection().hold(); // as Redis's protectClient: its next commands wait
      }
    }
    if (server.network() != null) {
      server.network().processEventsWhileBlocked();
    }
    if (run.killed) {
      server.log().warning("Lua script killed by user with SCRIPT KILL.");
      throw ScriptError.killed("SCRIPT KILL");
    }
  }

  private void endBusy(ScriptRun run) {
    server.busy(null);
    if (run.caller.connection() != null) {
      run.caller.connection().release();
    }
    if (server.masterLink() != null) {
      server.eventLoop().execute(() -> server.masterLink().resumeAfterBusyScript());
    }
  }

  /**
   * SCRIPT KILL ({@code eval}) or FUNCTION KILL: stops the running script if it has not written,
   * as Redis's {@code scriptKill}.
   */
  RespValue kill(boolean evalKill) {
    ScriptRun run = running;
    if (run == null) {
      return RespError.of("NOTBUSY No scripts in execution right now.");
    }
    if (run.callerMustBeObeyed()) {
      return RespError.of("UNKILLABLE The busy script was sent by a master instance in the context of "
          + "replication and cannot be killed.");
    }
    if (run.writeDirty) {
      return RespError.of("UNKILLABLE Sorry the script already executed write commands against the "
          + "dataset. You can either wait the script termination or kill the server in a hard way "
          + "using the SHUTDOWN NOSAVE command.");
    }
    if (evalKill && !run.eval) {
      return RespError.of(SLOW_SCRIPT);
    }
    if (!evalKill && run.eval) {
      return RespError.of(SLOW_EVAL);
    }
    run.killed = true;
    return io.vigil.resp.RespSimpleString.OK;
  }

  /** Stops the running script whatever it did, for SHUTDOWN NOSAVE. */
  public void killForShutdown() {
    if (running != null) {
      running.killed = true;
    }
  }
}
