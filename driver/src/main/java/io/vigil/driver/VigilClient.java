package io.vigil.driver;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vigil.driver.codec.ByteArrayCodec;
import io.vigil.driver.codec.StringCodec;
import io.vigil.driver.internal.client.ClientOptions;
import io.vigil.driver.internal.client.ClientRuntime;
import io.vigil.driver.internal.client.ClientViewImpl;
import io.vigil.driver.internal.client.RedisUri;
import io.vigil.driver.internal.client.ViewSettings;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.PoolSettings;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * A Redis client: the root {@link ClientView} — typed blocking commands on {@code String} keys and
 * values, with async, pipelines, transactions, pub/sub and every derived view (a codec, a read
 * policy, a session, durable writes).
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
 * bound ({@link Builder#readPolicy}, {@link #withReadPolicy}); {@link #session()} gives
 * read-your-writes over replicas and {@link #durable} writes that only succeed once replicas
 * confirm them. See {@link ClientView} for how views combine.
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
public final class VigilClient extends ClientViewImpl<String, String> implements AutoCloseable {

  private final ClientRuntime runtime;

  private VigilClient(ClientRuntime runtime) {
    super(runtime, runtime.options().rootView(), StringCodec.UTF8);
    this.runtime = runtime;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client for {@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for
   * TLS) or {@code redis-sentinel://…} (see {@link Builder#uri}), with the other options at their
   * defaults.
   */
  public static VigilClient create(String uri) {
    return builder().uri(uri).build();
  }

  /** Where the client connects. */
  public Topology topology() {
    return runtime.options().topology();
  }

  /**
   * The master commands go to now: the node in standalone mode; behind Sentinel the confirmed
   * master, or null while none is confirmed.
   */
  public Endpoint currentMaster() {
    return runtime.source().confirmedMaster();
  }

  /** The same commands with {@code byte[]} keys and values: {@code withCodec(ByteArrayCodec.INSTANCE)}. */
  public ClientView<byte[], byte[]> binary() {
    return withCodec(ByteArrayCodec.INSTANCE);
  }

  /** Closes subscriptions and connections and stops the I/O threads; blocks until they ended. */
  @Override
  public void close() {
    runtime.close();
  }

  @Override
  public String toString() {
    return "VigilClient{" + runtime.options().description() + "}";
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
    private TopologyListener topologyListener = TopologyListener.NONE;
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
      ViewSettings.checkDurable(replicas, timeout);
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
     * Applies a URI: {@code redis://[user:password@]host[:port][/database]} ({@code rediss://}
     * turns TLS on; the port defaults to 6379), or {@code
     * redis-sentinel://[user:password@]host1:26379,host2:26380[/masterName][?options]} ({@code
     * rediss-sentinel://}) whose options are {@code masterName}, {@code database}, {@code
     * clientName}, {@code sentinelUsername}, {@code sentinelPassword} and {@code commandTimeout}
     * (milliseconds). User and password are the data nodes', percent-decoded. A bad URI throws
     * {@link IllegalArgumentException} with the password masked.
     */
    public Builder uri(String uri) {
      RedisUri u = RedisUri.parse(uri);
      tls(u.tls());
      if (u.node() != null) {
        node(u.node());
      } else {
        sentinels(u.sentinels());
        if (u.masterName() != null) {
          masterName(u.masterName());
        }
      }
      if (u.password() != null) {
        username(u.username());
        password(u.password());
      }
      if (u.database() != null) {
        database(u.database());
      }
      if (u.clientName() != null) {
        clientName(u.clientName());
      }
      if (u.sentinelUsername() != null || u.sentinelPassword() != null) {
        sentinelCredentials(u.sentinelUsername() != null ? u.sentinelUsername() : sentinelUsername,
            u.sentinelPassword() != null ? u.sentinelPassword() : sentinelPassword);
      }
      if (u.commandTimeout() != null) {
        commandTimeout(u.commandTimeout());
      }
      return this;
    }

    /**
     * Sentinel mode: the sentinels to ask first, as {@code "host1:26379,host2:26380"} (a port may
     * be left out for 26379; IPv6 hosts in brackets). Needs {@link #masterName}.
     */
    public Builder sentinels(String hostsAndPorts) {
      return sentinels(RedisUri.hostList(hostsAndPorts, 26379, "sentinel"));
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
      return new VigilClient(new ClientRuntime(options(t)));
    }

    private ClientOptions options(Topology t) {
      SslContext ssl = sslContext();
      ConnectionSettings connection = new ConnectionSettings(username, password, database, clientName, protocol, ssl,
          connectTimeout, commandTimeout, limits, Ticker.SYSTEM).withVerifyHostname(verifyHostname);
      // Sentinels speak RESP2 here (their events arrive as plain pub/sub arrays), have no databases
      // and get their own credentials.
      Duration probe = connectTimeout.compareTo(Duration.ofMillis(500)) < 0 ? connectTimeout : Duration.ofMillis(500);
      ConnectionSettings sentinel = new ConnectionSettings(sentinelUsername, sentinelPassword, 0, null,
          RespVersion.RESP2, ssl, probe, commandTimeout, limits, Ticker.SYSTEM).withVerifyHostname(verifyHostname);
      PoolSettings pool = new PoolSettings(connectionsPerNode, maxExclusiveConnections, reconnectBase, reconnectMax);
      ViewSettings root = new ViewSettings(readPolicy, retryPolicy, null, durableReplicas, durableTimeout);
      return new ClientOptions(t, connection, sentinel, pool, ioThreads, refreshCommandTable, addressMapper,
          topologyListener, sentinelPollInterval, recoveryPollInterval, failoverQueueSize, clock, meterRegistry, root,
          replicaSampleInterval, replicaWait, describe(t));
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



    private String describe(Topology t) {
      return (t == null ? "no node" : t.toString())
          + (sentinelPassword == null ? "" : ", sentinel password (hidden)")
          + (username == null ? "" : ", user " + username)
          + (password == null ? "" : ", password (hidden)")
          + ", database " + database + ", " + protocol
          + (tls ? verifyHostname ? ", tls" : ", tls without host-name verification" : "")
          + ", commandTimeout " + commandTimeout.toMillis() + " ms";
    }

    @Override
    public String toString() {
      return describe(sentinels != null ? Topology.sentinel(sentinels, masterName == null ? "?" : masterName)
          : topology);
    }
  }
}
