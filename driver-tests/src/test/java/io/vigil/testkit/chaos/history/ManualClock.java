package io.vigil.testkit.chaos.history;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when a test says so. */
final class ManualClock implements LongSupplier {
  private final AtomicLong now = new AtomicLong(1_000);

  @Override
  public long getAsLong() {
    return now.get();
  }

  long advance(long nanos) {
    return now.addAndGet(nanos);
  }
}
