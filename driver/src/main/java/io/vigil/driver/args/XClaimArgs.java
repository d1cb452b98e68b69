package io.vigil.driver.args;

import java.time.Duration;
import java.time.Instant;

/**
 * Options of {@code XCLAIM}: set the claimed entries' idle time ({@code IDLE}) or last-delivery
 * time ({@code TIME}), their delivery count ({@code RETRYCOUNT}), create pending entries for IDs
 * not pending yet ({@code FORCE}), and move the group's last delivered ID ({@code LASTID}).
 *
 * <p>Immutable; each method returns a copy.
 */
public final class XClaimArgs {

  private static final XClaimArgs DEFAULT = new XClaimArgs(null, null, -1, false, null);

  private final Duration idle;
  private final Instant time;
  private final long retryCount;
  private final boolean force;
  private final String lastId;

  private XClaimArgs(Duration idle, Instant time, long retryCount, boolean force, String lastId) {
    this.idle = idle;
    this.time = time;
    this.retryCount = retryCount;
    this.force = force;
    this.lastId = lastId;
  }

  /** No options. */
  public static XClaimArgs of() {
    return DEFAULT;
  }

  /** Sets the idle time of the claimed entries; excludes {@link #time}. */
  public XClaimArgs idle(Duration idle) {
    if (idle == null || idle.isNegative()) {
      throw new IllegalArgumentException("IDLE needs a duration of zero or more, got " + idle);
    }
    if (time != null) {
      throw new IllegalArgumentException("XCLAIM takes IDLE or TIME, not both");
    }
    return new XClaimArgs(idle, null, retryCount, force, lastId);
  }

  /** Sets the last-delivery time of the claimed entries; excludes {@link #idle}. */
  public XClaimArgs time(Instant time) {
    if (time == null) {
      throw new IllegalArgumentException("TIME needs an instant");
    }
    if (idle != null) {
      throw new IllegalArgumentException("XCLAIM takes IDLE or TIME, not both");
    }
    return new XClaimArgs(null, time, retryCount, force, lastId);
  }

  /** Sets the delivery count of the claimed entries. */
  public XClaimArgs retryCount(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("RETRYCOUNT must not be negative, got " + count);
    }
    return new XClaimArgs(idle, time, count, force, lastId);
  }

  /** Creates pending entries for IDs that exist in the stream but are not pending. */
  public XClaimArgs force() {
    return new XClaimArgs(idle, time, retryCount, true, lastId);
  }

  /** Moves the group's last delivered ID to {@code id}. */
  public XClaimArgs lastId(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("LASTID needs an entry ID");
    }
    return new XClaimArgs(idle, time, retryCount, force, id);
  }

  /** The idle time to set; null for none. */
  public Duration idle() {
    return idle;
  }

  /** The delivery time to set; null for none. */
  public Instant time() {
    return time;
  }

  /** The delivery count to set; -1 for none. */
  public long retryCount() {
    return retryCount;
  }

  /** Whether {@code FORCE} is set. */
  public boolean isForce() {
    return force;
  }

  /** The last ID to set; null for none. */
  public String lastId() {
    return lastId;
  }
}
