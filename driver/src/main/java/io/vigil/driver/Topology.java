package io.vigil.driver;

import java.util.Objects;

/**
 * Where the client finds the node it talks to.
 *
 * <p>Today a single standalone node; Sentinel-managed deployments (a master name and a set of
 * sentinels) are another implementation of this interface, so the builder and the client stay
 * the same when they arrive. Immutable.
 */
public sealed interface Topology permits Topology.Standalone {

  /** One node at a fixed address, used for reads and writes. */
  static Topology standalone(Endpoint node) {
    return new Standalone(node);
  }

  /** A single node at a fixed address. */
  record Standalone(Endpoint node) implements Topology {

    /** Requires a node. */
    public Standalone {
      Objects.requireNonNull(node, "node");
    }

    @Override
    public String toString() {
      return "standalone " + node;
    }
  }
}
