package io.vigil.testkit.server.keyspace;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A consumer of a stream consumer group: its name, when it was last seen (Unix milliseconds)
 * and the entries delivered to it and not yet acknowledged, in ID order. Server thread only.
 */
public final class StreamConsumer {

  private final Bytes name;
  private long seenTime;
  final TreeMap<StreamId, StreamPending> pending = new TreeMap<>();

  StreamConsumer(Bytes name, long seenTime) {
    this.name = name;
    this.seenTime = seenTime;
  }

  /** The name. */
  public Bytes name() {
    return name;
  }

  /** When the consumer last read or claimed, Unix milliseconds. */
  public long seenTime() {
    return seenTime;
  }

  /** Records that the consumer was seen at {@code millis}. */
  public void seen(long millis) {
    this.seenTime = millis;
  }

  /** Its pending entries by ID (read-only view). */
  public NavigableMap<StreamId, StreamPending> pending() {
    return java.util.Collections.unmodifiableNavigableMap(pending);
  }
}
