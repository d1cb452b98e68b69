package io.vigil.driver.args;

import java.time.Duration;
import java.time.Instant;

/**
 * Checks of the times given to {@link SetArgs} and {@link GetExArgs}. A relative time must be a
 * whole number of the option's unit, so nothing is rounded in silence; an absolute time is cut to
 * the unit, as the moment it falls in.
 */
final class Expiries {

  private Expiries() {}

  static Expiry after(String command, Expiry.Kind kind, Duration ttl) {
    if (ttl == null) {
      throw new IllegalArgumentException(command + ": the " + kind + " time to live must not be null");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(command + ": the " + kind + " time to live must be positive, got " + ttl);
    }
    if (kind == Expiry.Kind.EX) {
      if (ttl.getNano() != 0) {
        throw new IllegalArgumentException(command + ": EX takes whole seconds, got " + ttl
            + "; use px for millisecond precision");
      }
      return new Expiry(kind, ttl.getSeconds());
    }
    if (ttl.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(command + ": PX takes whole milliseconds, got " + ttl);
    }
    return new Expiry(kind, ttl.toMillis());
  }

  static Expiry at(String command, Expiry.Kind kind, Instant when) {
    if (when == null) {
      throw new IllegalArgumentException(command + ": the " + kind + " time must not be null");
    }
    long amount = kind == Expiry.Kind.EXAT ? when.getEpochSecond() : when.toEpochMilli();
    if (amount <= 0) {
      throw new IllegalArgumentException(command + ": the " + kind + " time must be after the Unix epoch, got " + when);
    }
    return new Expiry(kind, amount);
  }

  static void exclusive(String command, Expiry held, Expiry.Kind added) {
    if (held != null) {
      throw new IllegalArgumentException(command + ": " + held.kind() + " and " + added + " exclude each other"
          + " (a command takes one expiry option)");
    }
  }
}
