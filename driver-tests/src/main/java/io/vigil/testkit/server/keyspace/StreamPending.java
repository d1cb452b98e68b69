package io.vigil.testkit.server.keyspace;

/**
 * An entry delivered to a consumer and not yet acknowledged (Redis's {@code streamNACK}): who
 * owns it, when it was last delivered (Unix milliseconds) and how many times. It sits in both
 * its group's and its consumer's pending entries list. Server thread only.
 */
public final class StreamPending {

  private StreamConsumer consumer;
  private long deliveryTime;
  private long deliveryCount;

  StreamPending(StreamConsumer consumer, long deliveryTime, long deliveryCount) {
    this.consumer = consumer;
    this.deliveryTime = deliveryTime;
    this.deliveryCount = deliveryCount;
  }

  /** The owner; null only for an entry {@code XCLAIM ... FORCE} just created. */
  public StreamConsumer consumer() {
    return consumer;
  }

  /** The last delivery, Unix milliseconds. */
  public long deliveryTime() {
    return deliveryTime;
  }

  /** Deliveries so far. */
  public long deliveryCount() {
    return deliveryCount;
  }

  /** Sets the last delivery time. */
  public void deliveryTime(long millis) {
    this.deliveryTime = millis;
  }

  /** Sets the delivery count. */
  public void deliveryCount(long count) {
    this.deliveryCount = count;
  }

  void consumer(StreamConsumer consumer) {
    this.consumer = consumer;
  }
}
