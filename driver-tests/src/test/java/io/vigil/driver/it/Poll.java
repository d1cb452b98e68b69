package io.vigil.driver.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling; the test fails with {@code what} if it never holds. */
final class Poll {

  private Poll() {}

  static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = Duration.ofMillis(1).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, Duration.ofMillis(20).toNanos());
    }
  }
}
