package io.vigil.driver.internal.command;

import java.time.Duration;
import java.time.Instant;

/**
 * Argument checks shared by the command definitions: each names the command and the argument in
 * its {@link IllegalArgumentException}, so bad input fails before anything is sent.
 */
public final class Check {

  private Check() {}

  /** {@code value}, which must not be null. */
  public static <T> T notNull(String command, String what, T value) {
    if (value == null) {
      throw new IllegalArgumentException(command + ": " + what + " must not be null");
    }
    return value;
  }

  /** {@code n}, which must not be negative. */
  public static long notNegative(String command, String what, long n) {
    if (n < 0) {
      throw new IllegalArgumentException(command + ": " + what + " must not be negative, got " + n);
    }
    return n;
  }

  /** {@code n}, which must be positive. */
  public static long positive(String command, String what, long n) {
    if (n <= 0) {
      throw new IllegalArgumentException(command + ": " + what + " must be positive, got " + n);
    }
    return n;
  }

  /** A time to live in milliseconds (at least 1): {@code ttl} must be positive. */
  public static long ttlMillis(String command, Duration ttl) {
    notNull(command, "the time to live", ttl);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(command + ": the time to live must be positive, got " + ttl);
    }
    return Math.max(1, ttl.toMillis());
  }

  /** A Unix time in milliseconds: {@code when} must not be null. */
  public static long epochMillis(String command, Instant when) {
    return notNull(command, "the time", when).toEpochMilli();
  }

  /**
   * A blocking command's timeout in seconds as Redis parses it ({@code "0.25"}); zero waits
   * forever.
   */
  public static String blockSeconds(String command, Duration timeout) {
    notNull(command, "the timeout", timeout);
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(command + ": the timeout must not be negative, got " + timeout);
    }
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : (ms / 1000) + "." + String.format("%03d", ms % 1000);
  }

  /** A blocking command's timeout in milliseconds ({@code XREAD BLOCK}); zero waits forever. */
  public static long blockMillis(String command, Duration timeout) {
    notNull(command, "the timeout", timeout);
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(command + ": the timeout must not be negative, got " + timeout);
    }
    return timeout.toMillis();
  }

  /**
   * A time to live in whole seconds ({@code SETEX}): {@code ttl} must be positive and hold no
   * fraction of a second, so nothing is rounded in silence.
   */
  public static long ttlSeconds(String command, Duration ttl) {
    notNull(command, "the time to live", ttl);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(command + ": the time to live must be positive, got " + ttl);
    }
    if (ttl.getNano() != 0) {
      throw new IllegalArgumentException(command + ": the time to live is in whole seconds, got " + ttl
          + "; use the millisecond form (PSETEX, PEXPIRE…) for finer precision");
    }
    return ttl.getSeconds();
  }

  /** {@code n}, which must lie between {@code min} and {@code max} inclusive. */
  public static long between(String command, String what, long n, long min, long max) {
    if (n < min || n > max) {
      throw new IllegalArgumentException(command + ": " + what + " must be " + min + " to " + max + ", got " + n);
    }
    return n;
  }
}
