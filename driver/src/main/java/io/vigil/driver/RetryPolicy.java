package io.vigil.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * How a Sentinel-mode client retries commands that failed because the master went away:
 * attempts, exponential backoff with jitter, and whether duplicates are acceptable.
 *
 * <p>Immutable. Retries never outlive the command's deadline ({@code commandTimeout}). A command
 * that never reached a server, or that a replica refused ({@code READONLY}), is always retried;
 * a command whose outcome is unknown (written, then the connection died) is retried only when it
 * is safe to repeat — a read, an idempotent write such as a plain {@code SET} or {@code DEL} — or
 * when this policy {@link #acceptsDuplicates() accepts duplicates}. Set it per client with
 * {@link VigilClient.Builder#retryPolicy} and per call with {@link VigilClient#withRetry}.
 *
 * <pre>{@code
 * RetryPolicy counters = RetryPolicy.builder().acceptDuplicates(true).maxAttempts(3).build();
 * redis.withRetry(counters).incr("page-views");   // a duplicate increment is acceptable here
 * }</pre>
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double jitter;
  private final boolean acceptsDuplicates;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.jitter = b.jitter;
    this.acceptsDuplicates = b.acceptsDuplicates;
  }

  /** Six attempts, backoff 5 ms doubling to 200 ms with 50 % jitter, no duplicates. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.jitter = jitter;
    b.acceptsDuplicates = acceptsDuplicates;
    return b;
  }

  /** Attempts in all, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the first retry. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The randomization factor of each wait, 0 (none) to 1. */
  public double jitter() {
    return jitter;
  }

  /** Whether commands whose outcome is unknown may be repeated even when not idempotent. */
  public boolean acceptsDuplicates() {
    return acceptsDuplicates;
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", backoff " + initialBackoff.toMillis() + " ms to "
        + maxBackoff.toMillis() + " ms, jitter " + jitter + (acceptsDuplicates ? ", accepts duplicates" : "") + "}";
  }

  /** Builds a {@link RetryPolicy}; each setter validates at once. Not thread-safe. */
  public static final class Builder {

    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofMillis(5);
    private Duration maxBackoff = Duration.ofMillis(200);
    private double jitter = 0.5;
    private boolean acceptsDuplicates;

    private Builder() {}

    /** Attempts in all, 1 (no retry) to 100. */
    public Builder maxAttempts(int n) {
      if (n < 1 || n > 100) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 100, got " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /** Exponential backoff from {@code initial}, doubling, up to {@code max}. */
    public Builder backoff(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial backoff");
      Objects.requireNonNull(max, "max backoff");
      if (initial.isNegative() || initial.isZero()) {
        throw new IllegalArgumentException("initial backoff must be positive, got " + initial);
      }
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("max backoff " + max + " must not be below the initial " + initial);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** The randomization factor, 0 to 1 (below 1: a wait of 0 would defeat the backoff). */
    public Builder jitter(double factor) {
      if (!(factor >= 0 && factor < 1)) {
        throw new IllegalArgumentException("jitter must be at least 0 and below 1, got " + factor);
      }
      this.jitter = factor;
      return this;
    }

    /** Whether a non-idempotent command whose outcome is unknown may run again; default false. */
    public Builder acceptDuplicates(boolean accept) {
      this.acceptsDuplicates = accept;
      return this;
    }

    /** The policy. */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
