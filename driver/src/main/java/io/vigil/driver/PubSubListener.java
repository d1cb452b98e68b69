package io.vigil.driver;

/**
 * Receives what a {@link Subscription} delivers.
 *
 * <p>Methods are called on the client's I/O thread, one at a time and in arrival order, so they
 * must be quick and must not block (no commands on the same client waiting for replies: hand
 * the work to an executor). An exception thrown here is logged and the message dropped.
 *
 * @param <K> the channel type
 * @param <V> the message type
 */
@FunctionalInterface
public interface PubSubListener<K, V> {

  /** A message published on {@code channel}. */
  void message(K channel, V message);

  /** A message on {@code channel}, received through a subscription to {@code pattern}. */
  default void message(K pattern, K channel, V message) {
    message(channel, message);
  }

  /** A message published with {@code SPUBLISH} on the shard channel {@code channel}. */
  default void shardMessage(K channel, V message) {
    message(channel, message);
  }

  /** The server confirmed a (re)subscription; {@code count} is the connection's total. */
  default void subscribed(K channelOrPattern, long count) {}

  /** The server confirmed an unsubscription. */
  default void unsubscribed(K channelOrPattern, long count) {}

  /** The subscription's connection was lost; it is reopened and subscribed again. */
  default void disconnected(Throwable cause) {}
}
