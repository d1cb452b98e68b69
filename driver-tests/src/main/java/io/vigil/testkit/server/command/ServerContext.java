package io.vigil.testkit.server.command;

import io.netty.channel.EventLoop;
import io.vigil.resp.RespLimits;
import io.vigil.testkit.server.config.ServerConfig;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.EncodingLimits;
import io.vigil.testkit.server.keyspace.Keyspace;
import io.vigil.testkit.server.keyspace.KeyspaceListener;
import io.vigil.testkit.server.network.Connection;
import io.vigil.testkit.server.network.RespServer;
import io.vigil.testkit.server.network.ServerLog;
import io.vigil.testkit.server.pubsub.PubSubHub;
import io.vigil.testkit.server.replication.MasterLink;
import io.vigil.testkit.server.replication.ReplicationFeed;
import io.vigil.testkit.server.replication.ReplicationSource;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Everything a data-server command can reach: configuration, keyspace, pub/sub, blocked
 * clients, watched keys, the replication feed, statistics and the network server.
 *
 * <p>Server thread only, except {@link #runId()} and the immutable parts.
 */
public final class ServerContext implements KeyspaceListener, EncodingLimits {

  private final ServerConfig config;
  private final Keyspace keyspace;
  private final ServerLog log;
  private final ReplicationFeed userFeed;
  private final ReplicationSource replication;
  /** The append-only file, or null when appendonly is off. */
  private ReplicationFeed aof;
  /** The link to this node's master, or null on a master. */
  private MasterLink masterLink;
  /** Lua scripts and function libraries; null on a Sentinel. */
  private io.vigil.testkit.server.scripting.Scripting scripting;
  /** The BUSY error while a script runs past busy-reply-threshold, else null. */
  private io.vigil.resp.RespError busy;
  private final PubSubHub pubsub = new PubSubHub();
  final Blocking blocking = new Blocking(this);
  final Watches watches = new Watches();
  final Stats stats = new Stats();
  final SlowLog slowlog = new SlowLog();
  private final String runId;
  private final long startMillis;
  private RespServer network;
  private Runnable shutdownHook = () -> {};
  /** Commands propagated by the current call, or null outside a call. */
  private List<Object[]> pendingPropagation;
  private final List<Object[]> propagationBuffer = new ArrayList<>();
  /** Configuration read on every command, cached; refreshed by {@link #refreshCachedConfig()}. */
  long slowlogSlowerThan;
  long slowlogMaxLen;
  boolean readOnlyReplica;
  long minReplicasToWrite;
  long minReplicasMaxLag;
  private long hashMaxEntries;
  private long hashMaxValue;
  private long setMaxIntset;
  private long zsetMaxEntries;
  private long zsetMaxValue;
  long streamNodeMaxBytes;
  long streamNodeMaxEntries;
  private long dirty;
  private long lastSaveSeconds;
  private long rdbSaves;
  boolean activeExpire = true;
  long pausedUntil;
  boolean pauseWritesOnly;
  final ArrayDeque<Connection> pausedConnections = new ArrayDeque<>();
  final List<ClientSession> monitors = new ArrayList<>();
  int tcpPort;

  /** Counters reported by INFO stats. */
  static final class Stats {
    long commands;
    long keyspaceHits;
    long keyspaceMisses;
    long rejectedConnections;
    long unexpectedErrors;
    long totalErrorReplies;
  }

  /** Keyspace notification classes, as Redis's {@code NOTIFY_*} flags. */
  public static final int NOTIFY_KEYSPACE = 1;
  public static final int NOTIFY_KEYEVENT = 1 << 1;
  public static final int NOTIFY_GENERIC = 1 << 2;
  public static final int NOTIFY_STRING = 1 << 3;
  public static final int NOTIFY_LIST = 1 << 4;
  public static final int NOTIFY_SET = 1 << 5;
  public static final int NOTIFY_HASH = 1 << 6;
  public static final int NOTIFY_ZSET = 1 << 7;
  public static final int NOTIFY_EXPIRED = 1 << 8;
  public static final int NOTIFY_STREAM = 1 << 10;
  private int notifyFlags;

  /** Parses {@code notify-keyspace-events} into flags. */
  private static int notifyFlags(String classes) {
    int flags = 0;
    for (char ch : classes.toCharArray()) {
      switch (ch) {
        case 'A': flags |= NOTIFY_GENERIC | NOTIFY_STRING | NOTIFY_LIST | NOTIFY_SET | NOTIFY_HASH
            | NOTIFY_ZSET | NOTIFY_EXPIRED | NOTIFY_STREAM; break;
        case 'g': flags |= NOTIFY_GENERIC; break;
        case '$': flags |= NOTIFY_STRING; break;
        case 'l': flags |= NOTIFY_LIST; break;
        case 's': flags |= NOTIFY_SET; break;
        case 'h': flags |= NOTIFY_HASH; break;
        case 'z': flags |= NOTIFY_ZSET; break;
        case 'x': flags |= NOTIFY_EXPIRED; break;
        case 't': flags |= NOTIFY_STREAM; break;
        case 'K': flags |= NOTIFY_KEYSPACE; break;
        case 'E': flags |= NOTIFY_KEYEVENT; break;
        default: break; // evicted, module, key-miss, new: never raised here
      }
    }
    return flags;
  }

  /**
   * Publishes a keyspace notification ({@code __keyspace@<db>__:<key>} and/or
   * {@code __keyevent@<db>__:<event>}) when {@code notify-keyspace-events} enables {@code type}.
   */
  public void notify(int type, String event, int db, Bytes key) {
    int flags = notifyFlags;
    if ((flags & type) == 0 || (flags & (NOTIFY_KEYSPACE | NOTIFY_KEYEVENT)) == 0) {
      return;
    }
    if ((flags & NOTIFY_KEYSPACE) != 0) {
      byte[] prefix = bytes("__keyspace@" + db + "__:");
      byte[] channel = java.util.Arrays.copyOf(prefix, prefix.length + key.length());
      System.arraycopy(key.bytes(), 0, channel, prefix.length, key.length());
      pubsub.publish(Bytes.wrap(channel), bytes(event));
    }
    if ((flags & NOTIFY_KEYEVENT) != 0) {
      pubsub.publish(Bytes.of("__keyevent@" + db + "__:" + event), key.bytes());
    }
  }

  /** Error replies by prefix (INFO errorstats); server thread only. */
  final java.util.TreeMap<String, Long> errorCounts = new java.util.TreeMap<>();

  /** Counts an error reply under its prefix ({@code ERR}, {@code WRONGTYPE}...). */
  void countError(io.vigil.resp.RespError error) {
    String prefix = error.prefix().isEmpty() ? "ERR" : error.prefix();
    errorCounts.merge(prefix, 1L, Long::sum);
  }

  /**
   * Closes ordinary clients idle for longer than {@code timeout} seconds (0 = never), as Redis's
   * {@code clientsCronHandleTimeout}: replicas, masters, subscribers and blocked clients stay.
   */
  public void closeIdleClients(long nowMillis) {
    long timeout = config.getLong("timeout");
    if (timeout <= 0 || network == null) {
      return;
    }
    for (Connection c : new ArrayList<>(network.connections())) {
      ClientSession s = (ClientSession) c.attachment();
      if (c.kind() == io.vigil.testkit.server.network.ConnectionKind.NORMAL
          && (s == null || s.blocked == null)
          && nowMillis - c.lastInteractionMillis() > timeout * 1000) {
        log.verbose("Closing idle client");
        c.close();
      }
    }
  }

  /** Commands-per-second samples, Redis's {@code trackInstantaneousMetric} (16 samples). */
  private final long[] opsSamples = new long[16];
  private int opsSampleIndex;
  private long lastSampleCommands;
  private long lastSampleNanos = System.nanoTime();

  /** Takes one throughput sample (called by the server's periodic task). */
  public void sampleMetrics() {
    long now = System.nanoTime();
    long elapsed = Math.max(1, now - lastSampleNanos);
    opsSamples[opsSampleIndex++ & 15] = (stats.commands - lastSampleCommands) * 1_000_000_000L / elapsed;
    lastSampleCommands = stats.commands;
    lastSampleNanos = now;
  }

  /** The mean of the recent samples (INFO {@code instantaneous_ops_per_sec}). */
  public long instantaneousOps() {
    long sum = 0;
    for (long v : opsSamples) {
      sum += v;
    }
    return sum / opsSamples.length;
  }

  /** A context over the given parts; {@link #network(RespServer)} must follow before serving. */
  public ServerContext(ServerConfig config, Clock clock, ServerLog log, ReplicationFeed feed) {
    this.config = config;
    this.log = log;
    this.userFeed = feed;
    this.replication = new ReplicationSource(config.getLong("repl-backlog-size"));
    this.keyspace = new Keyspace((int) config.getLong("databases"), clock);
    this.keyspace.listener(this);
    this.runId = randomHex();
    this.startMillis = clock.millis();
    this.lastSaveSeconds = startMillis / 1000;
    refreshCachedConfig();
  }

  /** Re-reads the directives cached for the command path (call after CONFIG SET). */
  public void refreshCachedConfig() {
    slowlogSlowerThan = config.getLong("slowlog-log-slower-than");
    slowlogMaxLen = config.getLong("slowlog-max-len");
    String master = config.get("replicaof");
    readOnlyReplica = master != null && !master.isEmpty() && config.getBool("replica-read-only");
    minReplicasToWrite = config.getLong("min-replicas-to-write");
    minReplicasMaxLag = config.getLong("min-replicas-max-lag");
    hashMaxEntries = config.getLong("hash-max-listpack-entries");
    hashMaxValue = config.getLong("hash-max-listpack-value");
    setMaxIntset = config.getLong("set-max-intset-entries");
    zsetMaxEntries = config.getLong("zset-max-listpack-entries");
    zsetMaxValue = config.getLong("zset-max-listpack-value");
    streamNodeMaxBytes = config.getLong("stream-node-max-bytes");
    streamNodeMaxEntries = config.getLong("stream-node-max-entries");
    pubsub.outputLimit(outputHardLimit("pubsub"));
    notifyFlags = notifyFlags(config.get("notify-keyspace-events"));
  }

  /** The hard limit of {@code client-output-buffer-limit} for one client class, bytes. */
  private long outputHardLimit(String clientClass) {
    String[] f = config.get("client-output-buffer-limit").trim().split("\\s+");
    for (int i = 0; i + 3 < f.length; i += 4) {
      if (f[i].equalsIgnoreCase(clientClass)) {
        Long v = io.vigil.testkit.server.config.ServerConfig.parseMemory(f[i + 1]);
        return v == null ? 0 : v;
      }
    }
    return 0;
  }

  private static String randomHex() {
    byte[] b = new byte[20];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Hands {@code argv} to the replication stream and/or the append-only file. */
  private void feed(int db, List<byte[]> argv, int targets) {
    if ((targets & ClientSession.PROPAGATE_REPLICAS) != 0) {
      replication.propagate(db, argv);
      userFeed.propagate(db, argv);
    }
    if (aof != null && (targets & ClientSession.PROPAGATE_AOF) != 0) {
      aof.propagate(db, argv);
    }
  }

  /** The scripting engine (EVAL, FUNCTION), or null on a Sentinel. */
  public io.vigil.testkit.server.scripting.Scripting scripting() {
    return scripting;
  }

  /** Attaches the scripting engine. */
  public void scripting(io.vigil.testkit.server.scripting.Scripting scripting) {
    this.scripting = scripting;
  }

  /**
   * The error other clients get while a script runs past {@code busy-reply-threshold}
   * ({@code -BUSY ...}), or null when no script is that slow.
   */
  public io.vigil.resp.RespError busy() {
    return busy;
  }

  /** Sets (or clears, with null) the BUSY state; see {@link #busy()}. */
  public void busy(io.vigil.resp.RespError error) {
    this.busy = error;
  }

  /** Records the bound port (INFO {@code tcp_port}). */
  public void setPort(int port) {
    this.tcpPort = port;
  }

  /** Whether active expiry runs (DEBUG SET-ACTIVE-EXPIRE). */
  public boolean activeExpire() {
    return activeExpire;
  }

  /** Attaches the network server (for CLIENT LIST/KILL, timers, SHUTDOWN). */
  public void network(RespServer network) {
    this.network = network;
  }

  /** The network server. */
  public RespServer network() {
    return network;
  }

  /** Live connections. */
  public Collection<Connection> connections() {
    return network.connections();
  }

  /** The server thread. */
  public EventLoop eventLoop() {
    return network.eventLoop();
  }

  /** What SHUTDOWN runs after replying (stops the server). */
  public void shutdownHook(Runnable hook) {
    this.shutdownHook = hook;
  }

  Runnable shutdownHook() {
    return shutdownHook;
  }

  /** The configuration. */
  public ServerConfig config() {
    return config;
  }

  /** The databases. */
  public Keyspace keyspace() {
    return keyspace;
  }

  /** The log. */
  public ServerLog log() {
    return log;
  }

  /** Pub/sub channels and subscribers. */
  public PubSubHub pubsub() {
    return pubsub;
  }

  /** The 40-hex run id (INFO {@code run_id}), new at each start. */
  public String runId() {
    return runId;
  }

  /** The 40-hex replication id (INFO {@code master_replid}). */
  public String replId() {
    return replication.ids().replId();
  }

  /** This node's replication stream, ids, backlog and replicas. */
  public ReplicationSource replication() {
    return replication;
  }

  /** The link to this node's master, or null when it is a master. */
  public MasterLink masterLink() {
    return masterLink;
  }

  /** Sets (or clears, with null) the link to this node's master. */
  public void masterLink(MasterLink link) {
    this.masterLink = link;
    keyspace.lazyExpiryDeletes(link == null);
  }

  /** Attaches the append-only file writer (null detaches it). */
  public void appendOnlyFile(ReplicationFeed aof) {
    this.aof = aof;
  }

  /** A full synchronization replaced the data set: the append-only file, if any, starts over from it. */
  public void dataSetReplaced() {
    if (aof != null) {
      aof.dataSetReplaced();
    }
  }

  /** Records a completed save: resets the change counter and LASTSAVE, counts it. */
  public void saved() {
    resetDirty();
    rdbSaves++;
  }

  /** Saves since start (INFO {@code rdb_saves}). */
  public long rdbSaves() {
    return rdbSaves;
  }

  /** Whether an append-only file is being written (INFO {@code aof_enabled}). */
  public boolean appendOnlyEnabled() {
    return aof != null;
  }

  /** Start time, Unix milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  /** Now, Unix milliseconds, from the injected clock. */
  public long now() {
    return keyspace.now();
  }

  /** Changes since the last save (INFO {@code rdb_changes_since_last_save}). */
  public long dirty() {
    return dirty;
  }

  /** When the data set was last saved, Unix seconds (LASTSAVE). */
  public long lastSaveSeconds() {
    return lastSaveSeconds;
  }

  /** Request limits for new connections, from {@code proto-max-bulk-len}. */
  public RespLimits requestLimits() {
    return RespLimits.builder().maxBulkLength(config.getLong("proto-max-bulk-len")).build();
  }

  // --- propagation ---------------------------------------------------------------------------

  /** Starts a background cycle (active expiry): its propagations are grouped like a command's. */
  public void beginCycle() {
    beginPropagation();
  }

  /** Ends a background cycle; expired keys are propagated one DEL each, unwrapped. */
  public void endCycle() {
    List<Object[]> ops = pendingPropagation == null ? null : new ArrayList<>(pendingPropagation);
    pendingPropagation = null;
    propagationBuffer.clear();
    if (ops != null) {
      for (Object[] op : ops) {
        feed((Integer) op[0], cast(op[1]), (Integer) op[2]);
      }
    }
  }

  /**
   * Starts collecting the propagation of one command (or one EXEC); false when a collection is
   * already open (a command run while a slow script yields), which then stays open.
   */
  boolean beginPropagation() {
    if (pendingPropagation == null) {
      propagationBuffer.clear();
      pendingPropagation = propagationBuffer;
      return true;
    }
    return false;
  }

  /**
   * Propagates {@code argv} on {@code db}. Inside a call it is collected, and several commands
   * from one call are wrapped in MULTI/EXEC when the call ends, as Redis 7.0 does.
   */
  public void propagate(int db, List<byte[]> argv) {
    propagate(db, argv, ClientSession.PROPAGATE_ALL);
  }

  /**
   * Propagates {@code argv} on {@code db} to {@code targets} only ({@link
   * ClientSession#PROPAGATE_AOF}, {@link ClientSession#PROPAGATE_REPLICAS}), as a script's
   * {@code redis.set_repl} asks.
   */
  public void propagate(int db, List<byte[]> argv, int targets) {
    if (targets == 0 || (!replication.isFeeding() && aof == null && userFeed == ReplicationFeed.NONE)) {
      return; // nobody listens: skip the bookkeeping on the hot path
    }
    if (pendingPropagation != null) {
      pendingPropagation.add(new Object[] {db, argv, targets});
    } else {
      feed(db, argv, targets);
    }
  }

  /** Ends collection and hands the commands to the feed. */
  void endPropagation() {
    List<Object[]> ops = pendingPropagation;
    pendingPropagation = null;
    if (ops == null || ops.isEmpty()) {
      return;
    }
    ops = new ArrayList<>(ops);
    propagationBuffer.clear();
    if (ops.size() == 1) {
      feed((Integer) ops.get(0)[0], cast(ops.get(0)[1]), (Integer) ops.get(0)[2]);
      return;
    }
    int db = (Integer) ops.get(0)[0];
    feed(db, List.of(bytes("MULTI")), ClientSession.PROPAGATE_ALL);
    for (Object[] op : ops) {
      db = (Integer) op[0];
      feed(db, cast(op[1]), (Integer) op[2]);
    }
    feed(db, List.of(bytes("EXEC")), ClientSession.PROPAGATE_ALL);
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]> cast(Object o) {
    return (List<byte[]>) o;
  }

  static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  // --- keyspace events -----------------------------------------------------------------------

  @Override
  public void keyModified(int db, Bytes key) {
    dirty++;
    watches.touch(db, key);
  }

  @Override
  public void keyReady(int db, Bytes key) {
    blocking.signal(db, key);
  }

  @Override
  public void keyExpired(int db, Bytes key) {
    watches.touch(db, key);
    notify(NOTIFY_EXPIRED, "expired", db, key);
    propagate(db, List.of(bytes("DEL"), key.bytes()));
  }

  /** Counts a change that did not go through the keyspace (e.g. an in-place collection edit). */
  public void addDirty(long n) {
    dirty += n;
  }

  void resetDirty() {
    dirty = 0;
    lastSaveSeconds = now() / 1000;
  }

  // --- encoding limits, live from the configuration -----------------------------------------

  @Override
  public long hashMaxListpackEntries() {
    return hashMaxEntries;
  }

  @Override
  public long hashMaxListpackValue() {
    return hashMaxValue;
  }

  @Override
  public long setMaxIntsetEntries() {
    return setMaxIntset;
  }

  @Override
  public long zsetMaxListpackEntries() {
    return zsetMaxEntries;
  }

  @Override
  public long zsetMaxListpackValue() {
    return zsetMaxValue;
  }
}
