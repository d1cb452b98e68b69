package io.vigil.testkit.server.keyspace;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A consumer group of a stream (Redis's {@code streamCG}): the last ID delivered to it, its
 * logical read counter ({@code entries-read}, or {@link #INVALID_ENTRIES_READ} when unknown),
 * its pending entries list and its consumers, both in byte order as Redis's radix trees keep
 * them. Every pending entry is in the group's list and in its owner's. Server thread only.
 */
public final class StreamGroup {

  /** Redis's {@code SCG_INVALID_ENTRIES_READ}: the read counter is not known. */
  public static final long INVALID_ENTRIES_READ = -1;

  private final Bytes name;
  private StreamId lastId;
  private long entriesRead;
  private final TreeMap<StreamId, StreamPending> pending = new TreeMap<>();
  private final TreeMap<Bytes, StreamConsumer> consumers = new TreeMap<>();

  StreamGroup(Bytes name, StreamId lastId, long entriesRead) {
    this.name = name;
    this.lastId = lastId;
    this.entriesRead = entriesRead;
  }

  /** The name. */
  public Bytes name() {
    return name;
  }

  /** The last ID delivered to the group. */
  public StreamId lastId() {
    return lastId;
  }

  /** Sets the last delivered ID. */
  public void lastId(StreamId id) {
    this.lastId = id;
  }

  /** The logical read counter, or {@link #INVALID_ENTRIES_READ}. */
  public long entriesRead() {
    return entriesRead;
  }

  /** Sets the logical read counter. */
  public void entriesRead(long n) {
    this.entriesRead = n;
  }

  /** The pending entries by ID (read-only view). */
  public NavigableMap<StreamId, StreamPending> pending() {
    return Collections.unmodifiableNavigableMap(pending);
  }

  /** The consumers by name (read-only view). */
  public NavigableMap<Bytes, StreamConsumer> consumers() {
    return Collections.unmodifiableNavigableMap(consumers);
  }

  /** The consumer called {@code name}, or null. */
  public StreamConsumer consumer(Bytes name) {
    return consumers.get(name);
  }

  /** Creates a consumer seen at {@code now}; null when one with that name exists. */
  public StreamConsumer createConsumer(Bytes name, long now) {
    if (consumers.containsKey(name)) {
      return null;
    }
    StreamConsumer c = new StreamConsumer(name, now);
    consumers.put(name, c);
    return c;
  }

  /** Deletes {@code consumer} and its pending entries; returns how many it had. */
  public int deleteConsumer(StreamConsumer consumer) {
    int n = consumer.pending.size();
    for (StreamId id : consumer.pending.keySet()) {
      pending.remove(id);
    }
    consumers.remove(consumer.name());
    return n;
  }

  /**
   * Records the delivery of {@code id} to {@code consumer} by {@code XREADGROUP}: a new pending
   * entry, or one taken over from another consumer with its count restarted at 1.
   */
  public void deliver(StreamId id, StreamConsumer consumer, long now) {
    StreamPending p = pending.get(id);
    if (p == null) {
      p = new StreamPending(consumer, now, 1);
      pending.put(id, p);
    } else {
      if (p.consumer() != null) {
        p.consumer().pending.remove(id);
      }
      p.consumer(consumer);
      p.deliveryTime(now);
      p.deliveryCount(1);
    }
    consumer.pending.put(id, p);
  }

  /** The pending entry of {@code id}, or null. */
  public StreamPending pendingEntry(StreamId id) {
    return pending.get(id);
  }

  /** A pending entry with no owner yet, as {@code XCLAIM ... FORCE} creates. */
  public StreamPending createPending(StreamId id, long now) {
    return restorePending(id, now, 1);
  }

  /** A pending entry with no owner yet and the given delivery state (loading, FORCE). */
  public StreamPending restorePending(StreamId id, long deliveryTime, long deliveryCount) {
    StreamPending p = new StreamPending(null, deliveryTime, deliveryCount);
    pending.put(id, p);
    return p;
  }

  /** Gives the pending entry {@code id} to {@code consumer}. */
  public void transfer(StreamId id, StreamPending p, StreamConsumer consumer) {
    if (p.consumer() == consumer) {
      return;
    }
    if (p.consumer() != null) {
      p.consumer().pending.remove(id);
    }
    consumer.pending.put(id, p);
    p.consumer(consumer);
  }

  /** Removes the pending entry {@code id} from the group and its owner; true when it was there. */
  public boolean acknowledge(StreamId id) {
    StreamPending p = pending.remove(id);
    if (p == null) {
      return false;
    }
    if (p.consumer() != null) {
      p.consumer().pending.remove(id);
    }
    return true;
  }

  StreamGroup copy() {
    StreamGroup g = new StreamGroup(name, lastId, entriesRead);
    for (var e : pending.entrySet()) {
      StreamPending p = e.getValue();
      g.pending.put(e.getKey(), new StreamPending(null, p.deliveryTime(), p.deliveryCount()));
    }
    for (StreamConsumer c : consumers.values()) {
      StreamConsumer copy = new StreamConsumer(c.name(), c.seenTime());
      g.consumers.put(copy.name(), copy);
      for (StreamId id : c.pending.keySet()) {
        StreamPending p = g.pending.get(id);
        p.consumer(copy);
        copy.pending.put(id, p);
      }
    }
    return g;
  }
}
