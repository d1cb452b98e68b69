package io.vigil.testkit.chaos.proxy;

/** One direction of the traffic through a {@link ChaosProxy}; faults can differ per direction. */
public enum Direction {
  /** From the connecting client to the proxied target (requests, for a Redis node). */
  CLIENT_TO_TARGET,
  /** From the proxied target back to the client (replies and pushes, for a Redis node). */
  TARGET_TO_CLIENT
}
