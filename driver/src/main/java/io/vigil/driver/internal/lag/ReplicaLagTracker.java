package io.vigil.driver.internal.lag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Tracks the master's replication offset over time and each replica's offset, and from them
 * each replica's lag in bytes and in time, for lag-bounded reads and read-your-writes.
 *
 * <p>Writers (the samplers, one scheduler thread) call {@link #masterOffset}, {@link
 * #replicaOffset} and {@link #masterChanged}; readers (every command that routes a read) call
 * {@link #lag} or {@link #snapshot}, which read an immutable snapshot without locking. Time
 * comes from the injected monotonic nanosecond clock.
 */
public final class ReplicaLagTracker {

  private final LongSupplier nanoClock;
  private final OffsetHistory history;
  /** Guarded by {@code this}. */
  private final Map<String, Observation> replicas = new LinkedHashMap<>();
  private volatile Map<String, ReplicaLag> snapshot = Map.of();

  /**
   * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in production)
   * @param historyCapacity how many master samples to keep; at 100 ms a sample, 600 keep a minute
   */
  public ReplicaLagTracker(LongSupplier nanoClock, int historyCapacity) {
    this.nanoClock = nanoClock;
    this.history = new OffsetHistory(historyCapacity);
  }

  /** The master reported {@code master_repl_offset} now. */
  public synchronized void masterOffset(long offset) {
    history.record(nanoClock.getAsLong(), offset);
    publish();
  }

  /**
   * The master reported {@code master_repl_offset} in reply to a request sent at {@code
   * sentNanos}. Recording the send time, not the arrival, keeps the history conservative: every
   * write acknowledged before the request left was executed before the master answered it.
   * A sample older than the latest one is ignored.
   */
  public synchronized void masterOffset(long sentNanos, long offset) {
    if (sentNanos < history.latestTime()) {
      return;
    }
    history.record(sentNanos, offset);
    publish();
  }

  /** A replica reported its offset ({@code ROLE}/{@code INFO} of the replica, or the master's view). */
  public synchronized void replicaOffset(String replica, long offset, boolean linkUp) {
    Observation previous = replicas.get(replica);
    // Offsets only grow while the replica follows the same master; keep the best evidence.
    long best = previous != null && previous.linkUp && linkUp ? Math.max(previous.offset, offset) : offset;
    replicas.put(replica, new Observation(best, linkUp));
    publish();
  }

  /** A replica left the topology. */
  public synchronized void replicaGone(String replica) {
    if (replicas.remove(replica) != null) {
      publish();
    }
  }

  /** The master changed: offsets from the old one prove nothing about freshness any more. */
  public synchronized void masterChanged() {
    history.clear();
    replicas.clear();
    publish();
  }

  /** When the latest master sample was taken, or {@link Long#MIN_VALUE} when there is none. */
  public synchronized long latestMasterSampleNanos() {
    return history.latestTime();
  }

  /** The latest master offset sampled, or -1. */
  public synchronized long latestMasterOffset() {
    return history.latestOffset();
  }

  /**
   * The master offset a session must see on a replica after a write acknowledged at {@code
   * ackNanos}: the first sample taken after the acknowledgement, if one exists yet.
   */
  public synchronized Optional<Long> offsetCovering(long ackNanos) {
    long offset = history.offsetSince(ackNanos);
    return offset < 0 ? Optional.empty() : Optional.of(offset);
  }

  /** The lag of one replica, if it is known to the tracker. */
  public Optional<ReplicaLag> lag(String replica) {
    return Optional.ofNullable(snapshot.get(replica));
  }

  /** Every replica's lag, as of the latest samples. */
  public List<ReplicaLag> snapshot() {
    return List.copyOf(snapshot.values());
  }

  /** The clock's current time, for callers comparing against {@link ReplicaLag#lag(long)}. */
  public long now() {
    return nanoClock.getAsLong();
  }

  private void publish() {
    Map<String, ReplicaLag> next = new LinkedHashMap<>();
    long master = history.latestOffset();
    for (Map.Entry<String, Observation> e : replicas.entrySet()) {
      Observation o = e.getValue();
      long lagBytes = master < 0 ? 0 : Math.max(0, master - o.offset);
      next.put(e.getKey(), new ReplicaLag(e.getKey(), o.offset, lagBytes, history.coveredUntil(o.offset), o.linkUp));
    }
    snapshot = Map.copyOf(next);
  }

  private record Observation(long offset, boolean linkUp) {}
}
