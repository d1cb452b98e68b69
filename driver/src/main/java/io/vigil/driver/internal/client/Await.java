package io.vigil.driver.internal.client;

import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.UnexpectedReplyException;
import io.vigil.driver.VigilException;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.IoThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a reply on the calling thread.
 *
 * <p>It spins briefly before parking: on loopback a reply often arrives within microseconds,
 * and parking then unparking a thread costs more than that. Deadlines are enforced on the I/O
 * thread; the wait here has a small grace period on top, as a backstop if that thread stalls.
 */
public final class Await {

  /** Busy-spin iterations before yielding; tuned with the benchmark on a 2-core machine. */
  static final int SPINS = Integer.getInteger("vigil.await.spins", 0);
  /** How long to keep yielding the CPU (so the I/O thread and server can run) before parking. */
  static final long YIELD_NANOS = Long.getLong("vigil.await.yieldNanos", 0);
  private static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private Await() {}

  /** {@link #await(CompletableFuture, long, String)} for a command, described only if it fails. */
  public static <T> T await(CompletableFuture<T> future, long timeoutNanos, byte[][] args, String node) {
    return await(future, timeoutNanos, args, node, null);
  }

  /** The future's value, or its failure rethrown as the driver's exception. */
  public static <T> T await(CompletableFuture<T> future, long timeoutNanos, String what) {
    return await(future, timeoutNanos, null, null, what);
  }

  private static <T> T await(CompletableFuture<T> future, long timeoutNanos, byte[][] args, String node, String what) {
    if (IoThread.isCurrent()) {
      throw new IllegalStateException("a blocking call on the driver's I/O thread would wait for itself forever;"
          + " inside async callbacks and pub/sub listeners use async() or hand the work to an executor");
    }
    if (!future.isDone()) {
      for (int i = 0; i < SPINS && !future.isDone(); i++) {
        Thread.onSpinWait();
      }
      if (YIELD_NANOS > 0 && !future.isDone()) {
        long until = System.nanoTime() + YIELD_NANOS;
        while (!future.isDone() && System.nanoTime() - until < 0) {
          Thread.yield();
        }
      }
    }
    try {
      return timeoutNanos <= 0 ? future.get() : future.get(timeoutNanos + GRACE_NANOS, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (TimeoutException e) {
      if (what == null) {
        what = Decoding.name(args) + " on " + node;
      }
      CommandTimeoutException timeout = future instanceof Command command
          ? new CommandTimeoutException(what + " got no reply within "
              + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (commandTimeout)", command.written())
          : new CommandTimeoutException(what + " got no reply within "
              + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (commandTimeout)", true);
      future.completeExceptionally(timeout);
      throw timeout;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (what == null) {
        what = Decoding.name(args) + " on " + node;
      }
      throw new OutcomeUnknownException(what + ": the calling thread was interrupted while waiting for the reply;"
          + " the command may or may not have been applied", e);
    }
  }

  /** A failure as the exception callers see: driver exceptions as they are, anything else wrapped. */
  public static RuntimeException rethrow(Throwable cause) {
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof VigilException vigil) {
      return vigil;
    }
    if (cause instanceof IllegalArgumentException iae) {
      return iae;
    }
    return new UnexpectedReplyException("unexpected failure: " + cause, cause);
  }
}
