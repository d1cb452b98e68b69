/**
 * Persistence of the data set, as Redis 7.0 keeps it on disk: RDB snapshots
 * ({@link io.vigil.testkit.server.persistence.RdbSnapshot} writes a keyspace,
 * {@link io.vigil.testkit.server.persistence.RdbLoader} reads one into a fresh data set swapped in
 * only after a clean end, {@link io.vigil.testkit.server.persistence.RdbFiles} is {@code SAVE} and
 * the start-up load of {@code dump.rdb}) and the multi-part append-only file
 * ({@link io.vigil.testkit.server.persistence.AppendOnlyFile}).
 *
 * <p>Everything here runs on the server thread: a save reads the live data set, so it is
 * consistent without a fork, and blocks clients while it runs, as Redis's {@code SAVE} does.
 */
package io.vigil.testkit.server.persistence;
