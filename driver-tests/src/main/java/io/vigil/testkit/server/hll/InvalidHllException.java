package io.vigil.testkit.server.hll;

/**
 * A value passed the HyperLogLog header check but its sparse registers do not add up to 16384
 * (Redis answers {@code INVALIDOBJ Corrupted HLL object detected}). Stack-less: it is an answer,
 * not a bug.
 */
public final class InvalidHllException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidHllException(String message) {
    super(message, null, false, false);
  }
}
