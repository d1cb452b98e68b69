/**
 * The network-free core of Redis 7.0 master–replica replication: the
 * {@link io.vigil.testkit.server.replication.ReplicationBacklog} (circular buffer with Redis's
 * offset bookkeeping), the node's {@link io.vigil.testkit.server.replication.ReplicationIds}
 * (replid, replid2, second_repl_offset and the shift on {@code REPLICAOF NO ONE}), and the
 * {@link io.vigil.testkit.server.replication.PsyncDecision} a master makes for {@code PSYNC}.
 *
 * <p>Nothing here touches sockets, Netty or the keyspace; the server's replication handlers own
 * the I/O and call in from its command thread.
 */
package io.vigil.testkit.server.replication;
