package io.vigil.testkit.chaos.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults applied to one {@link Direction} of a {@link ChaosProxy}: whether it is
 * blackholed, the latency added to every chunk, and the bandwidth limit. Immutable.
 *
 * @param blackhole whether bytes are held instead of delivered (until healed)
 * @param delay latency added to every chunk, {@link Duration#ZERO} for none
 * @param bytesPerSecond the bandwidth limit per connection, {@code 0} for unlimited
 */
public record LinkConditions(boolean blackhole, Duration delay, long bytesPerSecond) {

  /** No fault: bytes pass as fast as they come. */
  public static final LinkConditions PASS = new LinkConditions(false, Duration.ZERO, 0);

  /** Validates the values, naming the bad one. */
  public LinkConditions {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must be zero or positive, got " + delay);
    }
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("bytesPerSecond must be positive, or 0 for unlimited; got " + bytesPerSecond);
    }
  }

  /** Whether no fault applies. */
  public boolean isPass() {
    return equals(PASS);
  }

  LinkConditions withBlackhole(boolean value) {
    return new LinkConditions(value, delay, bytesPerSecond);
  }

  LinkConditions withDelay(Duration value) {
    return new LinkConditions(blackhole, value, bytesPerSecond);
  }

  LinkConditions withBytesPerSecond(long value) {
    return new LinkConditions(blackhole, delay, value);
  }
}
