/**
 * Redis 7.0 master–replica replication. Where writes leave the server: the {@link
 * io.vigil.testkit.server.replication.ReplicationFeed} receives every change as the command Redis
 * would propagate; replication and the append-only file plug in there.
 *
 * <p>The network-free core: the {@link io.vigil.testkit.server.replication.ReplicationBacklog}
 * (circular buffer with Redis's offset bookkeeping), the node's {@link
 * io.vigil.testkit.server.replication.ReplicationIds} (replid, replid2, second_repl_offset and the
 * shift on {@code REPLICAOF NO ONE}), and the {@link
 * io.vigil.testkit.server.replication.PsyncDecision} a master makes for {@code PSYNC}. Nothing of
 * these touches sockets, Netty or the keyspace; the server's replication handlers own the I/O
 * and call in from its command thread.
 */
package io.vigil.testkit.server.replication;
