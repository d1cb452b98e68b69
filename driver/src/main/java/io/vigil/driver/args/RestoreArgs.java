package io.vigil.driver.args;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The options of {@code RESTORE}: an expiry, relative or absolute ({@code ABSTTL}), whether to
 * replace an existing key ({@code REPLACE}), and the eviction hint to restore with: an idle time
 * ({@code IDLETIME}, for LRU policies) or an access frequency ({@code FREQ}, for LFU policies),
 * which exclude each other.
 *
 * <p>Immutable: each method returns a copy with one more option.
 */
public final class RestoreArgs {

  private static final RestoreArgs NONE = new RestoreArgs(0, false, false, -1, -1);

  private final long ttlMillis;
  private final boolean absolute;
  private final boolean replace;
  private final long idleSeconds;
  private final int frequency;

  private RestoreArgs(long ttlMillis, boolean absolute, boolean replace, long idleSeconds, int frequency) {
    this.ttlMillis = ttlMillis;
    this.absolute = absolute;
    this.replace = replace;
    this.idleSeconds = idleSeconds;
    this.frequency = frequency;
  }

  /** No option: no expiry, fail when the key exists. */
  public static RestoreArgs none() {
    return NONE;
  }

  /** Expire after {@code ttl}, a positive whole number of milliseconds. */
  public RestoreArgs ttl(Duration ttl) {
    noExpiryYet();
    Expiry e = Expiries.after("RESTORE", Expiry.Kind.PX, ttl);
    return new RestoreArgs(e.amount(), false, replace, idleSeconds, frequency);
  }

  /** Expire at the millisecond {@code when} falls in ({@code ABSTTL}). */
  public RestoreArgs expireAt(Instant when) {
    noExpiryYet();
    Expiry e = Expiries.at("RESTORE", Expiry.Kind.PXAT, when);
    return new RestoreArgs(e.amount(), true, replace, idleSeconds, frequency);
  }

  /** Replace the key when it exists. */
  public RestoreArgs replace() {
    return new RestoreArgs(ttlMillis, absolute, true, idleSeconds, frequency);
  }

  /** Restore the key as idle for {@code idle} (whole seconds, not negative), for LRU eviction. */
  public RestoreArgs idleTime(Duration idle) {
    if (idle == null || idle.isNegative() || idle.getNano() != 0) {
      throw new IllegalArgumentException("RESTORE: IDLETIME takes whole seconds, not negative, got " + idle);
    }
    if (frequency >= 0) {
      throw new IllegalArgumentException("RESTORE: FREQ and IDLETIME exclude each other");
    }
    return new RestoreArgs(ttlMillis, absolute, replace, idle.getSeconds(), frequency);
  }

  /** Restore the key with LFU access frequency {@code frequency} (0 to 255). */
  public RestoreArgs frequency(int frequency) {
    if (frequency < 0 || frequency > 255) {
      throw new IllegalArgumentException("RESTORE: FREQ must be 0 to 255, got " + frequency);
    }
    if (idleSeconds >= 0) {
      throw new IllegalArgumentException("RESTORE: IDLETIME and FREQ exclude each other");
    }
    return new RestoreArgs(ttlMillis, absolute, replace, idleSeconds, frequency);
  }

  /**
   * The expiry in milliseconds, relative or since the epoch as {@link #isAbsoluteTtl()} says; 0
   * for none.
   */
  public long ttlMillis() {
    return ttlMillis;
  }

  /** Whether {@link #ttlMillis()} is a Unix time ({@code ABSTTL}). */
  public boolean isAbsoluteTtl() {
    return absolute;
  }

  /** Whether an existing key is replaced. */
  public boolean isReplace() {
    return replace;
  }

  /** The idle time in seconds, or -1 for none. */
  public long idleSeconds() {
    return idleSeconds;
  }

  /** The LFU frequency, or -1 for none. */
  public int frequency() {
    return frequency;
  }

  private void noExpiryYet() {
    if (ttlMillis != 0) {
      throw new IllegalArgumentException("RESTORE: an expiry is already set (" + (absolute ? "ABSTTL " : "ttl ")
          + ttlMillis + "); a key has one");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RestoreArgs other && ttlMillis == other.ttlMillis && absolute == other.absolute
        && replace == other.replace && idleSeconds == other.idleSeconds && frequency == other.frequency;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ttlMillis, absolute, replace, idleSeconds, frequency);
  }

  @Override
  public String toString() {
    return "RestoreArgs[ttlMillis=" + ttlMillis + ", absolute=" + absolute + ", replace=" + replace
        + ", idleSeconds=" + idleSeconds + ", frequency=" + frequency + "]";
  }
}
