package io.vigil.testkit.server.keyspace;

/**
 * A value stored under a key: one of Redis's data types.
 *
 * <p>Values are mutated in place by commands on the server thread only; they are not
 * thread-safe. {@link #encoding()} answers {@code OBJECT ENCODING} as Redis 7.0 would.
 */
public sealed interface RedisValue permits StringValue, ListValue, HashValue, SetValue, ZSetValue,
    StreamValue {

  /** The name {@code TYPE} answers: string, list, hash, set, zset, stream. */
  String typeName();

  /** The name {@code OBJECT ENCODING} answers. */
  String encoding();

  /** A deep copy, for {@code COPY}. */
  RedisValue copy();
}
