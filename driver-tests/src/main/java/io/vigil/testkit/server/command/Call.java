package io.vigil.testkit.server.command;

import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Database;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.network.Connection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One execution of a command: its arguments, the client, the server, and how it is propagated.
 *
 * <p>By default a write command that changed something is propagated as it was received;
 * {@link #propagateAs} replaces that (relative expiries rewritten as absolute ones, blocking pops
 * as plain pops) and {@link #noPropagate()} suppresses it. Argument helpers throw {@link
 * RedisError} with Redis's texts.
 */
public final class Call {

  private final ServerContext server;
  private final ClientSession session;
  private final byte[][] argv;
  private final Command command;
  private final boolean inExec;
  List<List<byte[]>> rewritten;
  boolean suppressed;

  Call(ServerContext server, ClientSession session, byte[][] argv, Command command, boolean inExec) {
    this.server = server;
    this.session = session;
    this.argv = argv;
    this.command = command;
    this.inExec = inExec;
  }

  /** The server. */
  public ServerContext server() {
    return server;
  }

  /** The client. */
  public ClientSession session() {
    return session;
  }

  /** The client's connection. */
  public Connection connection() {
    return session.connection;
  }

  /** The command. */
  public Command command() {
    return command;
  }

  /**
   * Whether the command comes from this node's master or its append-only file, which it must
   * apply as given (Redis's {@code mustObeyClient}).
   */
  public boolean mustObey() {
    return session.connection == null;
  }

  /** Whether this runs inside EXEC (blocking commands must not block). */
  public boolean inExec() {
    return inExec;
  }

  /** Whether the client speaks RESP3. */
  public boolean resp3() {
    return session.resp3();
  }

  /** All arguments, the command name included. */
  public byte[][] argv() {
    return argv;
  }

  /** The number of arguments, the command name included. */
  public int argc() {
    return argv.length;
  }

  /** Argument {@code i}. */
  public byte[] arg(int i) {
    return argv[i];
  }

  /** Argument {@code i} as a key or member. */
  public Bytes key(int i) {
    return Bytes.wrap(argv[i]);
  }

  /** Argument {@code i} as text. */
  public String str(int i) {
    return new String(argv[i], StandardCharsets.UTF_8);
  }

  /** Argument {@code i} upper-cased, for option matching. */
  public String option(int i) {
    return str(i).toUpperCase(Locale.ROOT);
  }

  /** Whether argument {@code i} equals {@code option}, ignoring case. */
  public boolean is(int i, String option) {
    return i < argv.length && str(i).equalsIgnoreCase(option);
  }

  /** Argument {@code i} as a long, or {@code ERR value is not an integer or out of range}. */
  public long longArg(int i) {
    Long v = Numbers.parseLong(argv[i]);
    if (v == null) {
      throw new RedisError(RedisError.NOT_INTEGER);
    }
    return v;
  }

  /** Argument {@code i} as a long with a custom error text. */
  public long longArg(int i, String error) {
    Long v = Numbers.parseLong(argv[i]);
    if (v == null) {
      throw new RedisError(error);
    }
    return v;
  }

  /** Argument {@code i} as a double, or {@code ERR value is not a valid float}. */
  public double doubleArg(int i) {
    Double v = Numbers.parseDouble(argv[i]);
    if (v == null) {
      throw new RedisError(RedisError.NOT_FLOAT);
    }
    return v;
  }

  /** Arguments {@code from..end} as keys. */
  public List<Bytes> keys(int from, int toExclusive) {
    List<Bytes> out = new ArrayList<>(toExclusive - from);
    for (int i = from; i < toExclusive; i++) {
      out.add(Bytes.wrap(argv[i]));
    }
    return out;
  }

  /** The selected database. */
  public Database db() {
    return server.keyspace().db(session.db);
  }

  /** The selected database's number. */
  public int dbIndex() {
    return session.db;
  }

  /** The value under {@code key} (lazily expired), counting a keyspace hit or miss. */
  public RedisValue read(Bytes key) {
    RedisValue v = db().get(key);
    if (v == null) {
      server.stats.keyspaceMisses++;
    } else {
      server.stats.keyspaceHits++;
    }
    return v;
  }

  /** The value under {@code key} if it is of {@code type}, null if absent, WRONGTYPE otherwise. */
  public <T extends RedisValue> T read(Bytes key, Class<T> type) {
    RedisValue v = read(key);
    if (v == null) {
      return null;
    }
    if (!type.isInstance(v)) {
      throw RedisError.wrongType();
    }
    return type.cast(v);
  }

  /** Like {@link #read(Bytes, Class)} without counting hits (for writes). */
  public <T extends RedisValue> T lookupWrite(Bytes key, Class<T> type) {
    RedisValue v = db().get(key);
    if (v == null) {
      return null;
    }
    if (!type.isInstance(v)) {
      throw RedisError.wrongType();
    }
    return type.cast(v);
  }

  /** Signals an in-place change of {@code key} (WATCH, dirty counter, blocked clients). */
  public void modified(Bytes key) {
    server.keyModified(session.db, key);
  }

  /** Publishes a keyspace notification for {@code key} in the selected database. */
  public void notify(int type, String event, Bytes key) {
    server.notify(type, event, session.db, key);
  }

  /** Signals that {@code key} may serve blocked clients. */
  public void ready(Bytes key) {
    server.keyReady(session.db, key);
  }

  /** Propagates {@code argv} instead of the received command (may be called several times). */
  public void propagateAs(byte[]... args) {
    if (rewritten == null) {
      rewritten = new ArrayList<>(1);
    }
    rewritten.add(Arrays.asList(args));
  }

  /**
   * Runs {@code target} with {@code args} in place of this command (GEOADD runs the ZADD it stands
   * for): the same client and database, and {@code args} propagated instead of this command when
   * it changed the data set.
   */
  RespValue delegate(Command target, byte[][] args) {
    long dirtyBefore = server.dirty();
    Call inner = new Call(server, session, args, target, inExec);
    RespValue reply = target.handler().run(inner);
    if (inner.rewritten != null) {
      inner.rewritten.forEach(a -> propagateAs(a.toArray(new byte[0][])));
    } else if (server.dirty() != dirtyBefore) {
      propagateAs(args);
    }
    return reply;
  }

  /** Propagates nothing for this call. */
  public void noPropagate() {
    suppressed = true;
  }

  /**
   * Propagates only what {@link #propagateAs} gave, never the command as received (Redis's
   * {@code preventCommandPropagation} after {@code alsoPropagate}).
   */
  public void propagateRewrittenOnly() {
    if (rewritten == null) {
      suppressed = true;
    }
  }

  /** Text bytes. */
  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
