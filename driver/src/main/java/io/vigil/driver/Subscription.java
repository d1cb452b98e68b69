package io.vigil.driver;

import java.util.Set;

/**
 * Channels, patterns and shard channels a listener is subscribed to, on a connection of their
 * own.
 *
 * <p>Thread-safe. Methods block until the server confirms (or the command timeout passes). If
 * the connection is lost, it is reopened with backoff — on the new master after a failover — and
 * everything is subscribed again; messages published meanwhile are lost, as pub/sub is
 * fire-and-forget. {@link #close()} unsubscribes and gives the connection up.
 *
 * @param <K> the channel type
 */
public interface Subscription<K> extends AutoCloseable {

  /** Adds channels. */
  void subscribe(K... channels);

  /** Removes channels. */
  void unsubscribe(K... channels);

  /** Adds glob patterns. */
  void psubscribe(K... patterns);

  /** Removes glob patterns. */
  void punsubscribe(K... patterns);

  /** Adds shard channels ({@code SSUBSCRIBE}). */
  void ssubscribe(K... shardChannels);

  /** Removes shard channels. */
  void sunsubscribe(K... shardChannels);

  /** The channels subscribed to now. */
  Set<K> channels();

  /** The patterns subscribed to now. */
  Set<K> patterns();

  /** The shard channels subscribed to now. */
  Set<K> shardChannels();

  /** Whether it is still open (not closed by {@link #close()}). */
  boolean isOpen();

  /** Ends the subscription and closes its connection. */
  @Override
  void close();
}
