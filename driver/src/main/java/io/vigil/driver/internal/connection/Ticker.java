package io.vigil.driver.internal.connection;

/**
 * A monotonic nanosecond clock, injected wherever deadlines or backoff are computed so tests
 * can move time by hand instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

  /** The system's monotonic clock. */
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds since an arbitrary origin; only differences are meaningful. */
  long nanoTime();
}
