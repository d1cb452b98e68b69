package io.vigil.driver.args;

import java.time.Duration;

/**
 * The extended form of {@code XPENDING}: pending entries with IDs from {@code start} to {@code
 * end} ({@code -} and {@code +} for all; {@code (} before an ID excludes it), at most {@code
 * count}, optionally only those idle at least {@code IDLE}, or of one consumer.
 *
 * <p>Immutable; each method returns a copy.
 */
public final class XPendingArgs {

  private final String start;
  private final String end;
  private final long count;
  private final Duration minIdle;
  private final String consumer;

  private XPendingArgs(String start, String end, long count, Duration minIdle, String consumer) {
    this.start = start;
    this.end = end;
    this.count = count;
    this.minIdle = minIdle;
    this.consumer = consumer;
  }

  /** The pending entries from {@code start} to {@code end}, at most {@code count}. */
  public static XPendingArgs range(String start, String end, long count) {
    if (start == null || end == null) {
      throw new IllegalArgumentException("XPENDING needs a start and an end ID ('-' and '+' for all)");
    }
    if (count <= 0) {
      throw new IllegalArgumentException("XPENDING's count must be positive, got " + count);
    }
    return new XPendingArgs(start, end, count, null, null);
  }

  /** Every pending entry, at most {@code count}. */
  public static XPendingArgs all(long count) {
    return range("-", "+", count);
  }

  /** Only entries idle at least {@code minIdle} ({@code IDLE}, millisecond precision). */
  public XPendingArgs idle(Duration minIdle) {
    if (minIdle == null || minIdle.isNegative()) {
      throw new IllegalArgumentException("IDLE needs a duration of zero or more, got " + minIdle);
    }
    return new XPendingArgs(start, end, count, minIdle, consumer);
  }

  /** Only entries pending at {@code consumer}. */
  public XPendingArgs consumer(String consumer) {
    if (consumer == null || consumer.isEmpty()) {
      throw new IllegalArgumentException("XPENDING needs a consumer name, got " + consumer);
    }
    return new XPendingArgs(start, end, count, minIdle, consumer);
  }

  /** The start ID. */
  public String start() {
    return start;
  }

  /** The end ID. */
  public String end() {
    return end;
  }

  /** The most entries. */
  public long count() {
    return count;
  }

  /** The minimum idle time; null for none. */
  public Duration minIdle() {
    return minIdle;
  }

  /** The consumer; null for all. */
  public String consumer() {
    return consumer;
  }
}
