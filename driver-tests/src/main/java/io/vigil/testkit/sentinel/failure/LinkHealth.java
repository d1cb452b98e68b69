package io.vigil.testkit.sentinel.failure;

/**
 * Liveness bookkeeping of one sentinel-to-instance command link, as Redis Sentinel keeps it
 * ({@code act_ping_time}, {@code last_avail_time}, {@code last_pong_time}), and the subjective
 * down test built on it.
 *
 * <p>Times are milliseconds from the owner's injected clock; nothing here reads the wall clock,
 * so tests drive it without sleeping. Not thread-safe.
 */
public final class LinkHealth {

  private boolean connected;
  /** When the oldest unanswered PING was sent; 0 when none is pending. */
  private long pendingPingSince;
  private long lastPingSent;
  private long lastAvailable;
  private long lastPong;

  /** A link that has not connected yet; it counts as available since {@code now}. */
  public LinkHealth(long now) {
    this.lastAvailable = now;
    this.lastPong = now;
  }

  /**
   * The link (re)connected. An unanswered PING stays pending, as Redis keeps {@code
   * act_ping_time} across reconnects: only a valid reply proves the instance alive.
   */
  public void connected(long now) {
    connected = true;
  }

  /** The link dropped. */
  public void disconnected() {
    connected = false;
  }

  /** Whether the link is up. */
  public boolean isConnected() {
    return connected;
  }

  /**
   * Starts the unresponsiveness clock now, as Redis does when it resets a master to a new
   * address: the instance must prove itself within {@code down-after-milliseconds}.
   */
  public void expectReplySince(long now) {
    pendingPingSince = now;
    lastAvailable = now;
    lastPong = now;
    lastPingSent = 0;
  }

  /** A PING went out. */
  public void pingSent(long now) {
    lastPingSent = now;
    if (pendingPingSince == 0) {
      pendingPingSince = now;
    }
  }

  /**
   * A reply to PING arrived. Only {@code PONG}, {@code -LOADING} and {@code -MASTERDOWN} prove
   * the instance alive; any other reply only proves the socket works.
   */
  public void pingReply(long now, boolean valid) {
    lastPong = now;
    if (valid) {
      lastAvailable = now;
      pendingPingSince = 0;
    }
  }

  /** Any other valid reply on the link (for example to INFO) also proves it available. */
  public void available(long now) {
    lastAvailable = now;
  }

  /** When the oldest unanswered PING went out, 0 when none is pending. */
  public long pendingPingSince() {
    return pendingPingSince;
  }

  /** When the last PING went out, 0 if never. */
  public long lastPingSent() {
    return lastPingSent;
  }

  /** When the instance last proved alive. */
  public long lastAvailable() {
    return lastAvailable;
  }

  /** When any PING reply last arrived. */
  public long lastPong() {
    return lastPong;
  }

  /**
   * How long the instance has been unresponsive, as {@code sentinelCheckSubjectivelyDown}
   * measures it: since the oldest unanswered PING, or since it was last available while
   * disconnected; 0 when neither applies.
   */
  public long unresponsiveFor(long now) {
    if (pendingPingSince != 0) {
      return now - pendingPingSince;
    }
    if (!connected) {
      return now - lastAvailable;
    }
    return 0;
  }

  /** Whether the instance is subjectively down with the given {@code down-after-milliseconds}. */
  public boolean isSubjectivelyDown(long now, long downAfterMillis) {
    return unresponsiveFor(now) > downAfterMillis;
  }
}
