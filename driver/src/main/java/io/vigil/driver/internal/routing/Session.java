package io.vigil.driver.internal.routing;

import io.vigil.driver.internal.lag.ReplicaSampler;
import java.util.Optional;

/**
 * A read-your-writes session: the latest moment one of its writes was acknowledged, resolved
 * lazily into the master offset a replica must have reached to serve its reads.
 *
 * <p>An acknowledgement at time {@code t} resolves to the offset of the first master sample sent
 * at or after {@code t} (the master executed the write before answering, so that sample covers
 * it); until such a sample exists, reads go to the master. The offset keeps its meaning while
 * the master's replication id is the one it was taken under, or the promoted master's {@code
 * replid2} up to {@code second_repl_offset}; otherwise reads go to the master.
 *
 * <p>Thread-safe: pass the session between threads freely; each call synchronizes briefly.
 */
public final class Session {

  /** Returned by {@link #requiredOffset} when only the master can serve the session. */
  static final long MASTER_ONLY = Long.MAX_VALUE;

  private final ReplicaTracker tracker;
  /** Guarded by this: the resolved offset (-1 none) and the replication id it belongs to. */
  private long offset = -1;
  private String replid;
  /** Guarded by this: an acknowledgement not yet resolved, or {@link Long#MIN_VALUE}. */
  private long pendingAck = Long.MIN_VALUE;
  private boolean pending;

  Session(ReplicaTracker tracker) {
    this.tracker = tracker;
  }

  /** One of the session's writes was acknowledged (or may have applied) at {@code ackNanos}. */
  synchronized void wrote(long ackNanos) {
    pending = true;
    pendingAck = Math.max(pendingAck, ackNanos);
  }

  /** The offset a replica must have reached: -1 when nothing was written, {@link #MASTER_ONLY} when unknown. */
  synchronized long requiredOffset() {
    ReplicaSampler.MasterIds ids = tracker.ids();
    if (pending) {
      Optional<Long> covering = tracker.lag().offsetCovering(pendingAck);
      if (covering.isEmpty() || ids == null) {
        tracker.nudge();
        return MASTER_ONLY;
      }
      long o = covering.get();
      if (offset >= 0 && !continues(ids, replid, offset)) {
        offset = -1; // an unrelated history: the older offset means nothing on this master
      }
      offset = Math.max(offset, o);
      replid = ids.replid();
      pending = false;
    }
    if (offset < 0) {
      return -1;
    }
    if (ids == null) {
      return MASTER_ONLY;
    }
    return continues(ids, replid, offset) ? offset : MASTER_ONLY;
  }

  /** Whether {@code offset} under {@code replid} means the same data on the master {@code ids} describes. */
  static boolean continues(ReplicaSampler.MasterIds ids, String replid, long offset) {
    if (replid == null) {
      return false;
    }
    if (replid.equals(ids.replid())) {
      return true;
    }
    return replid.equals(ids.replid2()) && offset <= ids.secondOffset();
  }
}
