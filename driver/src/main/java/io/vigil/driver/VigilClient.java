package io.vigil.driver;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vigil.driver.internal.client.ClientRuntime;
import io.vigil.driver.internal.client.CommandRunner;
import io.vigil.driver.internal.client.ClientViewImpl;
import io.vigil.driver.internal.client.Codec;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.PoolSettings;
import io.vigil.driver.internal.routing.RoutingRunner;
import io.vigil.driver.internal.routing.Session;
import io.vigil.driver.internal.topology.SentinelOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A Redis client: typed blocking commands on {@code String} keys and values, with an async view,
 * a binary ({@code byte[]}) view, pipelines, transactions and pub/sub.
 *
 * <p>Immutable and thread-safe: build one per application and share it. Commands from all
 * threads are pipelined on a few shared connections ({@link Builder#connectionsPerNode}); blocking
 * commands, transactions and subscriptions lease connections of their own. Building a client
 * returns at once and connects in the background; commands issued before the connection is ready
 * wait for it within their timeout. A lost connection is reopened with exponential backoff and
 * jitter. {@link #close()} closes every connection and stops the I/O threads.
 *
 * <p>Sentinel mode ({@link Builder#sentinels}, {@link Builder#masterName}, or a
 * {@code redis-sentinel://} URI) writes to whichever node the sentinels have made master. While
 * no master is confirmed — the master's connection dropped, or it answered {@code READONLY},
 * {@code MASTERDOWN} or {@code LOADING} — commands wait in a bounded queue and run on the new
 * master within their {@code commandTimeout}; only past it does the caller get a {@link
 * CommandNotSentException} naming the lost master, since when, and what the sentinels reported.
 * A command in flight when the master died is retried when it is safe to repeat (reads,
 * idempotent writes, or a {@link RetryPolicy} that accepts duplicates) and otherwise fails with
 * {@link OutcomeUnknownException}. Blocking commands and transactions on the old master fail;
 * subscriptions move to the new master.
 *
 * <p>Reads go to the master unless a {@link ReadPolicy} sends them to replicas within a lag
 * bound ({@link Builder#readPolicy}, {@link #withReadPolicy}, {@link #execute(ReadPolicy,
 * String...)}); {@link #session()} gives read-your-writes over replicas and {@link #durable}
 * writes that only succeed once replicas confirm them.
 *
 * <p>Errors: see {@link RedisCommands}. Nothing the client logs contains a password.
 *
 * <pre>{@code
 * try (VigilClient redis = VigilClient.create("redis://user:secret@localhost:6379/0")) {
 *   redis.set("greeting", "hello");
 *   String greeting = redis.get("greeting");
 *   redis.async().incr("visits").thenAccept(n -> log.info("visit {}", n));
 * }
 * }</pre>
 */
public final class VigilClient implements ClientView<String, String>, AutoCloseable {

  private final Topology topology;
  private final String description;
  private final ClientRuntime runtime;
  private final ClientViewImpl<String, String> view;
  private final ClientViewImpl<byte[], byte[]> binary;
  private final ReadPolicy readPolicy;
  private final int durableReplicas;
  private final Duration durableTimeout;
  private final Duration replicaWait;

  private VigilClient(Builder b, Topology topology) {
    this.topology = topology;
    this.description = b.toString();
    SslContext ssl = b.sslContext();
    ConnectionSettings settings = new ConnectionSettings(b.username, b.password, b.database, b.clientName,
        b.protocol, ssl, b.connectTimeout, b.commandTimeout, b.limits, Ticker.SYSTEM)
        .withVerifyHostname(b.verifyHostname);
    PoolSettings pool = new PoolSettings(b.connectionsPerNode, b.maxExclusiveConnections,
        b.reconnectBase, b.reconnectMax);
    if (topology instanceof Topology.Sentinel sentinel) {
      // Sentinels speak RESP2 here (their events arrive as plain pub/sub arrays), have no databases
      // and get their own credentials.
      Duration probe = b.connectTimeout.compareTo(Duration.ofMillis(500)) < 0 ? b.connectTimeout : Duration.ofMillis(500);
      ConnectionSettings sentinelSettings = new ConnectionSettings(b.sentinelUsername, b.sentinelPassword, 0, null,
          RespVersion.RESP2, ssl, probe, b.commandTimeout, b.limits, Ticker.SYSTEM)
          .withVerifyHostname(b.verifyHostname);
      SentinelOptions options = new SentinelOptions(sentinel.masterName(), sentinel.sentinels(), sentinelSettings,
          b.addressMapper, b.topologyListener, b.sentinelPollInterval, b.recoveryPollInterval, probe,
          b.failoverQueueSize, b.clock);
      this.runtime = new ClientRuntime(options, settings, pool, b.ioThreads, b.refreshCommandTable, b.meterRegistry,
          b.retryPolicy);
    } else {
      this.runtime = new ClientRuntime(((Topology.Standalone) topology).node(), settings, pool, b.ioThreads,
          b.refreshCommandTable);
    }
    this.readPolicy = b.readPolicy;
    this.durableReplicas = b.durableReplicas;
    this.durableTimeout = b.durableTimeout;
    this.replicaWait = b.replicaWait;
    runtime.configureReplicas(b.replicaSampleInterval, b.meterRegistry);
    CommandRunner routed = routed(runtime.runner(), readPolicy, null, durableReplicas, durableTimeout);
    this.view = new ClientViewImpl<>(runtime, routed, runtime.runner(), Codec.UTF8);
    this.binary = new ClientViewImpl<>(runtime, routed, runtime.runner(), Codec.BYTES);
  }

  private CommandRunner routed(CommandRunner base, ReadPolicy policy, Session session, int replicas, Duration timeout) {
    return runtime.routed(base, policy, session, replicas, timeout, replicaWait);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client for {@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for
   * TLS), with the other options at their defaults.
   */
  public static VigilClient create(String uri) {
    return builder().uri(uri).build();
  }

  /** Where the client connects. */
  public Topology topology() {
    return topology;
  }

  /**
   * The same commands retried across failovers with {@code policy} instead of the client's
   * {@link Builder#retryPolicy}; shares this client's connections. In standalone mode commands
   * are not retried and the policy has no effect.
   *
   * <pre>{@code
   * redis.withRetry(RetryPolicy.builder().acceptDuplicates(true).build()).incr("page-views");
   * }</pre>
   */
  public ClientView<String, String> withRetry(RetryPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    CommandRunner base = runtime.runner(policy);
    return new ClientViewImpl<>(runtime, routed(base, readPolicy, null, durableReplicas, durableTimeout), base,
        Codec.UTF8);
  }

  /**
   * The same commands with reads routed by {@code policy} instead of the client's {@link
   * Builder#readPolicy}; writes, pipelines, transactions and subscriptions still go to the master.
   * Cheap; shares this client's connections.
   *
   * <pre>{@code
   * ClientView<String, String> cache = redis.withReadPolicy(ReadPolicy.replicaPreferred().maxLag(Duration.ofMillis(100)));
   * String v = cache.get("profile:42");
   * }</pre>
   */
  public ClientView<String, String> withReadPolicy(ReadPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return new ClientViewImpl<>(runtime, routed(runtime.runner(), policy, null, durableReplicas, durableTimeout),
        runtime.runner(), Codec.UTF8);
  }

  /**
   * A read-your-writes session with the client's read policy, or {@link
   * ReadPolicy#replicaPreferred()} when the client reads only from the master. See {@link
   * #session(ReadPolicy)}.
   */
  public ClientView<String, String> session() {
    return session(readPolicy.mayReadReplicas() ? readPolicy : ReadPolicy.replicaPreferred());
  }

  /**
   * A read-your-writes session: its reads follow {@code policy} but go only to replicas that
   * have every write made through the session (else to the master), so a read never misses the
   * session's own writes. Each write's position in the master's replication stream is learnt
   * from the replica sampler, so a read right after a write goes to the master until the next
   * sample (at most one sampling interval). Thread-safe: pass it between threads, and the reads
   * of one see the writes of another. Across a failover the session's offsets keep their meaning
   * when the new master continues the old one's replication history ({@code replid2}); otherwise
   * its reads go to the master.
   */
  public ClientView<String, String> session(ReadPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    Session session = RoutingRunner.newSession(runtime.replicas());
    return new ClientViewImpl<>(runtime, routed(runtime.runner(), policy, session, durableReplicas, durableTimeout),
        runtime.runner(), Codec.UTF8);
  }

  /**
   * The same commands, with every write acknowledged only once {@code replicas} replicas have it
   * ({@code WAIT replicas timeout} on the write's own connection). When fewer confirm within
   * {@code timeout} the write throws {@link NotDurableException}: it is applied on the master but
   * not confirmed durable. Each write and its {@code WAIT} share one leased master connection.
   * Through a failover a durable write behaves like any write: an attempt that was not sent, or
   * that reached a demoted master ({@code READONLY}), runs again on the next confirmed master; one
   * whose outcome is unknown runs again only when the command is safe to repeat; all within the
   * command timeout plus {@code timeout}. Reads follow the client's read policy.
   *
   * <p>Behind Sentinel, ask for every replica when a write must survive any failover. With fewer,
   * Sentinel may promote a replica that lacks the write (it ranks replicas by offsets up to seconds
   * old), and a killed master that returns before the failover ends can collect writes that a
   * replica not yet moved confirms, which are then lost to the resync: the chaos suite measured
   * such losses with 1 of 2 replicas and none with 2 of 2. The price of every replica is that
   * durable writes fail as {@link NotDurableException} while one is down.
   *
   * @throws IllegalArgumentException when {@code replicas} is below 1 or {@code timeout} not positive
   */
  public ClientView<String, String> durable(int replicas, Duration timeout) {
    checkDurable(replicas, timeout);
    return new ClientViewImpl<>(runtime, routed(runtime.runner(), readPolicy, null, replicas, timeout),
        runtime.runner(), Codec.UTF8);
  }

  /** {@link #execute(String...)} with its read routed by {@code policy}, for one call. */
  public RespValue execute(ReadPolicy policy, String... args) {
    Objects.requireNonNull(policy, "policy");
    return withReadPolicy(policy).execute(args);
  }

  /** The client's read policy ({@link Builder#readPolicy}). */
  public ReadPolicy readPolicy() {
    return readPolicy;
  }

  static void checkDurable(int replicas, Duration timeout) {
    if (replicas < 1) {
      throw new IllegalArgumentException("durable writes need at least 1 replica, got " + replicas);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the durable write timeout must be positive, got " + timeout);
    }
  }

  /** The master commands go to now, or null while none is confirmed (always null in standalone mode). */
  public Endpoint currentMaster() {
    return runtime.tracker() == null ? null : runtime.tracker().confirmedMaster();
  }

  /** The same commands with {@code byte[]} keys and values; shares this client's connections. */
  public ClientView<byte[], byte[]> binary() {
    return binary;
  }

  @Override
  public RedisAsyncCommands<String, String> async() {
    return view.async();
  }

  @Override
  public Pipeline<String, String> pipeline() {
    return view.pipeline();
  }

  @Override
  public Transaction<String, String> transaction() {
    return view.transaction();
  }

  @Override
  public Subscription<String> subscribe(PubSubListener<String, String> listener, String... channels) {
    return view.subscribe(listener, channels);
  }

  @Override
  public Subscription<String> psubscribe(PubSubListener<String, String> listener, String... patterns) {
    return view.psubscribe(listener, patterns);
  }

  @Override
  public RespValue execute(String... args) {
    return view.execute(args);
  }

  @Override
  public RespValue execute(byte[]... args) {
    return view.execute(args);
  }

  /** Closes subscriptions and connections and stops the I/O threads; blocks until they ended. */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "VigilClient{" + description + "}";
  }

  // --- strings -----------------------------------------------------------------------------------

  @Override
  public String get(String key) {
    return view.get(key);
  }

  @Override
  public String set(String key, String value) {
    return view.set(key, value);
  }

  @Override
  public String set(String key, String value, Duration ttl) {
    return view.set(key, value, ttl);
  }

  @Override
  public boolean setIfAbsent(String key, String value) {
    return view.setIfAbsent(key, value);
  }

  @Override
  public boolean setIfAbsent(String key, String value, Duration ttl) {
    return view.setIfAbsent(key, value, ttl);
  }

  @Override
  public String setAndGet(String key, String value) {
    return view.setAndGet(key, value);
  }

  @Override
  public String getDel(String key) {
    return view.getDel(key);
  }

  @Override
  public List<String> mget(String... keys) {
    return view.mget(keys);
  }

  @Override
  public String mset(Map<String, String> entries) {
    return view.mset(entries);
  }

  @Override
  public long incr(String key) {
    return view.incr(key);
  }

  @Override
  public long incrBy(String key, long amount) {
    return view.incrBy(key, amount);
  }

  @Override
  public long decr(String key) {
    return view.decr(key);
  }

  @Override
  public long decrBy(String key, long amount) {
    return view.decrBy(key, amount);
  }

  @Override
  public double incrByFloat(String key, double amount) {
    return view.incrByFloat(key, amount);
  }

  @Override
  public long append(String key, String value) {
    return view.append(key, value);
  }

  @Override
  public long strlen(String key) {
    return view.strlen(key);
  }

  @Override
  public String getRange(String key, long start, long end) {
    return view.getRange(key, start, end);
  }

  @Override
  public long setRange(String key, long offset, String value) {
    return view.setRange(key, offset, value);
  }


  // --- keys --------------------------------------------------------------------------------------

  @Override
  public long del(String... keys) {
    return view.del(keys);
  }

  @Override
  public long unlink(String... keys) {
    return view.unlink(keys);
  }

  @Override
  public long exists(String... keys) {
    return view.exists(keys);
  }

  @Override
  public boolean expire(String key, Duration ttl) {
    return view.expire(key, ttl);
  }

  @Override
  public boolean expireAt(String key, Instant when) {
    return view.expireAt(key, when);
  }

  @Override
  public boolean persist(String key) {
    return view.persist(key);
  }

  @Override
  public long ttl(String key) {
    return view.ttl(key);
  }

  @Override
  public long pttl(String key) {
    return view.pttl(key);
  }

  @Override
  public String type(String key) {
    return view.type(key);
  }

  @Override
  public String rename(String key, String newKey) {
    return view.rename(key, newKey);
  }

  @Override
  public boolean renameIfAbsent(String key, String newKey) {
    return view.renameIfAbsent(key, newKey);
  }

  @Override
  public List<String> keys(String pattern) {
    return view.keys(pattern);
  }

  @Override
  public ScanPage<String> scan(String cursor, String pattern, long count) {
    return view.scan(cursor, pattern, count);
  }

  @Override
  public long dbsize() {
    return view.dbsize();
  }

  @Override
  public String flushdb() {
    return view.flushdb();
  }


  // --- hashes ------------------------------------------------------------------------------------

  @Override
  public long hset(String key, String field, String value) {
    return view.hset(key, field, value);
  }

  @Override
  public long hset(String key, Map<String, String> fields) {
    return view.hset(key, fields);
  }

  @Override
  public boolean hsetIfAbsent(String key, String field, String value) {
    return view.hsetIfAbsent(key, field, value);
  }

  @Override
  public String hget(String key, String field) {
    return view.hget(key, field);
  }

  @Override
  public List<String> hmget(String key, String... fields) {
    return view.hmget(key, fields);
  }

  @Override
  public Map<String, String> hgetall(String key) {
    return view.hgetall(key);
  }

  @Override
  public long hdel(String key, String... fields) {
    return view.hdel(key, fields);
  }

  @Override
  public boolean hexists(String key, String field) {
    return view.hexists(key, field);
  }

  @Override
  public long hincrBy(String key, String field, long amount) {
    return view.hincrBy(key, field, amount);
  }

  @Override
  public double hincrByFloat(String key, String field, double amount) {
    return view.hincrByFloat(key, field, amount);
  }

  @Override
  public List<String> hkeys(String key) {
    return view.hkeys(key);
  }

  @Override
  public List<String> hvals(String key) {
    return view.hvals(key);
  }

  @Override
  public long hlen(String key) {
    return view.hlen(key);
  }


  // --- lists -------------------------------------------------------------------------------------

  @Override
  public long lpush(String key, String... values) {
    return view.lpush(key, values);
  }

  @Override
  public long rpush(String key, String... values) {
    return view.rpush(key, values);
  }

  @Override
  public String lpop(String key) {
    return view.lpop(key);
  }

  @Override
  public String rpop(String key) {
    return view.rpop(key);
  }

  @Override
  public List<String> lrange(String key, long start, long stop) {
    return view.lrange(key, start, stop);
  }

  @Override
  public long llen(String key) {
    return view.llen(key);
  }

  @Override
  public String lindex(String key, long index) {
    return view.lindex(key, index);
  }

  @Override
  public String lset(String key, long index, String value) {
    return view.lset(key, index, value);
  }

  @Override
  public long lrem(String key, long count, String value) {
    return view.lrem(key, count, value);
  }

  @Override
  public String ltrim(String key, long start, long stop) {
    return view.ltrim(key, start, stop);
  }

  @Override
  public String rpoplpush(String source, String destination) {
    return view.rpoplpush(source, destination);
  }

  @Override
  public KeyValue<String, String> blpop(Duration timeout, String... keys) {
    return view.blpop(timeout, keys);
  }

  @Override
  public KeyValue<String, String> brpop(Duration timeout, String... keys) {
    return view.brpop(timeout, keys);
  }

  @Override
  public String brpoplpush(Duration timeout, String source, String destination) {
    return view.brpoplpush(timeout, source, destination);
  }


  // --- sets --------------------------------------------------------------------------------------

  @Override
  public long sadd(String key, String... members) {
    return view.sadd(key, members);
  }

  @Override
  public long srem(String key, String... members) {
    return view.srem(key, members);
  }

  @Override
  public Set<String> smembers(String key) {
    return view.smembers(key);
  }

  @Override
  public boolean sismember(String key, String member) {
    return view.sismember(key, member);
  }

  @Override
  public long scard(String key) {
    return view.scard(key);
  }

  @Override
  public Set<String> sinter(String... keys) {
    return view.sinter(keys);
  }

  @Override
  public Set<String> sunion(String... keys) {
    return view.sunion(keys);
  }

  @Override
  public Set<String> sdiff(String... keys) {
    return view.sdiff(keys);
  }

  @Override
  public String spop(String key) {
    return view.spop(key);
  }

  @Override
  public String srandmember(String key) {
    return view.srandmember(key);
  }

  @Override
  public boolean smove(String source, String destination, String member) {
    return view.smove(source, destination, member);
  }


  // --- sorted sets -------------------------------------------------------------------------------

  @Override
  public long zadd(String key, double score, String member) {
    return view.zadd(key, score, member);
  }

  @Override
  public long zadd(String key, Collection<ScoredValue<String>> members) {
    return view.zadd(key, members);
  }

  @Override
  public Double zscore(String key, String member) {
    return view.zscore(key, member);
  }

  @Override
  public double zincrby(String key, double amount, String member) {
    return view.zincrby(key, amount, member);
  }

  @Override
  public long zrem(String key, String... members) {
    return view.zrem(key, members);
  }

  @Override
  public long zcard(String key) {
    return view.zcard(key);
  }

  @Override
  public Long zrank(String key, String member) {
    return view.zrank(key, member);
  }

  @Override
  public long zcount(String key, double min, double max) {
    return view.zcount(key, min, max);
  }

  @Override
  public List<String> zrange(String key, long start, long stop) {
    return view.zrange(key, start, stop);
  }

  @Override
  public List<ScoredValue<String>> zrangeWithScores(String key, long start, long stop) {
    return view.zrangeWithScores(key, start, stop);
  }

  @Override
  public List<String> zrevrange(String key, long start, long stop) {
    return view.zrevrange(key, start, stop);
  }

  @Override
  public List<String> zrangeByScore(String key, double min, double max) {
    return view.zrangeByScore(key, min, max);
  }


  // --- pub/sub -----------------------------------------------------------------------------------

  @Override
  public long publish(String channel, String message) {
    return view.publish(channel, message);
  }


  // --- scripting ---------------------------------------------------------------------------------

  @Override
  public Object eval(String script, List<String> keys, List<String> args) {
    return view.eval(script, keys, args);
  }

  @Override
  public Object evalsha(String sha1, List<String> keys, List<String> args) {
    return view.evalsha(sha1, keys, args);
  }

  @Override
  public String scriptLoad(String script) {
    return view.scriptLoad(script);
  }


  // --- server ------------------------------------------------------------------------------------

  @Override
  public String ping() {
    return view.ping();
  }

  @Override
  public String info() {
    return view.info();
  }

  @Override
  public String info(String section) {
    return view.info(section);
  }

  @Override
  public Role role() {
    return view.role();
  }

  @Override
  public long waitReplicas(int replicas, Duration timeout) {
    return view.waitReplicas(replicas, timeout);
  }


  /**
   * Builds a {@link VigilClient}. Every setter validates its value at once and names it in the
   * exception; {@link #build()} checks that either a node or sentinels with a master name were
   * given. Options marked "Sentinel mode" apply only to the latter.
   *
   * <p>Not thread-safe; a builder may build several clients.
   */
  public static final class Builder {

    private Topology topology;
    private String username;
    private String password;
    private int database;
    private String clientName;
    private RespVersion protocol = RespVersion.RESP3;
    private boolean tls;
    private SSLContext jdkSslContext;
    private boolean verifyHostname = true;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration commandTimeout = Duration.ofSeconds(5);
    private int connectionsPerNode = 1;
    private int maxExclusiveConnections = 64;
    private Duration reconnectBase = Duration.ofMillis(10);
    private Duration reconnectMax = Duration.ofSeconds(2);
    private int ioThreads = 1;
    private boolean refreshCommandTable = true;
    private RespLimits limits = RespLimits.DEFAULT;
    private List<Endpoint> sentinels;
    private String masterName;
    private String sentinelUsername;
    private String sentinelPassword;
    private AddressMapper addressMapper = AddressMapper.IDENTITY;
    private TopologyListener topologyListener = new TopologyListener() {};
    private MeterRegistry meterRegistry;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration sentinelPollInterval = Duration.ofSeconds(3);
    private Duration recoveryPollInterval = Duration.ofMillis(20);
    private int failoverQueueSize = 10_000;
    private Clock clock = Clock.systemUTC();
    private ReadPolicy readPolicy = ReadPolicy.master();
    private int durableReplicas;
    private Duration durableTimeout;
    private Duration replicaSampleInterval = Duration.ofMillis(20);
    private Duration replicaWait = Duration.ofMillis(500);

    private Builder() {}

    /**
     * Where reads go by default; default {@link ReadPolicy#master()}. Views can override it
     * ({@link VigilClient#withReadPolicy}).
     */
    public Builder readPolicy(ReadPolicy policy) {
      this.readPolicy = Objects.requireNonNull(policy, "readPolicy");
      return this;
    }

    /**
     * Makes every write durable: acknowledged only once {@code replicas} replicas have it, see
     * {@link VigilClient#durable(int, Duration)}; default off.
     */
    public Builder durableWrites(int replicas, Duration timeout) {
      checkDurable(replicas, timeout);
      this.durableReplicas = replicas;
      this.durableTimeout = timeout;
      return this;
    }

    /**
     * How often the master's and replicas' replication offsets are sampled while reads go to
     * replicas (they stop after 10 s without such reads); default 20 ms, three small commands
     * per interval. A replica that keeps up is proven at most about one interval stale, so
     * keep the interval well below the tightest {@link ReadPolicy#maxLag} in use.
     */
    public Builder replicaSampleInterval(Duration interval) {
      this.replicaSampleInterval = positive("replicaSampleInterval", interval);
      return this;
    }

    /** How long a {@link ReadPolicy#replica()} read waits for an eligible replica before failing; default 500 ms. */
    public Builder replicaWait(Duration wait) {
      Objects.requireNonNull(wait, "replicaWait");
      if (wait.isNegative()) {
        throw new IllegalArgumentException("replicaWait must not be negative, got " + wait);
      }
      this.replicaWait = wait;
      return this;
    }

    /**
     * Applies a {@code redis://[user:password@]host[:port][/database]} URI; {@code rediss://}
     * turns TLS on. User and password are percent-decoded. The port defaults to 6379.
     */
    public Builder uri(String uri) {
      Objects.requireNonNull(uri, "uri");
      if (uri.startsWith("redis-sentinel://") || uri.startsWith("rediss-sentinel://")) {
        return sentinelUri(uri);
      }
      URI parsed;
      try {
        parsed = new URI(uri);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a valid redis URI: " + redact(uri) + " (" + e.getReason() + ")");
      }
      String scheme = parsed.getScheme();
      if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
        throw new IllegalArgumentException("unsupported URI scheme '" + scheme + "' in " + redact(uri)
            + ": use redis://, rediss:// or redis-sentinel://");
      }
      if (parsed.getHost() == null) {
        throw new IllegalArgumentException("the URI " + redact(uri) + " names no host");
      }
      String host = parsed.getHost();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      node(host, parsed.getPort() == -1 ? 6379 : parsed.getPort());
      tls("rediss".equals(scheme));
      String userInfo = parsed.getRawUserInfo();
      if (userInfo != null && !userInfo.isEmpty()) {
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
        String pass = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        username(user == null || user.isEmpty() ? null : user);
        password(pass);
      }
      String path = parsed.getPath();
      if (path != null && path.length() > 1) {
        try {
          database(Integer.parseInt(path.substring(1)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("the database in " + redact(uri) + " must be a number, got '"
              + path.substring(1) + "'");
        }
      }
      if (parsed.getRawQuery() != null) {
        throw new IllegalArgumentException("URI query parameters are not supported (" + redact(uri)
            + "); set options on the builder");
      }
      return this;
    }

    /**
     * Applies {@code redis-sentinel://[user:password@]host1:26379,host2:26380[/masterName][?options]}
     * ({@code rediss-sentinel://} for TLS). User and password are the data nodes'; options are
     * {@code masterName}, {@code database}, {@code clientName}, {@code sentinelUsername},
     * {@code sentinelPassword} and {@code commandTimeout} (milliseconds).
     */
    private Builder sentinelUri(String uri) {
      String rest = uri.substring(uri.indexOf("://") + 3);
      tls(uri.startsWith("rediss-"));
      int at = rest.lastIndexOf('@');
      int slashOrQuery = indexOfAny(rest, at + 1, '/', '?');
      if (at >= 0 && at < (slashOrQuery < 0 ? rest.length() : slashOrQuery)) {
        String userInfo = rest.substring(0, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
        String pass = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        username(user == null || user.isEmpty() ? null : user);
        password(pass);
        rest = rest.substring(at + 1);
        slashOrQuery = indexOfAny(rest, 0, '/', '?');
      }
      String hosts = slashOrQuery < 0 ? rest : rest.substring(0, slashOrQuery);
      String tail = slashOrQuery < 0 ? "" : rest.substring(slashOrQuery);
      try {
        sentinels(hosts);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad sentinel list in " + redact(uri) + ": " + e.getMessage());
      }
      String query = "";
      int q = tail.indexOf('?');
      if (q >= 0) {
        query = tail.substring(q + 1);
        tail = tail.substring(0, q);
      }
      if (tail.length() > 1) {
        masterName(decode(tail.substring(1)));
      }
      for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        switch (key) {
          case "masterName":
            masterName(value);
            break;
          case "database":
            try {
              database(Integer.parseInt(value));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("database in " + redact(uri) + " must be a number, got '" + value + "'");
            }
            break;
          case "clientName":
            clientName(value);
            break;
          case "sentinelUsername":
            sentinelCredentials(value, sentinelPassword);
            break;
          case "sentinelPassword":
            sentinelCredentials(sentinelUsername, value);
            break;
          case "commandTimeout":
            try {
              commandTimeout(Duration.ofMillis(Long.parseLong(value)));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("commandTimeout in " + redact(uri)
                  + " must be milliseconds, got '" + value + "'");
            }
            break;
          default:
            throw new IllegalArgumentException("unknown option '" + key + "' in " + redact(uri)
                + "; known: masterName, database, clientName, sentinelUsername, sentinelPassword, commandTimeout");
        }
      }
      return this;
    }

    private static int indexOfAny(String s, int from, char a, char b) {
      for (int i = Math.max(0, from); i < s.length(); i++) {
        if (s.charAt(i) == a || s.charAt(i) == b) {
          return i;
        }
      }
      return -1;
    }

    /**
     * Sentinel mode: the sentinels to ask first, as {@code "host1:26379,host2:26380"} (a port may
     * be left out for 26379; IPv6 hosts in brackets). Needs {@link #masterName}.
     */
    public Builder sentinels(String hostsAndPorts) {
      Objects.requireNonNull(hostsAndPorts, "sentinels");
      List<Endpoint> list = new java.util.ArrayList<>();
      for (String part : hostsAndPorts.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          throw new IllegalArgumentException("empty entry in the sentinel list '" + hostsAndPorts + "'");
        }
        String host = p;
        int port = 26379;
        int colon = p.lastIndexOf(':');
        if (p.startsWith("[")) {
          int close = p.indexOf(']');
          if (close < 0) {
            throw new IllegalArgumentException("unclosed '[' in sentinel '" + p + "'");
          }
          host = p.substring(1, close);
          if (close + 1 < p.length()) {
            port = port(p.substring(close + 2), p);
          }
        } else if (colon >= 0) {
          host = p.substring(0, colon);
          port = port(p.substring(colon + 1), p);
        }
        list.add(Endpoint.of(host, port));
      }
      return sentinels(list);
    }

    /** Sentinel mode: the sentinels to ask first. Needs {@link #masterName}. */
    public Builder sentinels(List<Endpoint> sentinels) {
      Objects.requireNonNull(sentinels, "sentinels");
      if (sentinels.isEmpty()) {
        throw new IllegalArgumentException("the sentinel list must not be empty");
      }
      this.sentinels = List.copyOf(sentinels);
      return this;
    }

    private static int port(String s, String entry) {
      try {
        return Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad port '" + s + "' in sentinel '" + entry + "'");
      }
    }

    /** Sentinel mode: the name the sentinels monitor the master under ({@code sentinel monitor <name> …}). */
    public Builder masterName(String masterName) {
      Objects.requireNonNull(masterName, "masterName");
      if (masterName.isEmpty() || masterName.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("masterName must be non-empty without spaces, got '" + masterName + "'");
      }
      this.masterName = masterName;
      return this;
    }

    /**
     * Sentinel mode: the ACL user and password for the sentinels, which may differ from the data
     * nodes' ({@link #username}/{@link #password}); nulls for none. Never logged.
     */
    public Builder sentinelCredentials(String username, String password) {
      if (username != null && (username.isEmpty() || username.chars().anyMatch(Character::isWhitespace))) {
        throw new IllegalArgumentException("sentinel username must be non-empty without spaces, got '" + username + "'");
      }
      if (password != null && password.isEmpty()) {
        throw new IllegalArgumentException("sentinel password must not be empty; pass null for none");
      }
      this.sentinelUsername = username;
      this.sentinelPassword = password;
      return this;
    }

    /** Sentinel mode: maps announced addresses to reachable ones (NAT, containers); default none. */
    public Builder addressMapper(AddressMapper mapper) {
      this.addressMapper = Objects.requireNonNull(mapper, "addressMapper");
      return this;
    }

    /** Sentinel mode: told of masters lost and confirmed and of sentinel events; default none. */
    public Builder topologyListener(TopologyListener listener) {
      this.topologyListener = Objects.requireNonNull(listener, "topologyListener");
      return this;
    }

    /** Where the failover meters ({@code vigil.failovers}…) go; default none. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = registry;
      return this;
    }

    /** Sentinel mode: how commands are retried across a failover; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
      return this;
    }

    /** Sentinel mode: how often one sentinel is asked for the master, in case events were lost; default 3 s. */
    public Builder sentinelPollInterval(Duration interval) {
      this.sentinelPollInterval = positive("sentinelPollInterval", interval);
      return this;
    }

    /** Sentinel mode: how often sentinels and nodes are asked while no master is confirmed; default 20 ms. */
    public Builder recoveryPollInterval(Duration interval) {
      this.recoveryPollInterval = positive("recoveryPollInterval", interval);
      return this;
    }

    /** Sentinel mode: the most commands that wait for a master at once; default 10,000. */
    public Builder failoverQueueSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("failoverQueueSize must be positive, got " + size);
      }
      this.failoverQueueSize = size;
      return this;
    }

    /** The wall clock for messages (when a master was lost); default UTC system time. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The single node to use. */
    public Builder node(String host, int port) {
      return node(Endpoint.of(host, port));
    }

    /** The single node to use. */
    public Builder node(Endpoint node) {
      return topology(Topology.standalone(Objects.requireNonNull(node, "node")));
    }

    /** Where to connect; see {@link Topology}. */
    public Builder topology(Topology topology) {
      this.topology = Objects.requireNonNull(topology, "topology");
      return this;
    }

    /** The ACL user; null for the default user. */
    public Builder username(String username) {
      if (username != null && (username.isEmpty() || username.chars().anyMatch(Character::isWhitespace))) {
        throw new IllegalArgumentException("username must be non-empty without spaces, got '" + username + "'");
      }
      this.username = username;
      return this;
    }

    /** The password ({@code requirepass} or the ACL user's); null for none. Never logged. */
    public Builder password(String password) {
      if (password != null && password.isEmpty()) {
        throw new IllegalArgumentException("password must not be empty; pass null for no password");
      }
      this.password = password;
      return this;
    }

    /** The database to {@code SELECT}; default 0. */
    public Builder database(int database) {
      if (database < 0) {
        throw new IllegalArgumentException("database must not be negative, got " + database);
      }
      this.database = database;
      return this;
    }

    /** The name every connection sets with {@code CLIENT SETNAME}; null for none. */
    public Builder clientName(String clientName) {
      if (clientName != null && (clientName.isEmpty() || clientName.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
        throw new IllegalArgumentException("clientName must be printable ASCII without spaces, got '" + clientName + "'");
      }
      this.clientName = clientName;
      return this;
    }

    /**
     * The protocol to ask for: {@link RespVersion#RESP3} (default) sends {@code HELLO 3} and
     * falls back to RESP2 when the server refuses; {@link RespVersion#RESP2} never sends HELLO.
     */
    public Builder protocol(RespVersion protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      return this;
    }

    /** Whether to use TLS with the JVM's default trust store; default false. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Uses TLS with this context (trust store, client certificate); null to clear. Host names are
     * verified with it as with {@link #tls(boolean)}: see {@link #verifyHostname(boolean)}.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.jdkSslContext = sslContext;
      this.tls = sslContext != null || tls;
      return this;
    }

    /**
     * Whether a TLS connection requires the node's certificate to name the host it connects to;
     * default true. The check is the JDK's HTTPS endpoint identification (RFC 2818): a DNS subject
     * alternative name matching the host (a wildcard stands for its leftmost label only; the
     * subject's CN counts only in a certificate without DNS names) or, for an IP literal, an IP
     * subject alternative name. It applies to
     * data nodes and sentinels alike, and to the host an {@link #addressMapper(AddressMapper)
     * address mapper} returns, which is the host connected to; a host name also goes out as SNI.
     * A mismatch fails the connection before anything is sent, with a {@link ConnectionException}
     * naming the host and the certificate's names.
     *
     * <p>{@code false} checks only that the certificate chains to a trusted authority, so any
     * node holding a certificate from that authority can pose as any other: turn it off only when
     * the certificates cannot carry the names the client sees, for example addresses announced
     * behind NAT that no mapper can turn into names.
     */
    public Builder verifyHostname(boolean verify) {
      this.verifyHostname = verify;
      return this;
    }

    /** How long a TCP connect plus handshake may take; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * How long a command may wait for its reply, connection wait included; default 5 s. Blocking
     * commands get their own timeout on top.
     */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive("commandTimeout", timeout);
      return this;
    }

    /** Multiplexed connections per node; default 1 (the benchmark's best on small machines). */
    public Builder connectionsPerNode(int n) {
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("connectionsPerNode must be between 1 and 64, got " + n);
      }
      this.connectionsPerNode = n;
      return this;
    }

    /** The most connections leased at once for blocking commands, transactions and pub/sub; default 64. */
    public Builder maxExclusiveConnections(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxExclusiveConnections must be positive, got " + n);
      }
      this.maxExclusiveConnections = n;
      return this;
    }

    /** Reconnect delays: the first is up to {@code base}, doubling up to {@code max}; default 10 ms to 2 s. */
    public Builder reconnectBackoff(Duration base, Duration max) {
      positive("reconnect base", base);
      positive("reconnect max", max);
      if (max.compareTo(base) < 0) {
        throw new IllegalArgumentException("reconnect max " + max + " must not be below its base " + base);
      }
      this.reconnectBase = base;
      this.reconnectMax = max;
      return this;
    }

    /** I/O threads; default 1, which one node cannot keep busy beyond. */
    public Builder ioThreads(int n) {
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("ioThreads must be between 1 and 64, got " + n);
      }
      this.ioThreads = n;
      return this;
    }

    /** Whether to learn command flags from the server's {@code COMMAND} reply on first connect; default true. */
    public Builder refreshCommandTable(boolean refresh) {
      this.refreshCommandTable = refresh;
      return this;
    }

    /** Limits on reply sizes; default {@link RespLimits#DEFAULT}. */
    public Builder limits(RespLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Builds the client. Standalone: starts connecting and returns at once. Sentinel mode: asks
     * the sentinels for the master (failing with {@link ConnectionException} when none answers,
     * with {@link IllegalArgumentException} when none knows the master name) and waits up to the
     * connect timeout for the master to be confirmed.
     */
    public VigilClient build() {
      Topology t = topology;
      if (sentinels != null || masterName != null) {
        if (sentinels == null) {
          throw new IllegalStateException("masterName '" + masterName + "' is set but no sentinels: call sentinels(\"host:26379,…\")");
        }
        if (masterName == null) {
          throw new IllegalStateException("sentinels " + sentinels + " are set but no masterName: call masterName(\"mymaster\")");
        }
        if (topology instanceof Topology.Standalone) {
          throw new IllegalStateException("both a node (" + topology + ") and sentinels are configured; choose one");
        }
        t = Topology.sentinel(sentinels, masterName);
      }
      if (t == null) {
        throw new IllegalStateException("no node configured: call node(host, port), sentinels(…) with masterName(…),"
            + " or uri(\"redis://host:port\")");
      }
      return new VigilClient(this, t);
    }

    private SslContext sslContext() {
      if (!tls) {
        return null;
      }
      if (jdkSslContext != null) {
        return new JdkSslContext(jdkSslContext, true, null, IdentityCipherSuiteFilter.INSTANCE, null,
            ClientAuth.NONE, null, false);
      }
      try {
        return SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
      }
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URI with its password masked, for messages. */
    private static String redact(String uri) {
      int at = uri.lastIndexOf('@');
      int scheme = uri.indexOf("://");
      if (at < 0 || scheme < 0 || at < scheme) {
        return uri;
      }
      String userInfo = uri.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? "" : userInfo.substring(0, colon);
      return uri.substring(0, scheme + 3) + user + ":****" + uri.substring(at);
    }

    @Override
    public String toString() {
      return (sentinels != null ? "sentinel master " + masterName + " via " + sentinels
          : topology == null ? "no node" : topology.toString())
          + (sentinelPassword == null ? "" : ", sentinel password (hidden)")
          + (username == null ? "" : ", user " + username)
          + (password == null ? "" : ", password (hidden)")
          + ", database " + database + ", " + protocol
          + (tls ? verifyHostname ? ", tls" : ", tls without host-name verification" : "")
          + ", commandTimeout " + commandTimeout.toMillis() + " ms";
    }
  }
}
