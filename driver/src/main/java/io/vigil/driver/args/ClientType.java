package io.vigil.driver.args;

import java.util.Locale;

/** The kinds of connection {@code CLIENT LIST TYPE} and {@code CLIENT KILL TYPE} select. */
public enum ClientType {
  /** Ordinary clients. */
  NORMAL,
  /** The connection of a replica to its master, on the replica. */
  MASTER,
  /** Replicas connected to this node. */
  REPLICA,
  /** Connections subscribed to channels or patterns. */
  PUBSUB;

  /** The type as Redis writes it ({@code normal}). */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }
}
