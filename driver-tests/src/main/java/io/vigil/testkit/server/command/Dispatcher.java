package io.vigil.testkit.server.command;

import io.vigil.resp.RespError;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.server.network.CommandProcessor;
import io.vigil.testkit.server.network.Connection;
import io.vigil.testkit.server.network.ConnectionKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The data server's {@link CommandProcessor}: looks a command up, checks arity,
 * authentication, subscriber mode, read-only replica and MULTI queueing with Redis's texts,
 * runs it, propagates it, feeds MONITOR and the slow log, then serves clients whose keys became
 * ready. Server thread only.
 */
public final class Dispatcher implements CommandProcessor {

  private static final Set<String> SUBSCRIBER_ALLOWED = Set.of("ping", "subscribe", "ssubscribe",
      "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");
  private static final Set<String> NOT_QUEUED = Set.of("exec", "discard", "multi", "watch",
      "quit", "reset");

  private final ServerContext server;
  private final CommandTable table;
  private final ReplicationCommands replication;

  /**
   * A dispatcher for a Redis Sentinel: the connection, CLIENT, COMMAND and pub/sub commands a
   * sentinel shares with a data server (SELECT, SWAPDB, ECHO and the PUBSUB introspection
   * removed, as Redis's sentinel mode does), then {@code sentinelCommands} adds or replaces the
   * rest (SENTINEL, INFO, ROLE, PUBLISH, SHUTDOWN).
   */
  public static Dispatcher forSentinel(ServerContext server, java.util.function.Consumer<CommandTable> sentinelCommands) {
    CommandTable table = new CommandTable();
    ConnectionCommands.install(table);
    ClientCommand.install(table);
    CommandCommand.install(table);
    PubSubCommands.install(table);
    table.remove("select").remove("swapdb").remove("echo").remove("pubsub");
    sentinelCommands.accept(table);
    return new Dispatcher(server, table);
  }

  private Dispatcher(ServerContext server, CommandTable table) {
    this.server = server;
    this.table = table;
    this.replication = null; // a sentinel neither replicates nor persists
  }

  /** A dispatcher over {@code server} with every data-server command installed. */
  public Dispatcher(ServerContext server) {
    this.server = server;
    this.table = new CommandTable();
    ConnectionCommands.install(table);
    ClientCommand.install(table);
    CommandCommand.install(table);
    KeyCommands.install(table);
    ObjectCommand.install(table);
    DumpCommands.install(table);
    StringCommands.install(table);
    BitCommands.install(table);
    HyperLogLogCommands.install(table);
    BitfieldCommand.install(table);
    LcsCommand.install(table);
    SortCommand.install(table);
    HashCommands.install(table);
    ListCommands.install(table);
    SetCommands.install(table);
    ZSetCommands.install(table);
    GeoCommands.install(table);
    StreamCommands.install(table);
    PubSubCommands.install(table);
    Transactions.install(table, this);
    InfoCommand.install(table);
    ConfigCommand.install(table);
    ServerCommands.install(table);
    server.scripting(io.vigil.testkit.server.scripting.Scripting.install(table, this));
    replication = ReplicationCommands.install(table, this);
  }

  /**
   * Starts the replication cron (PING to replicas, save points) and, when {@code replicaof} is
   * configured, the link to the master. Server thread, once, after start-up loading.
   */
  public void startReplication() {
    if (replication != null) {
      replication.start();
    }
  }

  /** The command table. */
  public CommandTable table() {
    return table;
  }

  /** The server state commands run against (keyspace, configuration, pub/sub). */
  public ServerContext server() {
    return server;
  }

  @Override
  public boolean connected(Connection connection) {
    String pass = server.config().get("requirepass");
    connection.attachment(new ClientSession(connection, pass == null || pass.isEmpty()));
    if (deniedByProtectedMode(connection, pass)) {
      connection.write(RespError.of(PROTECTED_MODE));
      return false;
    }
    long max = server.config().getLong("maxclients");
    if (server.connections().size() > max) {
      server.stats.rejectedConnections++;
      connection.write(RespError.of("ERR max number of clients reached"));
      return false;
    }
    return true;
  }

  @Override
  public void disconnected(Connection connection) {
    ClientSession s = (ClientSession) connection.attachment();
    if (s == null) {
      return;
    }
    if (s.blocked != null) {
      server.blocking.unblock(s.blocked, null);
    }
    server.watches.unwatchAll(s);
    server.pubsub().removeAll(connection);
    server.monitors.remove(s);
    server.replication().disconnected(connection);
  }

  @Override
  public void execute(Connection connection, byte[][] argv) {
    ClientSession s = (ClientSession) connection.attachment();
    if (argv.length == 0) {
      return;
    }
    Command cmd = table.get(argv[0]);
    if (cmd == null) {
      reject(s, unknownCommand(argv));
      return;
    }
    if (cmd.isContainer() && !(argv.length == 1 && cmd.handler() != null)) {
      if (argv.length < 2) {
        reject(s, RespError.of("ERR wrong number of arguments for '" + cmd.spec().name() + "' command"));
        return;
      }
      Command sub = cmd.subcommands().get(CommandTable.commandName(argv[1]));
      if (sub == null) {
        reject(s, RespError.of("ERR unknown subcommand '" + truncate(argv[1]) + "'. Try "
            + cmd.spec().name().toUpperCase(Locale.ROOT) + " HELP."));
        return;
      }
      cmd = sub;
    }
    int arity = cmd.spec().arity();
    if ((arity > 0 && argv.length != arity) || argv.length < -arity) {
      reject(s, cmd, RespError.of("ERR wrong number of arguments for '" + cmd.spec().name() + "' command"));
      return;
    }
    CommandSpec spec = cmd.spec();
    if (!s.authenticated && !spec.isNoAuth()) {
      reject(s, cmd, RespError.of("NOAUTH Authentication required."));
      return;
    }
    String base = spec.parentName();
    if (connection.kind() == ConnectionKind.PUBSUB
        && connection.version() == RespVersion.RESP2
        && !SUBSCRIBER_ALLOWED.contains(base)) {
      reject(s, cmd, RespError.of("ERR Can't execute '" + spec.name() + "': only (P|S)SUBSCRIBE / "
          + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"));
      return;
    }
    if (isReadOnlyReplica() && spec.isWrite() && connection.kind() != ConnectionKind.MASTER) {
      reject(s, cmd, RespError.of("READONLY You can't write against a read only replica."));
      return;
    }
    if (server.minReplicasToWrite > 0 && server.minReplicasMaxLag > 0 && cmd.spec().isWrite()
        && server.masterLink() == null
        && server.replication().goodReplicas(server.now(), server.minReplicasMaxLag) < server.minReplicasToWrite) {
      reject(s, RespError.of("NOREPLICAS Not enough good replicas to write."));
      return;
    }
    if (server.busy() != null && !spec.isAllowBusy()) {
      reject(s, cmd, server.busy());
      return;
    }
    if (s.multi != null && !NOT_QUEUED.contains(base)) {
      if (!spec.isAllowedInMulti()) {
        reject(s, cmd, RespError.of("ERR Command not allowed inside a transaction"));
        return;
      }
      s.multi.add(argv);
      connection.write(RespSimpleString.QUEUED);
      return;
    }
    if (isPaused(cmd)) {
      connection.defer(argv);
      server.pausedConnections.add(connection);
      return;
    }
    if (runsScript(s, cmd) && server.network() != null && server.network().inIoPhase()) {
      // A slow script serves other clients from its Lua hook, which needs the network layer
      // outside its I/O pass: run it as a task, ahead of this client's later commands.
      connection.runLater(argv);
      return;
    }
    call(s, cmd, argv, false);
    if (s.multi == null && server.busy() == null) {
      server.blocking.serveReady();
    }
  }

  private static final Set<String> SCRIPT_COMMANDS = Set.of("eval", "evalsha", "eval_ro",
      "evalsha_ro", "fcall", "fcall_ro");

  /** Whether running {@code cmd} now may run a Lua script (directly or in EXEC). */
  private boolean runsScript(ClientSession s, Command cmd) {
    String name = cmd.spec().name();
    if (SCRIPT_COMMANDS.contains(name)) {
      return true;
    }
    if (name.equals("exec") && s.multi != null) {
      for (byte[][] queued : s.multi) {
        if (SCRIPT_COMMANDS.contains(CommandTable.commandName(queued[0]))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Runs a command on behalf of a script ({@code redis.call}) as {@code session} and returns its
   * reply; nothing is written to a connection and nothing blocks. The caller has checked the
   * command (lookup, arity, script rules). Server thread only.
   */
  public RespValue callFromScript(ClientSession session, Command cmd, byte[][] argv) {
    return call(session, cmd, argv, true);
  }

  private static final String PROTECTED_MODE = "DENIED Redis is running in protected mode because "
      + "protected mode is enabled and no password is set for the default user. In this mode "
      + "connections are only accepted from the loopback interface. If you want to connect from "
      + "external computers to Redis you may adopt one of the following solutions: 1) Just "
      + "disable protected mode sending the command 'CONFIG SET protected-mode no' from the "
      + "loopback interface by connecting to Redis from the same host the server is running, "
      + "however MAKE SURE Redis is not publicly accessible from internet if you do so. Use "
      + "CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable "
      + "the protected mode by editing the Redis configuration file, and setting the protected "
      + "mode option to 'no', and then restarting the server. 3) If you started the server "
      + "manually just for testing, restart it with the '--protected-mode no' option. 4) Set up "
      + "an authentication password for the default user. NOTE: You only need to do one of the "
      + "above things in order for the server to start accepting connections from the outside.";

  /** Redis refuses non-loopback clients when protected mode is on and there is no password. */
  private boolean deniedByProtectedMode(Connection connection, String pass) {
    if (!server.config().getBool("protected-mode") || (pass != null && !pass.isEmpty())) {
      return false;
    }
    java.net.InetSocketAddress remote = connection.remoteAddress();
    return remote != null && !remote.getAddress().isLoopbackAddress();
  }

  /**
   * A way to apply commands that do not come from a client: a master's replication stream on a
   * replica, or an append-only file at start-up. Commands run with no reply, bypass
   * authentication and the read-only replica check, keep their own SELECT and MULTI state, and
   * are propagated like any write (so an AOF on a replica sees them). Server thread only.
   */
  public Applier applier() {
    return new Applier();
  }

  /** Applies a stream of commands in order; see {@link #applier()}. */
  public final class Applier {
    private final ClientSession session = new ClientSession(null, true);

    private Applier() {}

    /** The database the stream has selected. */
    public int db() {
      return session.db;
    }

    /**
     * Applies one command and returns its reply (null for MULTI queueing and PING); errors
     * come back as error replies, never thrown.
     */
    public RespValue apply(byte[][] argv) {
      if (argv.length == 0) {
        return null;
      }
      Command cmd = table.get(argv[0]);
      if (cmd == null) {
        return unknownCommand(argv);
      }
      if (cmd.isContainer()) {
        cmd = argv.length < 2 ? null : cmd.subcommands().get(CommandTable.commandName(argv[1]));
        if (cmd == null) {
          return RespError.of("ERR unknown subcommand in a replicated command");
        }
      }
      int arity = cmd.spec().arity();
      if ((arity > 0 && argv.length != arity) || argv.length < -arity) {
        return RespError.of("ERR wrong number of arguments for '" + cmd.spec().name() + "' command");
      }
      String name = cmd.spec().name();
      if (name.equals("ping")) {
        return null;
      }
      if (session.multi != null && !name.equals("exec") && !name.equals("discard")) {
        session.multi.add(argv);
        return null;
      }
      RespValue reply = call(session, cmd, argv, false);
      server.blocking.serveReady();
      return reply;
    }
  }

  private boolean isReadOnlyReplica() {
    return server.readOnlyReplica;
  }

  private boolean isPaused(Command cmd) {
    if (server.pausedUntil == 0) {
      return false;
    }
    if (System.currentTimeMillis() >= server.pausedUntil) {
      Transactions.unpause(server);
      return false;
    }
    if (!server.pauseWritesOnly) {
      return true;
    }
    String n = cmd.spec().parentName();
    return cmd.spec().isWrite() || n.equals("publish") || n.equals("eval") || n.equals("evalsha");
  }

  private void reject(ClientSession s, Command cmd, RespError error) {
    if (cmd != null) {
      cmd.rejectedCalls++;
    }
    reject(s, error);
  }

  private void reject(ClientSession s, RespError error) {
    server.stats.totalErrorReplies++;
    server.countError(error);
    if (s.multi != null) {
      s.multiDirty = true;
    }
    s.connection.write(error);
  }

  /** Runs {@code cmd} now (also used by EXEC for queued commands). */
  RespValue call(ClientSession s, Command cmd, byte[][] argv, boolean inExec) {
    Connection connection = s.connection;
    long start = System.nanoTime();
    long dirtyBefore = server.dirty();
    boolean outermost = !inExec && server.beginPropagation();
    Call call = new Call(server, s, argv, cmd, inExec);
    if (connection != null) {
      connection.touch(cmd.spec().name(), System.currentTimeMillis());
    }
    RespValue reply;
    try {
      reply = cmd.handler().run(call);
    } catch (RedisError e) {
      reply = e.reply();
    } catch (RuntimeException e) {
      server.stats.unexpectedErrors++;
      server.log().warning("Command " + cmd.spec().name() + " failed: " + e);
      reply = RespError.of("ERR internal error running '" + cmd.spec().name() + "': " + e);
    }
    server.stats.commands++;
    cmd.calls++;
    if (reply != null) {
      if (reply.isError()) {
        server.stats.totalErrorReplies++;
        cmd.failedCalls++;
        if (reply instanceof RespError error) {
          server.countError(error);
        }
      }
      if (!inExec && connection != null) {
        connection.write(reply);
      }
    }
    if (!call.suppressed) {
      if (call.rewritten != null) {
        for (List<byte[]> args : call.rewritten) {
          server.propagate(s.db, args, s.propagateTo);
        }
      } else if (cmd.spec().isWrite() && server.dirty() != dirtyBefore) {
        server.propagate(s.db, Arrays.asList(argv), s.propagateTo);
      }
    }
    if (outermost) {
      server.endPropagation();
    }
    long micros = (System.nanoTime() - start) / 1000;
    cmd.micros += micros;
    if (connection == null) {
      return reply; // applied from a replication stream or a log: no monitor, no slow log
    }
    feedMonitors(s, argv, cmd);
    long slower = server.slowlogSlowerThan;
    if (slower >= 0 && micros >= slower && !cmd.spec().flags().contains("skip_slowlog")) {
      server.slowlog.add(server.slowlogMaxLen, System.currentTimeMillis() / 1000,
          micros, argv, connection.addr(), connection.name());
    }
    return reply;
  }

  private void feedMonitors(ClientSession s, byte[][] argv, Command cmd) {
    if (server.monitors.isEmpty() || cmd.spec().flags().contains("skip_monitor")
        || cmd.spec().flags().contains("admin")) {
      return;
    }
    long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
    StringBuilder sb = new StringBuilder("+");
    sb.append(micros / 1_000_000).append('.').append(String.format("%06d", micros % 1_000_000));
    sb.append(" [").append(s.db).append(' ').append(s.connection.addr()).append(']');
    for (byte[] a : argv) {
      sb.append(' ');
      Repr.append(sb, a);
    }
    sb.append("\r\n");
    byte[] line = sb.toString().getBytes(StandardCharsets.UTF_8);
    for (ClientSession m : new ArrayList<>(server.monitors)) {
      m.connection.writeRaw(line);
    }
  }

  private static RespError unknownCommand(byte[][] argv) {
    StringBuilder args = new StringBuilder();
    for (int j = 1; j < argv.length && args.length() < 128; j++) {
      String a = new String(argv[j], StandardCharsets.UTF_8);
      int room = 128 - args.length();
      args.append('\'').append(a, 0, Math.min(a.length(), room)).append("' ");
    }
    return RespError.of("ERR unknown command '" + truncate(argv[0]) + "', with args beginning with: " + args);
  }

  private static String truncate(byte[] b) {
    String s = new String(b, StandardCharsets.UTF_8);
    return s.length() > 128 ? s.substring(0, 128) : s;
  }
}
