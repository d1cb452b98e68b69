package io.vigil.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a read may go: the master, a replica, or whichever is nearest, optionally bounded by how
 * stale a replica may be ({@link #maxLag(Duration)} in time, {@link #maxLagBytes(long)} in
 * replication bytes).
 *
 * <p>Immutable and thread-safe; the bound methods return a new policy. A read never goes to a
 * replica whose lag is beyond the bound or unknown, whose link to the master is down, that is
 * loading, or that the sentinels report down. When no replica qualifies, {@link
 * #replicaPreferred()} and {@link #nearest()} read from the master, {@link #masterPreferred()}
 * reads from a replica only while the master is unknown, and {@link #replica()} waits briefly
 * for one to qualify, then fails with a {@link NoEligibleReplicaException} naming the replicas
 * and their lags. Writes always go to the master. During a failover a read that may go to the
 * master waits for the new master like any command; lag evidence is reset with the master.
 *
 * <pre>{@code
 * ClientView<String, String> reads = client.withReadPolicy(ReadPolicy.replicaPreferred().maxLag(Duration.ofMillis(100)));
 * String v = reads.get("k");
 * }</pre>
 */
public final class ReadPolicy {

  /** Where reads go first. */
  public enum Target {
    /** Always the master. */
    MASTER,
    /** The master; a replica within the bound only while no master is known. */
    MASTER_PREFERRED,
    /** Only replicas within the bound; fails when none qualifies. */
    REPLICA,
    /** A replica within the bound, else the master. */
    REPLICA_PREFERRED,
    /** The node with the lowest measured round trip among the master and the replicas within the bound. */
    NEAREST
  }

  private static final ReadPolicy MASTER = new ReadPolicy(Target.MASTER, 0, 0);

  private final Target target;
  private final long maxLagNanos;
  private final long maxLagBytes;

  private ReadPolicy(Target target, long maxLagNanos, long maxLagBytes) {
    this.target = target;
    this.maxLagNanos = maxLagNanos;
    this.maxLagBytes = maxLagBytes;
  }

  /** Every read goes to the master (the default). */
  public static ReadPolicy master() {
    return MASTER;
  }

  /** Reads go to the master, to a replica within the bound only while no master is known. */
  public static ReadPolicy masterPreferred() {
    return new ReadPolicy(Target.MASTER_PREFERRED, 0, 0);
  }

  /** Reads go only to replicas within the bound. */
  public static ReadPolicy replica() {
    return new ReadPolicy(Target.REPLICA, 0, 0);
  }

  /** Reads go to a replica within the bound, else to the master. */
  public static ReadPolicy replicaPreferred() {
    return new ReadPolicy(Target.REPLICA_PREFERRED, 0, 0);
  }

  /** Reads go to the node with the lowest round trip: the master or a replica within the bound. */
  public static ReadPolicy nearest() {
    return new ReadPolicy(Target.NEAREST, 0, 0);
  }

  /**
   * This policy, reading from a replica only when it provably holds every write the master
   * acknowledged more than {@code maxLag} ago.
   *
   * @throws IllegalArgumentException when {@code maxLag} is not positive
   */
  public ReadPolicy maxLag(Duration maxLag) {
    Objects.requireNonNull(maxLag, "maxLag");
    if (maxLag.isNegative() || maxLag.isZero()) {
      throw new IllegalArgumentException("maxLag must be positive, got " + maxLag);
    }
    return new ReadPolicy(target, maxLag.toNanos(), maxLagBytes);
  }

  /**
   * This policy, reading from a replica only when it trails the master by at most {@code
   * maxLagBytes} bytes of replication stream.
   *
   * @throws IllegalArgumentException when {@code maxLagBytes} is negative
   */
  public ReadPolicy maxLagBytes(long maxLagBytes) {
    if (maxLagBytes < 0) {
      throw new IllegalArgumentException("maxLagBytes must be 0 or more, got " + maxLagBytes);
    }
    // 0 bytes means "fully caught up"; internally a bound of 0 means none, so keep it distinct
    return new ReadPolicy(target, maxLagNanos, maxLagBytes == 0 ? -1 : maxLagBytes);
  }

  /** Where reads go first. */
  public Target target() {
    return target;
  }

  /** The time bound, or {@code null} when there is none. */
  public Duration maxLag() {
    return maxLagNanos > 0 ? Duration.ofNanos(maxLagNanos) : null;
  }

  /** The byte bound, or -1 when there is none. */
  public long maxLagBytes() {
    return maxLagBytes == 0 ? -1 : Math.max(0, maxLagBytes);
  }

  /** Whether reads under this policy may go to a replica at all. */
  public boolean mayReadReplicas() {
    return target != Target.MASTER;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadPolicy p && p.target == target && p.maxLagNanos == maxLagNanos
        && p.maxLagBytes == maxLagBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(target, maxLagNanos, maxLagBytes);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(target.name().toLowerCase(java.util.Locale.ROOT));
    if (maxLagNanos > 0) {
      s.append(" maxLag=").append(Duration.ofNanos(maxLagNanos).toMillis()).append("ms");
    }
    if (maxLagBytes != 0) {
      s.append(" maxLagBytes=").append(maxLagBytes());
    }
    return s.toString();
  }
}
