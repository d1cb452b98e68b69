package io.vigil.driver.internal.failover;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.NodePool;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded waiting room for commands while no master is confirmed: open, it hands out the
 * master's pool at once; closed, callers wait until it opens again or their deadline passes.
 *
 * <p>Thread-safe; nothing blocks. Knows nothing of sentinels: the topology opens and closes it,
 * and supplies the text that explains a closed gate when a deadline passes.
 */
public final class MasterGate {

  private final int capacity;
  private final ScheduledExecutorService timers;
  private final Ticker ticker;
  private final Supplier<String> whyClosed;
  private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  /** The open master's pool as a completed future, or null while closed. */
  private volatile CompletableFuture<NodePool> open;
  private volatile boolean shutdown;

  /**
   * A closed gate.
   *
   * @param capacity the most commands that may wait at once
   * @param whyClosed describes the lost master and the sentinels' reports, for deadline errors
   */
  public MasterGate(int capacity, ScheduledExecutorService timers, Ticker ticker, Supplier<String> whyClosed) {
    this.capacity = capacity;
    this.timers = timers;
    this.ticker = ticker;
    this.whyClosed = whyClosed;
  }

  /** Why the gate is closed (the lost master, since when, the sentinels' reports); empty when open. */
  public String whyClosed() {
    return open == null ? whyClosed.get() : "";
  }

  /** How many commands wait. */
  public int waiting() {
    return waiting.get();
  }

  /** The open master's pool, or null while closed. */
  public NodePool current() {
    CompletableFuture<NodePool> f = open;
    return f == null ? null : f.getNow(null);
  }

  /**
   * The master's pool once the gate is open; fails with {@link CommandNotSentException} at
   * {@code deadlineNanos} ({@link Command#NO_DEADLINE} for never), when the waiting room is full,
   * or when the client closes.
   */
  public CompletableFuture<NodePool> await(long deadlineNanos, String what) {
    CompletableFuture<NodePool> f = open;
    if (f != null) {
      return f;
    }
    if (shutdown) {
      return CompletableFuture.failedFuture(new CommandNotSentException(what + " was not sent: the client is closed", null));
    }
    if (waiting.incrementAndGet() > capacity) {
      waiting.decrementAndGet();
      return CompletableFuture.failedFuture(new CommandNotSentException(what + " was not sent: " + capacity
          + " commands already wait for a master (failoverQueueSize); " + whyClosed.get(), null));
    }
    Waiter w = new Waiter(what);
    waiters.add(w);
    if (deadlineNanos != Command.NO_DEADLINE) {
      long delay = Math.max(0, deadlineNanos - ticker.nanoTime());
      try {
        timers.schedule(() -> {
          if (waiters.remove(w)) {
            waiting.decrementAndGet();
            w.future.completeExceptionally(new CommandNotSentException(what + " was not sent within its deadline: "
                + whyClosed.get(), null));
          }
        }, delay, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        fail("the client is closed");
      }
    }
    CompletableFuture<NodePool> now = open;
    if (now != null) {
      release(now.getNow(null)); // opened while we queued
    }
    return w.future;
  }

  /** Opens the gate on {@code pool} and releases every waiter to it. */
  public void open(NodePool pool) {
    open = CompletableFuture.completedFuture(pool);
    release(pool);
  }

  /** Closes the gate: new callers wait. */
  public void close() {
    open = null;
  }

  /** Closes for good and fails every waiter as not sent. */
  public void shutdown() {
    shutdown = true;
    open = null;
    fail("the client is closed");
  }

  private void release(NodePool pool) {
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (waiters.remove(w)) {
        waiting.decrementAndGet();
        w.future.complete(pool);
      }
    }
  }

  private void fail(String why) {
    Waiter w;
    while ((w = waiters.poll()) != null) {
      waiting.decrementAndGet();
      w.future.completeExceptionally(new CommandNotSentException(w.what + " was not sent: " + why, null));
    }
  }

  private static final class Waiter {
    final String what;
    final CompletableFuture<NodePool> future = new CompletableFuture<>();

    Waiter(String what) {
      this.what = what;
    }
  }
}
