package io.vigil.testkit.chaos;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import io.vigil.testkit.process.RespSocket;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds one sentinel's events into a {@link Timeline}: a thread that connects straight to the
 * sentinel (never through a proxy, so partitions do not hide events), {@code PSUBSCRIBE *}s,
 * and reconnects whenever the sentinel is killed and restarted. Real and Java sentinels alike.
 */
final class EventSubscriber implements AutoCloseable {

  private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

  private final Node sentinel;
  private final Timeline timeline;
  private final Thread thread;
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private volatile boolean closed;

  EventSubscriber(Node sentinel, Timeline timeline) {
    this.sentinel = sentinel;
    this.timeline = timeline;
    this.thread = new Thread(this::run, "vigil-topology-events-" + sentinel.name());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Waits until the first subscription is in place. */
  boolean awaitSubscribed(Duration timeout) throws InterruptedException {
    return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    while (!closed) {
      try (RespSocket s = RespSocket.connect(sentinel.address(), READ_TIMEOUT)) {
        s.send("PSUBSCRIBE", "*");
        readLoop(s);
      } catch (RuntimeException e) {
        if (!closed) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // down or restarting: try again shortly
        }
      }
    }
  }

  private void readLoop(RespSocket s) {
    while (!closed) {
      RespValue value;
      try {
        value = s.read();
      } catch (UncheckedIOException e) {
        if (e.getCause() instanceof SocketTimeoutException) {
          continue; // quiet, or frozen
        }
        throw e;
      }
      if (!(value instanceof RespArray array)) {
        continue;
      }
      List<String> parts = RespSocket.texts(array);
      if (parts.size() == 3 && parts.get(0).equals("psubscribe")) {
        subscribed.countDown();
      } else if (parts.size() == 4 && parts.get(0).equals("pmessage") && !parts.get(2).startsWith("__")) {
        timeline.record(sentinel.name(), parts.get(2), parts.get(3));
      }
    }
  }

  @Override
  public void close() {
    closed = true; // the reader notices within one read timeout
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
