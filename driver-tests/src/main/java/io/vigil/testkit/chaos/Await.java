package io.vigil.testkit.chaos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition until a deadline: the topology's only way of waiting for the world to change. */
final class Await {

  private Await() {}

  /**
   * Polls {@code unmet} (null when the condition holds, else why not) every 50 ms until it holds.
   *
   * @throws IllegalStateException on timeout, with the last reason and the timeline
   */
  static void until(Duration timeout, Supplier<String> unmet, String what, Timeline timeline) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String reason;
    while ((reason = unmet.get()) != null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + ": " + reason
            + (timeline == null ? "" : "\ntimeline:\n" + timeline.format()));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what);
      }
    }
  }
}
