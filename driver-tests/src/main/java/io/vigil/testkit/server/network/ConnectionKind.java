package io.vigil.testkit.server.network;

/** What a connection is used for, as {@code CLIENT KILL TYPE} and {@code CLIENT LIST} see it. */
public enum ConnectionKind {
  /** An ordinary client. */
  NORMAL,
  /** A client in subscriber mode (at least one channel or pattern). */
  PUBSUB,
  /** This server's link to its master (a replica's view). */
  MASTER,
  /** A replica fed by this server. */
  REPLICA
}
