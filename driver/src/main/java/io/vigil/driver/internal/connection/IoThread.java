package io.vigil.driver.internal.connection;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver's I/O threads (daemon, named {@code vigil-io-<group>-<n>}), a type of their own so
 * that a blocking call made on one, which would wait for itself forever, is caught cheaply.
 */
public final class IoThread extends FastThreadLocalThread {

  private static final AtomicInteger GROUPS = new AtomicInteger();

  private IoThread(Runnable task, String name) {
    super(task, name);
    setDaemon(true);
  }

  /** Whether the calling thread is one of the driver's I/O threads. */
  public static boolean isCurrent() {
    return Thread.currentThread() instanceof IoThread;
  }

  /** A factory for one event-loop group's threads. */
  static ThreadFactory factory() {
    int group = GROUPS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return task -> new IoThread(task, "vigil-io-" + group + "-" + n.incrementAndGet());
  }
}
