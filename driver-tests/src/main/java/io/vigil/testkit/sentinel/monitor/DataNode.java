package io.vigil.testkit.sentinel.monitor;

import io.vigil.testkit.sentinel.failure.LinkHealth;

/**
 * A sentinel's view of one data node (the master or a replica): its link, what its last INFO
 * said, and the flags of the failover in progress. Owned by a {@link MasterMonitor}; not
 * thread-safe.
 */
public final class DataNode {

  Address address;
  final LinkHealth link;
  String runId;
  long infoRefresh;
  /** Role from the last INFO; true = master. */
  boolean reportsMaster;
  long roleReportedTime;
  long replicaConfChangeTime;
  boolean subjectivelyDown;
  long subjectivelyDownSince;
  long lastHelloPublished;
  long lastInfoSent;
  String lastInfo;
  boolean infoPending;
  // replica fields, from INFO
  String masterHost;
  int masterPort;
  boolean masterLinkUp;
  long masterLinkDownMillis;
  int priority = 100;
  long replicationOffset;
  // failover flags
  boolean promoted;
  boolean reconfSent;
  boolean reconfInProgress;
  boolean reconfDone;
  long reconfSentTime;

  DataNode(Address address, long now, boolean master) {
    this.address = address;
    this.link = new LinkHealth(now);
    this.reportsMaster = master;
    this.roleReportedTime = now;
    this.replicaConfChangeTime = now;
  }

  /** The node's address. */
  public Address address() {
    return address;
  }

  /** The run id from INFO, or null. */
  public String runId() {
    return runId;
  }

  /** Whether this sentinel considers the node subjectively down. */
  public boolean isSubjectivelyDown() {
    return subjectivelyDown;
  }

  /** Whether the node's last INFO said {@code role:master}. */
  public boolean reportsMaster() {
    return reportsMaster;
  }

  /** {@code slave_repl_offset} from the last INFO. */
  public long replicationOffset() {
    return replicationOffset;
  }

  /** {@code slave_priority} from the last INFO. */
  public int priority() {
    return priority;
  }

  /** When it last went subjectively down (kept after it comes back), 0 if never. */
  public long subjectivelyDownSince() {
    return subjectivelyDownSince;
  }

  /** When its reported role last changed. */
  public long roleReportedTime() {
    return roleReportedTime;
  }

  /** The text of its last INFO reply, or null. */
  public String lastInfo() {
    return lastInfo;
  }

  /** For a replica: {@code master_link_down_since_seconds} in ms (0 when up). */
  public long masterLinkDownMillis() {
    return masterLinkDownMillis;
  }

  /** The link's liveness bookkeeping. */
  public LinkHealth link() {
    return link;
  }

  /** When INFO was last received, 0 if never. */
  public long infoRefresh() {
    return infoRefresh;
  }

  /** For a replica: the master host its INFO reports, or null. */
  public String masterHost() {
    return masterHost;
  }

  /** For a replica: the master port its INFO reports. */
  public int masterPort() {
    return masterPort;
  }

  /** For a replica: whether its link to the master is up. */
  public boolean masterLinkUp() {
    return masterLinkUp;
  }

  void clearFailoverFlags() {
    promoted = false;
    reconfSent = false;
    reconfInProgress = false;
    reconfDone = false;
  }
}
