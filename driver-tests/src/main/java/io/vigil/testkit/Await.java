package io.vigil.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline, polling with a short back-off: how tests (and the kit)
 * wait for a distributed system to change, instead of sleeping for a guessed time.
 *
 * <pre>{@code
 * Await.until("the replica to catch up", Duration.ofSeconds(10), () -> replicaOffset() >= target);
 * }</pre>
 */
public final class Await {

  private static final long FIRST_PAUSE_NANOS = 1_000_000;
  private static final long MAX_PAUSE_NANOS = 50_000_000;

  private Await() {}

  /**
   * Returns once {@code condition} holds.
   *
   * @throws IllegalStateException naming {@code what} when it still does not hold after {@code timeout}
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = FIRST_PAUSE_NANOS;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("interrupted while waiting for " + what);
      }
    }
  }
}
