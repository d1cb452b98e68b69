package io.vigil.driver.values;

import java.util.List;

/**
 * A node's answer to {@code ROLE}: whether it is a master, a replica or a sentinel, and its view
 * of replication.
 *
 * @param role {@code master}, {@code slave} or {@code sentinel}, as Redis spells it
 * @param replicationOffset the master's offset (master) or the processed offset (replica); -1 for
 *     a sentinel
 * @param masterHost the master a replica follows; null otherwise
 * @param masterPort its port; 0 when not a replica
 * @param linkState a replica's link state ({@code connect}, {@code connecting}, {@code sync},
 *     {@code connected}); null otherwise
 * @param replicas a master's connected replicas; empty otherwise
 * @param masterNames the masters a sentinel monitors; empty otherwise
 */
public record Role(String role, long replicationOffset, String masterHost, int masterPort,
    String linkState, List<Replica> replicas, List<String> masterNames) {

  /** Copies the lists. */
  public Role {
    replicas = List.copyOf(replicas);
    masterNames = List.copyOf(masterNames);
  }

  /** Whether the node is a master. */
  public boolean isMaster() {
    return "master".equals(role);
  }

  /** Whether the node is a replica. */
  public boolean isReplica() {
    return "slave".equals(role);
  }

  /**
   * A replica as its master reports it.
   *
   * @param host its announced address
   * @param port its announced port
   * @param offset the offset it last acknowledged
   */
  public record Replica(String host, int port, long offset) {}
}
