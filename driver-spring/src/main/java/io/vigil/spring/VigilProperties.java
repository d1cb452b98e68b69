package io.vigil.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code vigil.*} configuration properties: where the Vigil client connects and how it
 * behaves.
 *
 * <p>Bound once at start-up; the auto-configuration reads it to build the {@link
 * io.vigil.driver.VigilClient} bean. The connection properties (mode, url, host, port, username,
 * password, database and {@code sentinel.*}) are used as a group: when none of them is set, the
 * connection comes from {@code spring.data.redis.*} instead (see {@link VigilConnectionDetails}).
 * {@link #toString()} never prints a password.
 *
 * <pre>
 * vigil.sentinel.master=mymaster
 * vigil.sentinel.nodes=s1:26379,s2:26379,s3:26379
 * vigil.password=data-node-secret
 * vigil.command-timeout=2s
 * </pre>
 */
@ConfigurationProperties("vigil")
public class VigilProperties {

  /**
   * Where the client connects: standalone (one node) or sentinel (the master that Redis Sentinel
   * names, followed through failovers). When not set, sentinel if sentinel nodes or a sentinel
   * master are set, standalone otherwise.
   */
  private Mode mode;

  /**
   * Connection URL, overriding host, port, username, password and database:
   * redis://[user:password@]host:port[/database] (rediss:// for TLS), or
   * redis-sentinel://[user:password@]host1:26379,host2:26379/master-name (rediss-sentinel:// for
   * TLS), which also sets the sentinel nodes and master.
   */
  private String url;

  /** Host of the data node in standalone mode. */
  private String host = "localhost";

  /** Port of the data node in standalone mode. */
  private int port = 6379;

  /** User of the data nodes (Redis ACL); none for the default user. */
  private String username;

  /** Password of the data nodes (requirepass or the ACL user's). */
  private String password;

  /** Database index selected on every connection. */
  private int database = 0;

  /** Name set on every connection with CLIENT SETNAME. */
  private String clientName;

  /**
   * How long a command may take, waiting for a connection or a new master included, before it
   * fails.
   */
  private Duration commandTimeout = Duration.ofSeconds(5);

  /**
   * How long a TCP connect plus handshake may take; in sentinel mode also how long start-up waits
   * for the master to be confirmed.
   */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** Multiplexed connections per data node shared by all threads, 1 to 64. */
  private int connectionsPerNode = 1;

  /**
   * Most connections leased at once for blocking commands (BLPOP...), transactions and pub/sub.
   */
  private int maxExclusiveConnections = 64;

  private final Sentinel sentinel = new Sentinel();

  private final Retry retry = new Retry();

  private final Ssl ssl = new Ssl();

  /**
   * Where reads made outside any @ReadFromReplica scope go: master, master-preferred, replica,
   * replica-preferred or nearest. Writes always go to the master.
   */
  private String readPolicy = "master";

  private final Read read = new Read();

  public Mode getMode() {
    return mode;
  }

  public void setMode(Mode mode) {
    this.mode = mode;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public int getDatabase() {
    return database;
  }

  public void setDatabase(int database) {
    this.database = database;
  }

  public String getClientName() {
    return clientName;
  }

  public void setClientName(String clientName) {
    this.clientName = clientName;
  }

  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public int getConnectionsPerNode() {
    return connectionsPerNode;
  }

  public void setConnectionsPerNode(int connectionsPerNode) {
    this.connectionsPerNode = connectionsPerNode;
  }

  public int getMaxExclusiveConnections() {
    return maxExclusiveConnections;
  }

  public void setMaxExclusiveConnections(int maxExclusiveConnections) {
    this.maxExclusiveConnections = maxExclusiveConnections;
  }

  public Sentinel getSentinel() {
    return sentinel;
  }

  public Retry getRetry() {
    return retry;
  }

  public Ssl getSsl() {
    return ssl;
  }

  public String getReadPolicy() {
    return readPolicy;
  }

  public void setReadPolicy(String readPolicy) {
    this.readPolicy = readPolicy;
  }

  public Read getRead() {
    return read;
  }

  @Override
  public String toString() {
    return "VigilProperties{mode=" + mode + ", url=" + (url == null ? null : "(set)") + ", host=" + host
        + ", port=" + port + ", username=" + username + (password == null ? "" : ", password=(hidden)")
        + ", database=" + database + ", sentinel=" + sentinel + "}";
  }

  /** Where the client connects. */
  public enum Mode {

    /** One data node at a fixed address (host and port, or url). */
    STANDALONE,

    /** The master that Redis Sentinel names, followed through failovers. */
    SENTINEL
  }

  /** The {@code vigil.sentinel.*} properties. */
  public static class Sentinel {

    /** Name the sentinels monitor the master under (sentinel monitor NAME ...). */
    private String master;

    /**
     * Sentinels to ask first, as host:port entries (comma-separated, or a list); more are
     * discovered from them.
     */
    private List<String> nodes = new ArrayList<>();

    /** User of the sentinels (Redis ACL), when it differs from the data nodes'. */
    private String username;

    /** Password of the sentinels, when they require one. */
    private String password;

    /** How often one sentinel is asked for the master, in case events were lost. */
    private Duration pollInterval = Duration.ofSeconds(3);

    public String getMaster() {
      return master;
    }

    public void setMaster(String master) {
      this.master = master;
    }

    public List<String> getNodes() {
      return nodes;
    }

    public void setNodes(List<String> nodes) {
      this.nodes = nodes;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    @Override
    public String toString() {
      return "{master=" + master + ", nodes=" + nodes + ", username=" + username
          + (password == null ? "" : ", password=(hidden)") + "}";
    }
  }

  /** The {@code vigil.retry.*} properties: how commands are retried across a failover. */
  public static class Retry {

    /** Attempts in all, the first included, 1 (no retry) to 100. Never past the command timeout. */
    private int maxAttempts = 6;

    /** Wait before the first retry; it doubles up to the max backoff. */
    private Duration initialBackoff = Duration.ofMillis(5);

    /** Longest wait between two attempts. */
    private Duration maxBackoff = Duration.ofMillis(200);

    /** Randomization factor of each wait, at least 0 and below 1. */
    private double jitter = 0.5;

    /**
     * Whether a non-idempotent command whose outcome is unknown (written, then the master died)
     * may run again, at the risk of applying twice.
     */
    private boolean acceptDuplicates = false;

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public double getJitter() {
      return jitter;
    }

    public void setJitter(double jitter) {
      this.jitter = jitter;
    }

    public boolean isAcceptDuplicates() {
      return acceptDuplicates;
    }

    public void setAcceptDuplicates(boolean acceptDuplicates) {
      this.acceptDuplicates = acceptDuplicates;
    }
  }

  /** The {@code vigil.ssl.*} properties: TLS to data nodes and sentinels. */
  public static class Ssl {

    /**
     * Whether to use TLS. Enabled automatically when a bundle is set, unless set to false.
     */
    private Boolean enabled;

    /**
     * Name of the SSL bundle (spring.ssl.bundle.*) with the trust store and client certificate;
     * none for the JVM's default trust store.
     */
    private String bundle;

    /**
     * Whether each data node's and sentinel's certificate must name the host the client connects
     * to (after any address mapper). Turn off only when certificates cannot carry those names;
     * the chain is still checked.
     */
    private boolean verifyHostname = true;

    public boolean isEnabled() {
      return enabled != null ? enabled : bundle != null;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getBundle() {
      return bundle;
    }

    public void setBundle(String bundle) {
      this.bundle = bundle;
    }

    public boolean isVerifyHostname() {
      return verifyHostname;
    }

    public void setVerifyHostname(boolean verifyHostname) {
      this.verifyHostname = verifyHostname;
    }
  }

  /** The {@code vigil.read.*} properties: bounds on reads served by replicas. */
  public static class Read {

    /**
     * How far behind the master a replica may be to serve a read, for vigil.read-policy and for
     * @ReadFromReplica scopes that set no maxLag; none for no bound.
     */
    private Duration maxLag;

    public Duration getMaxLag() {
      return maxLag;
    }

    public void setMaxLag(Duration maxLag) {
      this.maxLag = maxLag;
    }
  }
}
