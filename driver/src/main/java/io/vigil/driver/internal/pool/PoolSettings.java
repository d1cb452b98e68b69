package io.vigil.driver.internal.pool;

import java.time.Duration;

/**
 * How a {@link NodePool} is sized and how it reconnects. Immutable; validated by the public
 * builder.
 *
 * @param connections multiplexed connections per node
 * @param maxExclusive most connections leased at once for blocking commands, transactions and
 *     pub/sub
 * @param reconnectBase the first reconnect delay
 * @param reconnectMax the longest reconnect delay
 */
public record PoolSettings(int connections, int maxExclusive, Duration reconnectBase, Duration reconnectMax) {

  /** Defaults: one multiplexed connection, 64 exclusive, backoff 10 ms to 2 s. */
  public static PoolSettings defaults() {
    return new PoolSettings(1, 64, Duration.ofMillis(10), Duration.ofSeconds(2));
  }
}
