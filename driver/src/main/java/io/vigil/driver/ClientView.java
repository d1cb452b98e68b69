package io.vigil.driver;

/**
 * Everything a client offers for one key and value type: the blocking commands it inherits, an
 * async view, pipelines, transactions and subscriptions.
 *
 * <p>{@link VigilClient} is the {@code String} view; {@link VigilClient#binary()} the
 * {@code byte[]} one. Thread-safe; views share the client's connections and die with it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ClientView<K, V> extends RedisCommands<K, V> {

  /** The same commands, asynchronous. */
  RedisAsyncCommands<K, V> async();

  /**
   * A new pipeline: commands queue locally until {@link Pipeline#sync()} sends them in one
   * batch. Not thread-safe: one thread fills and sends a pipeline.
   */
  Pipeline<K, V> pipeline();

  /**
   * Leases a connection for a transaction ({@code WATCH}, reads, then {@code MULTI}…{@code
   * EXEC}). Close it to give the connection back. Blocks until the connection is ready.
   */
  Transaction<K, V> transaction();

  /**
   * Subscribes {@code listener} to {@code channels} on a connection of its own; returns once the
   * server confirmed every channel. The subscription survives reconnects (it subscribes again).
   */
  Subscription<K> subscribe(PubSubListener<K, V> listener, K... channels);

  /** Like {@link #subscribe}, for glob patterns ({@code news.*}). */
  Subscription<K> psubscribe(PubSubListener<K, V> listener, K... patterns);
}
