package io.vigil.testkit.sentinel.election;

import java.util.Objects;

/**
 * A sentinel's vote for the failover leader of one master: the run id it voted for and the
 * epoch of that vote. The leader is {@code "*"} or null before any vote, as in Redis's {@code
 * SENTINEL IS-MASTER-DOWN-BY-ADDR} reply.
 */
public record Vote(String leader, long epoch) {

  /** No vote yet. */
  public static final Vote NONE = new Vote(null, 0);

  /** Whether this is a vote for {@code runId} cast in {@code epoch}. */
  public boolean isFor(String runId, long epoch) {
    return this.epoch == epoch && Objects.equals(leader, runId);
  }
}
