/**
 * Redis 7.0 master–replica replication.
 *
 * <p>The core is network-free and knows nothing of the keyspace: the
 * {@link io.vigil.testkit.server.replication.ReplicationBacklog} (circular buffer with Redis's
 * offset bookkeeping), the node's {@link io.vigil.testkit.server.replication.ReplicationIds}
 * (replid, replid2, second_repl_offset and the shift on {@code REPLICAOF NO ONE}), the
 * {@link io.vigil.testkit.server.replication.PsyncDecision} a master makes for {@code PSYNC}, and
 * the {@link io.vigil.testkit.server.replication.StreamEncoder}.
 *
 * <p>Around it, the two ends of a link, both on the server's event loop thread:
 * {@link io.vigil.testkit.server.replication.ReplicationSource} is this node's stream and the
 * replicas it feeds (master side: {@code SYNC}/{@code PSYNC}/{@code REPLCONF}, propagation with
 * {@code SELECT}, {@code PING}, {@code GETACK}, acknowledgements for {@code WAIT} and
 * {@code min-replicas-to-write}); {@link io.vigil.testkit.server.replication.MasterLink} is a
 * replica's connection to its master (handshake, full sync in either framing, the stream applied
 * and passed on unchanged to sub-replicas, {@code REPLCONF ACK}, reconnection).
 */
package io.vigil.testkit.server.replication;
