package io.vigil.testkit.server.keyspace;

/**
 * How {@code XADD} and {@code XTRIM} trim a stream: by length ({@code MAXLEN}) or by lowest ID
 * ({@code MINID}), exactly ({@code =}) or only by whole nodes ({@code ~}), removing at most
 * {@code limit} entries (0: no limit). Immutable.
 *
 * @param byLength true for {@code MAXLEN}, false for {@code MINID}
 * @param maxLength the length to keep, for {@code MAXLEN}
 * @param minId the lowest ID to keep, for {@code MINID}
 * @param approximate whether only whole nodes are removed ({@code ~})
 * @param limit the most entries to remove, 0 for no limit
 */
public record StreamTrim(boolean byLength, long maxLength, StreamId minId, boolean approximate, long limit) {}
