package io.vigil.testkit.sentinel.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sentinel.conf says about one monitored master: the {@code sentinel monitor} line and
 * every per-master option and piece of remembered state ({@code known-replica}, {@code
 * known-sentinel}, epochs).
 *
 * <p>Mutable while the file is parsed, then owned by one sentinel; not thread-safe.
 */
public final class MonitoredMaster {

  /** Redis's default {@code down-after-milliseconds}. */
  public static final long DEFAULT_DOWN_AFTER_MS = 30_000;
  /** Redis's default {@code failover-timeout}. */
  public static final long DEFAULT_FAILOVER_TIMEOUT_MS = 180_000;
  /** Redis's default {@code parallel-syncs}. */
  public static final int DEFAULT_PARALLEL_SYNCS = 1;

  private final String name;
  private String host;
  private int port;
  private int quorum;
  private long downAfterMillis = DEFAULT_DOWN_AFTER_MS;
  private long failoverTimeoutMillis = DEFAULT_FAILOVER_TIMEOUT_MS;
  private int parallelSyncs = DEFAULT_PARALLEL_SYNCS;
  private long masterRebootDownAfterMillis;
  private String authPass;
  private String authUser;
  private String notificationScript;
  private String clientReconfigScript;
  private long configEpoch;
  private long leaderEpoch;
  private final List<HostPort> knownReplicas = new ArrayList<>();
  private final List<KnownSentinel> knownSentinels = new ArrayList<>();
  private final Map<String, String> renamedCommands = new LinkedHashMap<>();

  public MonitoredMaster(String name, String host, int port, int quorum) {
    this.name = Objects.requireNonNull(name, "name");
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.quorum = quorum;
  }

  /** A replica or sentinel address. */
  public record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** Another sentinel remembered from an earlier run; {@code runId} may be null. */
  public record KnownSentinel(String host, int port, String runId) {}

  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** Moves the master, as after a failover ({@code +switch-master}). */
  public void address(String host, int port) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
  }

  public int quorum() {
    return quorum;
  }

  public void quorum(int quorum) {
    this.quorum = quorum;
  }

  public long downAfterMillis() {
    return downAfterMillis;
  }

  public void downAfterMillis(long millis) {
    this.downAfterMillis = millis;
  }

  public long failoverTimeoutMillis() {
    return failoverTimeoutMillis;
  }

  public void failoverTimeoutMillis(long millis) {
    this.failoverTimeoutMillis = millis;
  }

  public int parallelSyncs() {
    return parallelSyncs;
  }

  public void parallelSyncs(int n) {
    this.parallelSyncs = n;
  }

  /** 0 when unset. */
  public long masterRebootDownAfterMillis() {
    return masterRebootDownAfterMillis;
  }

  public void masterRebootDownAfterMillis(long millis) {
    this.masterRebootDownAfterMillis = millis;
  }

  /** The password for the data nodes of this master, or null. Never log it. */
  public String authPass() {
    return authPass;
  }

  public void authPass(String password) {
    this.authPass = password;
  }

  /** The ACL user for the data nodes of this master, or null. */
  public String authUser() {
    return authUser;
  }

  public void authUser(String user) {
    this.authUser = user;
  }

  public String notificationScript() {
    return notificationScript;
  }

  public void notificationScript(String path) {
    this.notificationScript = path;
  }

  public String clientReconfigScript() {
    return clientReconfigScript;
  }

  public void clientReconfigScript(String path) {
    this.clientReconfigScript = path;
  }

  public long configEpoch() {
    return configEpoch;
  }

  public void configEpoch(long epoch) {
    this.configEpoch = epoch;
  }

  public long leaderEpoch() {
    return leaderEpoch;
  }

  public void leaderEpoch(long epoch) {
    this.leaderEpoch = epoch;
  }

  /** Replicas remembered across restarts, in the order learned. */
  public List<HostPort> knownReplicas() {
    return knownReplicas;
  }

  /** Other sentinels remembered across restarts, in the order learned. */
  public List<KnownSentinel> knownSentinels() {
    return knownSentinels;
  }

  /** {@code sentinel rename-command} entries: original name to the name to send. */
  public Map<String, String> renamedCommands() {
    return renamedCommands;
  }
}
