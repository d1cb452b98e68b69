package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.ClientKillArgs;
import io.vigil.driver.args.ClientType;
import io.vigil.driver.args.FlushMode;
import io.vigil.driver.args.UnblockMode;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.NullableReply;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.ServerReplies;
import io.vigil.driver.values.ClientInfo;
import io.vigil.driver.values.LatencyEvent;
import io.vigil.driver.values.LatencySample;
import io.vigil.driver.values.Role;
import io.vigil.driver.values.SlowLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Server and connection: health, {@code INFO}, configuration, clients, the slow log and latency
 * monitor, persistence, replication role and {@code WAIT}.
 *
 * <p>The {@code CLIENT} commands that describe or change "this connection" ({@code CLIENT ID},
 * {@code GETNAME}, {@code SETNAME}, {@code INFO}, {@code NO-EVICT}) act on the connection the
 * command runs on: one of the client's shared connections, which may differ from call to call
 * (inside a {@link io.vigil.driver.Transaction}, its own). To name every connection the client
 * opens, use {@code VigilClient.Builder#clientName}. Commands that change how a connection
 * behaves for what follows ({@code SELECT}, {@code AUTH}, {@code HELLO}, {@code CLIENT REPLY},
 * {@code MULTI}…) have no typed method: the driver manages them.
 */
public interface ServerDefinitions<K, V> extends Definitions<K, V> {

  /** {@code PONG}, when the node answers. */
  default Spec<String> ping() {
    return command("PING").spec(Replies.STATUS);
  }

  /** {@code message}, sent back by the node ({@code PING message}). */
  default Spec<V> ping(V message) {
    return command("PING").value(message, "message").spec(value());
  }

  /** {@code message}, sent back by the node ({@code ECHO}). */
  default Spec<V> echo(V message) {
    return command("ECHO").value(message, "message").spec(value());
  }

  /** The default sections of {@code INFO}, as the text the server sends. */
  default Spec<String> info() {
    return command("INFO").spec(Replies.TEXT);
  }

  /**
   * The {@code INFO} sections named ({@code replication}, {@code server}, {@code all}, {@code
   * everything}…; several at once since Redis 7.0), as text; none: the default sections.
   */
  default Spec<String> info(String... sections) {
    Args<K, V> args = command("INFO");
    for (String section : Check.notNull("INFO", "the sections", sections)) {
      args.add(Check.notNull("INFO", "a section", section));
    }
    return args.spec(Replies.TEXT);
  }

  /** The node's replication role ({@code ROLE}). */
  default Spec<Role> role() {
    return command("ROLE").spec(Replies.ROLE);
  }

  /**
   * Waits until {@code replicas} replicas acknowledged this connection's writes, or {@code
   * timeout} passed ({@link Duration#ZERO}: forever); how many did. It covers the writes sent
   * before it on the same connection: in a {@link io.vigil.driver.Transaction} exactly its
   * own, on the shared connection everything sent there; other commands on that connection
   * wait meanwhile.
   */
  default Spec<Long> waitReplicas(int replicas, Duration timeout) {
    return command("WAIT").add(Check.notNegative("WAIT", "the replica count", replicas)).add(Check.blockMillis("WAIT", timeout)).timed(Replies.INTEGER, timeout);
  }

  /** The number of keys in the selected database. */
  default Spec<Long> dbsize() {
    return command("DBSIZE").spec(Replies.INTEGER);
  }

  /** Deletes every key of the selected database; returns {@code OK}. */
  default Spec<String> flushdb() {
    return command("FLUSHDB").spec(Replies.STATUS);
  }

  /**
   * Deletes every key of the selected database, freeing their memory before returning ({@code
   * SYNC}) or in the background ({@code ASYNC}); returns {@code OK}.
   */
  default Spec<String> flushdb(FlushMode mode) {
    return command("FLUSHDB").add(Check.notNull("FLUSHDB", "the mode", mode).name()).spec(Replies.STATUS);
  }

  /** Deletes every key of every database; returns {@code OK}. */
  default Spec<String> flushall() {
    return command("FLUSHALL").spec(Replies.STATUS);
  }

  /**
   * Deletes every key of every database, freeing their memory before returning ({@code SYNC}) or
   * in the background ({@code ASYNC}); returns {@code OK}.
   */
  default Spec<String> flushall(FlushMode mode) {
    return command("FLUSHALL").add(Check.notNull("FLUSHALL", "the mode", mode).name()).spec(Replies.STATUS);
  }

  /** The node's clock ({@code TIME}, microsecond precision). */
  default Spec<Instant> time() {
    return command("TIME").spec(ServerReplies.TIME);
  }

  /** When the node last saved its data set to disk successfully (second precision). */
  default Spec<Instant> lastsave() {
    return command("LASTSAVE").spec(ServerReplies.UNIX_SECONDS);
  }

  /**
   * Saves the data set to disk before returning, blocking every client of the node meanwhile
   * (prefer {@link #bgsave}); returns {@code OK}.
   */
  default Spec<String> save() {
    return command("SAVE").spec(Replies.STATUS);
  }

  /**
   * Starts saving the data set to disk in a child process; the node's status text ({@code
   * Background saving started}). Fails while a save or append-only rewrite runs.
   */
  default Spec<String> bgsave() {
    return command("BGSAVE").spec(Replies.STATUS);
  }

  /**
   * Starts rewriting the append-only file in a child process; the node's status text ({@code
   * Background append only file rewriting started}, or {@code …scheduled} while a save runs).
   */
  default Spec<String> bgrewriteaof() {
    return command("BGREWRITEAOF").spec(Replies.STATUS);
  }

  /**
   * The configuration parameters matching {@code patterns} (glob patterns; several at once since
   * Redis 7.0), by name.
   */
  default Spec<Map<String, String>> configGet(String... patterns) {
    if (patterns == null || patterns.length == 0) {
      throw new IllegalArgumentException("CONFIG GET needs at least one pattern (\"*\" for every parameter)");
    }
    return names(command("CONFIG GET"), patterns, "patterns").spec(ServerReplies.CONFIG);
  }

  /** Sets configuration parameter {@code name} to {@code value} at run time; returns {@code OK}. */
  default Spec<String> configSet(String name, String value) {
    return command("CONFIG SET").add(Check.notNull("CONFIG SET", "the parameter", name))
        .add(Check.notNull("CONFIG SET", "the value", value)).spec(Replies.STATUS);
  }

  /**
   * Sets every parameter of {@code parameters} at once (all or none are applied); returns {@code
   * OK}.
   */
  default Spec<String> configSet(Map<String, String> parameters) {
    if (parameters == null || parameters.isEmpty()) {
      throw new IllegalArgumentException("CONFIG SET needs at least one parameter");
    }
    Args<K, V> args = command("CONFIG SET");
    parameters.forEach((name, value) -> args.add(Check.notNull("CONFIG SET", "a parameter", name))
        .add(Check.notNull("CONFIG SET", "the value of " + name, value)));
    return args.spec(Replies.STATUS);
  }

  /**
   * Resets the statistics {@code INFO} reports (command stats, keyspace hits, errors…) and the
   * latency histograms; returns {@code OK}.
   */
  default Spec<String> configResetstat() {
    return command("CONFIG RESETSTAT").spec(Replies.STATUS);
  }

  /**
   * Rewrites the node's configuration file with its current configuration; returns {@code OK}.
   * Fails when the node was started without one.
   */
  default Spec<String> configRewrite() {
    return command("CONFIG REWRITE").spec(Replies.STATUS);
  }

  /** The id of the connection the command runs on ({@code CLIENT ID}; see the family's notes). */
  default Spec<Long> clientId() {
    return command("CLIENT ID").spec(Replies.INTEGER);
  }

  /** The name of the connection the command runs on, or null when it has none. */
  default Spec<String> clientGetname() {
    return command("CLIENT GETNAME").spec(Replies.TEXT);
  }

  /**
   * Names the connection the command runs on ({@code ""} removes the name; see the family's notes
   * on which connection that is); returns {@code OK}. A name holds no spaces or newlines.
   */
  default Spec<String> clientSetname(String name) {
    Check.notNull("CLIENT SETNAME", "the name", name);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '!' || c > '~') {
        throw new IllegalArgumentException("CLIENT SETNAME: a name holds only the characters '!' to '~' (no spaces"
            + " or newlines), got \"" + name + "\"");
      }
    }
    return command("CLIENT SETNAME").add(name).spec(Replies.STATUS);
  }

  /** Every connection of the node, as {@code CLIENT LIST} describes them. */
  default Spec<List<ClientInfo>> clientList() {
    return command("CLIENT LIST").spec(ServerReplies.CLIENT_LIST);
  }

  /** The connections of {@code type} ({@code CLIENT LIST TYPE}). */
  default Spec<List<ClientInfo>> clientList(ClientType type) {
    return command("CLIENT LIST").add("TYPE").add(Check.notNull("CLIENT LIST", "the type", type).token())
        .spec(ServerReplies.CLIENT_LIST);
  }

  /** The connections with the given ids ({@code CLIENT LIST ID}); ids not found are left out. */
  default Spec<List<ClientInfo>> clientList(long... ids) {
    if (ids == null || ids.length == 0) {
      throw new IllegalArgumentException("CLIENT LIST ID needs at least one id");
    }
    Args<K, V> args = command("CLIENT LIST").add("ID");
    for (long id : ids) {
      args.add(Check.positive("CLIENT LIST", "an id", id));
    }
    return args.spec(ServerReplies.CLIENT_LIST);
  }

  /** The connection the command runs on, as {@code CLIENT LIST} would describe it ({@code CLIENT INFO}). */
  default Spec<ClientInfo> clientInfo() {
    return command("CLIENT INFO").spec(ServerReplies.CLIENT_INFO);
  }

  /**
   * Closes the connections matching every filter of {@code filters}; how many. Connections of
   * this client that are closed reconnect on their next use.
   */
  default Spec<Long> clientKill(ClientKillArgs filters) {
    Check.notNull("CLIENT KILL", "the filters", filters);
    if (!filters.hasFilter()) {
      throw new IllegalArgumentException("CLIENT KILL needs at least one filter (id, type, user, address or"
          + " local address)");
    }
    Args<K, V> args = command("CLIENT KILL");
    if (filters.id() > 0) {
      args.add("ID").add(filters.id());
    }
    if (filters.type() != null) {
      args.add("TYPE").add(filters.type().token());
    }
    if (filters.user() != null) {
      args.add("USER").add(filters.user());
    }
    if (filters.address() != null) {
      args.add("ADDR").add(filters.address());
    }
    if (filters.localAddress() != null) {
      args.add("LADDR").add(filters.localAddress());
    }
    if (filters.skipMe() != null) {
      args.add("SKIPME").add(filters.skipMe() ? "yes" : "no");
    }
    return args.spec(Replies.INTEGER);
  }

  /**
   * Closes the connection from {@code address} ({@code ip:port}, the old form of {@code CLIENT
   * KILL}); returns {@code OK}, or fails with {@code ERR No such client}.
   */
  default Spec<String> clientKill(String address) {
    Check.notNull("CLIENT KILL", "the address", address);
    if (address.isEmpty()) {
      throw new IllegalArgumentException("CLIENT KILL: the address must not be empty");
    }
    return command("CLIENT KILL").add(address).spec(Replies.STATUS);
  }

  /**
   * Ends the blocking command ({@code BLPOP}, {@code XREAD BLOCK}…) the connection with id {@code
   * id} waits in, as if it timed out; whether that connection was blocked.
   */
  default Spec<Boolean> clientUnblock(long id) {
    return command("CLIENT UNBLOCK").add(Check.positive("CLIENT UNBLOCK", "the id", id)).spec(Replies.BOOLEAN);
  }

  /**
   * Ends the blocking command the connection with id {@code id} waits in, as a timeout or with an
   * {@code UNBLOCKED} error as {@code mode} says; whether that connection was blocked.
   */
  default Spec<Boolean> clientUnblock(long id, UnblockMode mode) {
    return command("CLIENT UNBLOCK").add(Check.positive("CLIENT UNBLOCK", "the id", id))
        .add(Check.notNull("CLIENT UNBLOCK", "the mode", mode).name()).spec(Replies.BOOLEAN);
  }

  /**
   * Whether the connection the command runs on is spared by client eviction ({@code
   * maxmemory-clients}); returns {@code OK}.
   */
  default Spec<String> clientNoEvict(boolean on) {
    return command("CLIENT NO-EVICT").add(on ? "on" : "off").spec(Replies.STATUS);
  }

  /**
   * The bytes {@code key} and its value take in memory, estimated from a sample of nested values,
   * or null when it does not exist ({@code MEMORY USAGE}).
   */
  @NullableReply
  default Spec<Long> memoryUsage(K key) {
    return command("MEMORY USAGE").key(key).spec(Replies.NULLABLE_INTEGER);
  }

  /**
   * {@link #memoryUsage(Object)} sampling {@code samples} nested values ({@code 0}: all of them,
   * exact and slow).
   */
  @NullableReply
  default Spec<Long> memoryUsage(K key, long samples) {
    return command("MEMORY USAGE").key(key).add("SAMPLES").add(Check.notNegative("MEMORY USAGE", "SAMPLES", samples))
        .spec(Replies.NULLABLE_INTEGER);
  }

  /** The 10 most recent slow log entries, newest first. */
  default Spec<List<SlowLogEntry>> slowlogGet() {
    return command("SLOWLOG GET").spec(ServerReplies.SLOWLOG);
  }

  /** The {@code count} (not negative) most recent slow log entries, newest first. */
  default Spec<List<SlowLogEntry>> slowlogGet(long count) {
    return command("SLOWLOG GET").add(Check.notNegative("SLOWLOG GET", "the count", count)).spec(ServerReplies.SLOWLOG);
  }

  /** The number of entries in the slow log. */
  default Spec<Long> slowlogLen() {
    return command("SLOWLOG LEN").spec(Replies.INTEGER);
  }

  /** Empties the slow log; returns {@code OK}. */
  default Spec<String> slowlogReset() {
    return command("SLOWLOG RESET").spec(Replies.STATUS);
  }

  /**
   * The latest spike of every latency event the monitor recorded ({@code LATENCY LATEST}); empty
   * while {@code latency-monitor-threshold} is 0.
   */
  default Spec<List<LatencyEvent>> latencyLatest() {
    return command("LATENCY LATEST").spec(ServerReplies.LATENCY_LATEST);
  }

  /** The recorded spikes of latency event {@code event} ({@code command}, {@code fork}…), oldest first. */
  default Spec<List<LatencySample>> latencyHistory(String event) {
    return command("LATENCY HISTORY").add(Check.notNull("LATENCY HISTORY", "the event", event))
        .spec(ServerReplies.LATENCY_HISTORY);
  }

  /** Forgets the spikes of {@code events} (none: of every event); how many events were reset. */
  default Spec<Long> latencyReset(String... events) {
    return names(command("LATENCY RESET"), events, "events").spec(Replies.INTEGER);
  }

  private Args<K, V> names(Args<K, V> args, String[] names, String what) {
    for (String name : Check.notNull(args.name(), "the " + what, names)) {
      args.add(Check.notNull(args.name(), "one of the " + what, name));
    }
    return args;
  }
}
