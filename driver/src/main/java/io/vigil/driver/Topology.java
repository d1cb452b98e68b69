package io.vigil.driver;

import java.util.List;
import java.util.Objects;

/**
 * Where the client finds the node it writes to: one fixed node, or the master that a set of
 * Redis Sentinels names.
 *
 * <p>Immutable. With {@link Sentinel} the client follows failovers: it asks the sentinels for
 * the master, confirms it with {@code ROLE}, watches the sentinels' events and moves its traffic
 * to a new master once that one is confirmed (see {@link VigilClient} for what callers see).
 */
public sealed interface Topology permits Topology.Standalone, Topology.Sentinel {

  /** One node at a fixed address, used for reads and writes. */
  static Topology standalone(Endpoint node) {
    return new Standalone(node);
  }

  /** The master called {@code masterName}, as the given sentinels report it. */
  static Topology sentinel(List<Endpoint> sentinels, String masterName) {
    return new Sentinel(sentinels, masterName);
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

  /**
   * A Sentinel-managed master: the sentinels to ask first (more are discovered from them) and
   * the name they monitor the master under.
   */
  record Sentinel(List<Endpoint> sentinels, String masterName) implements Topology {

    /** Requires at least one sentinel and a master name without spaces. */
    public Sentinel {
      Objects.requireNonNull(sentinels, "sentinels");
      sentinels = List.copyOf(sentinels);
      if (sentinels.isEmpty()) {
        throw new IllegalArgumentException("a sentinel topology needs at least one sentinel");
      }
      Objects.requireNonNull(masterName, "masterName");
      if (masterName.isEmpty() || masterName.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("masterName must be non-empty without spaces, got '" + masterName + "'");
      }
    }

    @Override
    public String toString() {
      return "sentinel master " + masterName + " via " + sentinels;
    }
  }
}
