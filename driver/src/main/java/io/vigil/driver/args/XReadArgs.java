package io.vigil.driver.args;

import java.time.Duration;

/**
 * Options of {@code XREAD} and {@code XREADGROUP}: at most {@code COUNT} entries per stream,
 * {@code BLOCK} up to a timeout while nothing is there (zero blocks forever), and, for a group,
 * {@code NOACK}. A blocking read runs on a connection of its own.
 *
 * <p>Immutable; each method returns a copy.
 */
public final class XReadArgs {

  private static final XReadArgs DEFAULT = new XReadArgs(-1, null, false);

  private final long count;
  private final Duration block;
  private final boolean noAck;

  private XReadArgs(long count, Duration block, boolean noAck) {
    this.count = count;
    this.block = block;
    this.noAck = noAck;
  }

  /** No count, no blocking, acknowledgement needed. */
  public static XReadArgs of() {
    return DEFAULT;
  }

  /** At most {@code count} entries per stream. */
  public XReadArgs count(long count) {
    if (count <= 0) {
      throw new IllegalArgumentException("COUNT must be positive, got " + count);
    }
    return new XReadArgs(count, block, noAck);
  }

  /** Waits up to {@code timeout} while no stream has an entry ({@link Duration#ZERO}: forever). */
  public XReadArgs block(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("BLOCK needs a timeout of zero or more, got " + timeout);
    }
    return new XReadArgs(count, timeout, noAck);
  }

  /** For {@code XREADGROUP}: entries are acknowledged as they are delivered ({@code NOACK}). */
  public XReadArgs noAck() {
    return new XReadArgs(count, block, true);
  }

  /** The count; -1 for none. */
  public long count() {
    return count;
  }

  /** The blocking timeout; null when the read does not block. */
  public Duration block() {
    return block;
  }

  /** Whether {@code NOACK} is set. */
  public boolean isNoAck() {
    return noAck;
  }
}
