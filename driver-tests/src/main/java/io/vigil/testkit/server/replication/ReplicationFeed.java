package io.vigil.testkit.server.replication;

import java.util.List;

/**
 * Receives every change to the data set as the exact command Redis would propagate to replicas
 * and the AOF: relative expiries already rewritten to {@code PEXPIREAT}/{@code SET ... PXAT},
 * expired keys as {@code DEL}, blocking pops as their plain forms, transactions wrapped in
 * {@code MULTI}/{@code EXEC}.
 *
 * <p>Called on the server thread, in execution order. The feed is responsible for emitting
 * {@code SELECT} when {@code db} differs from the previous command's, as Redis's replication
 * stream does. The default is {@link #NONE}; replication and AOF plug in here.
 */
@FunctionalInterface
public interface ReplicationFeed {

  /** One propagated command for database {@code db}. {@code argv} must not be modified. */
  void propagate(int db, List<byte[]> argv);

  /**
   * A full synchronization from a master has just replaced the whole data set: a feed that keeps
   * commands to rebuild the data set (the append-only file) must start over from the new one.
   * Called on the server thread; the default does nothing.
   */
  default void dataSetReplaced() {}

  /** Drops everything. */
  ReplicationFeed NONE = (db, argv) -> {};
}
