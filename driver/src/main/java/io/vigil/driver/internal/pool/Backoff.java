package io.vigil.driver.internal.pool;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnect attempts: attempt {@code n} waits between half
 * and all of {@code min(max, base * 2^n)}, so clients that lost the same node do not reconnect in
 * lockstep.
 *
 * <p>Immutable and thread-safe; the random source is injected so tests get exact delays.
 */
public final class Backoff {

  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  /** Backoff from {@code base} doubling up to {@code max}, with a random source in [0, 1). */
  public Backoff(Duration base, Duration max, DoubleSupplier random) {
    this.base = Objects.requireNonNull(base, "base");
    this.max = Objects.requireNonNull(max, "max");
    this.random = Objects.requireNonNull(random, "random");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be positive, got " + base);
    }
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff max " + max + " is below its base " + base);
    }
  }

  /** Backoff with thread-local randomness. */
  public Backoff(Duration base, Duration max) {
    this(base, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** How long to wait before attempt {@code attempt} (0-based) after a failure. */
  public Duration delay(int attempt) {
    long baseNanos = base.toNanos();
    long ceiling = max.toNanos();
    int shift = Math.min(Math.max(attempt, 0), 62);
    long exp = baseNanos > (ceiling >> shift) ? ceiling : Math.min(ceiling, baseNanos << shift);
    double factor = 0.5 + 0.5 * random.getAsDouble();
    return Duration.ofNanos((long) (exp * factor));
  }
}
