package io.vigil.testkit.sentinel.monitor;

import io.vigil.testkit.sentinel.election.Vote;
import io.vigil.testkit.sentinel.failure.LinkHealth;

/**
 * Another sentinel monitoring the same master, as discovered from hello messages: its address,
 * run id, what it last said about the master, and its vote. Not thread-safe.
 */
public final class PeerSentinel {

  Address address;
  final String runId;
  final LinkHealth link;
  long lastHello;
  boolean saysMasterDown;
  long lastMasterDownReply;
  long lastAsked;
  Vote vote = Vote.NONE;

  PeerSentinel(Address address, String runId, long now) {
    this.address = address;
    this.runId = runId;
    this.link = new LinkHealth(now);
  }

  /** Where it listens. */
  public Address address() {
    return address;
  }

  /** Its 40-hex run id. */
  public String runId() {
    return runId;
  }

  /** Its latest vote for this master's failover leader. */
  public Vote vote() {
    return vote;
  }

  /** Whether it last said the master is down. */
  public boolean saysMasterDown() {
    return saysMasterDown;
  }

  /** When it last answered IS-MASTER-DOWN-BY-ADDR. */
  public long lastMasterDownReply() {
    return lastMasterDownReply;
  }

  /** When its last hello arrived. */
  public long lastHello() {
    return lastHello;
  }

  /** The link's liveness bookkeeping. */
  public LinkHealth link() {
    return link;
  }
}
