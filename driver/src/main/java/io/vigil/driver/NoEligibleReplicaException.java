package io.vigil.driver;

/**
 * A read under {@link ReadPolicy#replica()} found no replica that qualifies (within the lag
 * bound, link up, not loading, not reported down) within its wait. The message names every
 * known replica and why it was skipped. Nothing was sent, so retrying is safe.
 */
public final class NoEligibleReplicaException extends VigilException {

  /** A read that found no eligible replica, and the replicas it considered. */
  public NoEligibleReplicaException(String message) {
    super(message, null);
  }
}
