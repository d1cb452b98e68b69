package io.vigil.testkit.chaos;

/**
 * Starts a topology of real processes, prints their pids and exits without closing it: the
 * shutdown hook must reap them. Run by {@link TopologyTest} in a JVM of its own.
 */
public final class OrphanedTopologyMain {

  private OrphanedTopologyMain() {}

  public static void main(String[] args) {
    Topology topology = Topology.builder().replicas(1).sentinels(1).sentinelNodes(NodeKind.REAL).start();
    for (Node n : topology.nodes()) {
      System.out.println("pid " + n.pid());
    }
    System.out.flush();
    System.exit(0);
  }
}
