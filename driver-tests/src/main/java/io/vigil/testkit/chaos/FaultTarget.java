package io.vigil.testkit.chaos;

/**
 * Which node a {@link FaultStep} hits, resolved when the step is applied: the roles of data
 * nodes change with every failover, so a plan names roles, not nodes.
 */
public enum FaultTarget {
  /** Whichever data node is master when the step runs. */
  MASTER,
  /** One of the data nodes that are replicas when the step runs (by name order, the step's pick modulo their count). */
  REPLICA,
  /** One of the sentinels (the step's pick modulo their count). */
  SENTINEL
}
