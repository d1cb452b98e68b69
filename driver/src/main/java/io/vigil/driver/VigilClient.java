package io.vigil.driver;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vigil.driver.internal.client.ClientRuntime;
import io.vigil.driver.internal.client.ClientViewImpl;
import io.vigil.driver.internal.client.Codec;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.PoolSettings;
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

  private VigilClient(Builder b) {
    this.topology = b.topology;
    this.description = b.toString();
    Endpoint node = ((Topology.Standalone) b.topology).node();
    ConnectionSettings settings = new ConnectionSettings(b.username, b.password, b.database, b.clientName,
        b.protocol, b.sslContext(), b.connectTimeout, b.commandTimeout, b.limits, Ticker.SYSTEM);
    PoolSettings pool = new PoolSettings(b.connectionsPerNode, b.maxExclusiveConnections,
        b.reconnectBase, b.reconnectMax);
    this.runtime = new ClientRuntime(node, settings, pool, b.ioThreads, b.refreshCommandTable);
    this.view = new ClientViewImpl<>(runtime, Codec.UTF8);
    this.binary = new ClientViewImpl<>(runtime, Codec.BYTES);
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
   * exception; {@link #build()} checks that a node was given.
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
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration commandTimeout = Duration.ofSeconds(5);
    private int connectionsPerNode = 1;
    private int maxExclusiveConnections = 64;
    private Duration reconnectBase = Duration.ofMillis(10);
    private Duration reconnectMax = Duration.ofSeconds(2);
    private int ioThreads = 1;
    private boolean refreshCommandTable = true;
    private RespLimits limits = RespLimits.DEFAULT;

    private Builder() {}

    /**
     * Applies a {@code redis://[user:password@]host[:port][/database]} URI; {@code rediss://}
     * turns TLS on. User and password are percent-decoded. The port defaults to 6379.
     */
    public Builder uri(String uri) {
      Objects.requireNonNull(uri, "uri");
      URI parsed;
      try {
        parsed = new URI(uri);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a valid redis URI: " + redact(uri) + " (" + e.getReason() + ")");
      }
      String scheme = parsed.getScheme();
      if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
        throw new IllegalArgumentException("unsupported URI scheme '" + scheme + "' in " + redact(uri)
            + ": use redis:// or rediss:// (sentinel URIs come with Sentinel support)");
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

    /** Uses TLS with this context (trust store, client certificate); null to clear. */
    public Builder sslContext(SSLContext sslContext) {
      this.jdkSslContext = sslContext;
      this.tls = sslContext != null || tls;
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

    /** Builds the client and starts connecting; does not wait for the connection. */
    public VigilClient build() {
      if (topology == null) {
        throw new IllegalStateException("no node configured: call node(host, port) or uri(\"redis://host:port\")");
      }
      return new VigilClient(this);
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
      return (topology == null ? "no node" : topology.toString())
          + (username == null ? "" : ", user " + username)
          + (password == null ? "" : ", password (hidden)")
          + ", database " + database + ", " + protocol + (tls ? ", tls" : "")
          + ", commandTimeout " + commandTimeout.toMillis() + " ms";
    }
  }
}
