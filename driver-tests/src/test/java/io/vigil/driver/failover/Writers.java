package io.vigil.driver.failover;

import io.vigil.driver.VigilClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads that write {@code SET prefix<t>:<i> <i>} in a loop and remember every write the client
 * acknowledged and every error it surfaced.
 */
final class Writers implements AutoCloseable {

  private final VigilClient client;
  private final String prefix;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, String> acked = new ConcurrentHashMap<>();
  private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
  private final AtomicLong ackCount = new AtomicLong();
  private volatile boolean running = true;

  private Writers(VigilClient client, String prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  static Writers start(VigilClient client, int threadCount, String prefix) {
    Writers w = new Writers(client, prefix);
    for (int t = 0; t < threadCount; t++) {
      int id = t;
      Thread thread = new Thread(() -> w.loop(id), "writer-" + prefix + t);
      thread.setDaemon(true);
      w.threads.add(thread);
      thread.start();
    }
    return w;
  }

  private void loop(int id) {
    for (long i = 0; running; i++) {
      String key = prefix + id + ":" + i;
      String value = Long.toString(i);
      try {
        client.set(key, value);
        acked.put(key, value);
        ackedAt.put(key, System.nanoTime());
        ackCount.incrementAndGet();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
  }

  long acks() {
    return ackCount.get();
  }

  List<Throwable> errors() {
    return List.copyOf(errors);
  }

  Map<String, String> acked() {
    return Map.copyOf(acked);
  }

  /** Acknowledged keys whose value the client cannot read back. */
  List<String> missing(VigilClient reader) {
    List<String> keys = new ArrayList<>(acked.keySet());
    List<String> missing = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + 500));
      List<String> values = reader.mget(batch.toArray(String[]::new));
      for (int i = 0; i < batch.size(); i++) {
        if (!acked.get(batch.get(i)).equals(values.get(i))) {
          missing.add(batch.get(i));
        }
      }
    }
    return missing;
  }

  /**
   * Acknowledged writes missing for a reason other than Redis's asynchronous replication: plain
   * writes the old master acknowledged in its last moments before {@code killNanos} may never
   * have reached a replica, and losing them is Redis's semantics (durable writes exist for that);
   * a write acknowledged after the kill, or well before it, must never be missing.
   */
  List<String> missingBeyondReplicationLag(VigilClient reader, long killNanos) {
    long window = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    List<String> unexplained = new ArrayList<>();
    for (String key : missing(reader)) {
      long at = ackedAt.get(key);
      if (killNanos == 0 || at > killNanos || at < killNanos - window) {
        unexplained.add(key);
      }
    }
    return unexplained;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join();
    }
  }
}
