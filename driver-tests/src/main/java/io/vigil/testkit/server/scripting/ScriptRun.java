package io.vigil.testkit.server.scripting;

import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.server.command.ClientSession;
import io.vigil.testkit.server.command.Command;
import io.vigil.testkit.server.command.CommandTable;
import io.vigil.testkit.server.command.Dispatcher;
import io.vigil.testkit.server.command.ServerContext;
import io.vigil.testkit.server.network.ConnectionKind;

/**
 * One run of a script or function: who called it, the client its {@code redis.call}s run as,
 * what it may do (read-only, its flags) and what it has done (written, been killed, run past
 * busy-reply-threshold). Server thread only.
 */
final class ScriptRun {

  /**
   * Commands Redis flags {@code may_replicate} (COMMAND does not show that flag): read-only
   * scripts may not call them.
   */
  private static final java.util.Set<String> MAY_REPLICATE = java.util.Set.of("publish", "spublish", "pfcount");

  private final ServerContext server;
  private final Dispatcher dispatcher;
  final ClientSession caller;
  final ClientSession session;
  /** The script's sha, or the function's name, as error messages show it. */
  final String name;
  /** EVAL (true) or FCALL (false): decides which KILL may end it and the BUSY text. */
  final boolean eval;
  final boolean readOnly;
  final long startNanos = System.nanoTime();
  /** The FCALL that started it (FUNCTION STATS), or null. */
  byte[][] command;
  /** A write command was called: SCRIPT KILL can no longer stop it. */
  boolean writeDirty;
  boolean killed;
  /** It ran past busy-reply-threshold and other clients are being told BUSY. */
  boolean timedOut;

  ScriptRun(ServerContext server, Dispatcher dispatcher, ClientSession caller, String name, boolean eval,
      boolean readOnly) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.caller = caller;
    this.session = ClientSession.forScript(caller);
    this.name = name;
    this.eval = eval;
    this.readOnly = readOnly;
  }

  /** Whether the script asked for RESP3 replies ({@code redis.setresp(3)}). */
  boolean resp3() {
    return session.resp3();
  }

  /**
   * Whether the caller is this node's master or its append-only file, whose commands must
   * run whatever the node's state (Redis's {@code mustObeyClient}).
   */
  boolean callerMustBeObeyed() {
    return caller.connection() == null || caller.connection().kind() == ConnectionKind.MASTER;
  }

  /**
   * Runs one {@code redis.call}: Redis's checks for scripts (known command, arity, allowed in
   * scripts, writes allowed), then the command as the script's client. Refusals come back as
   * error replies, like a command's own errors.
   */
  RespValue call(byte[][] argv) {
    Command cmd = dispatcher.table().get(argv[0]);
    if (cmd != null && cmd.isContainer() && argv.length >= 2) {
      cmd = cmd.subcommands().get(CommandTable.commandName(argv[1]));
    }
    if (cmd == null) {
      return RespError.of("ERR Unknown Redis command called from script");
    }
    int arity = cmd.spec().arity();
    if ((arity > 0 && arity != argv.length) || argv.length < -arity || cmd.handler() == null) {
      return RespError.of("ERR Wrong number of args calling Redis command from script");
    }
    if (cmd.spec().isNoScript()) {
      return RespError.of("ERR This Redis command is not allowed from script");
    }
    boolean write = cmd.spec().isWrite();
    if (readOnly && (write || MAY_REPLICATE.contains(cmd.spec().name()))) {
      return RespError.of("ERR Write commands are not allowed from read-only scripts.");
    }
    if (write && !writeDirty && Scripting.isReadOnlyReplica(server) && !callerMustBeObeyed()) {
      return RespError.of("READONLY You can't write against a read only replica.");
    }
    if (write) {
      writeDirty = true;
    }
    RespValue reply = dispatcher.callFromScript(session, cmd, argv);
    return reply;
  }

  /** Whether {@code argv} names a command this server has ({@code redis.acl_check_cmd}). */
  boolean knows(byte[][] argv) {
    Command cmd = dispatcher.table().get(argv[0]);
    if (cmd != null && cmd.isContainer() && argv.length >= 2) {
      cmd = cmd.subcommands().get(CommandTable.commandName(argv[1]));
    }
    return cmd != null;
  }

  /** {@code redis.setresp}. */
  void resp(int version) {
    session.scriptProtocol(version == 3 ? RespVersion.RESP3 : RespVersion.RESP2);
  }

  /** {@code redis.set_repl}. */
  void propagateTo(int targets) {
    session.propagateTo(targets);
  }
}
