package io.vigil.driver.internal.routing;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.NoEligibleReplicaException;
import io.vigil.driver.NotDurableException;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.internal.client.CommandRunner;
import io.vigil.driver.internal.command.CommandInfo;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.driver.internal.failover.RetrySafety;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Sends reads where a {@link ReadPolicy} (and a read-your-writes {@link Session}) allows, and
 * writes to the master, optionally confirmed durable with {@code WAIT}.
 *
 * <p>Read/write comes from the {@link CommandTable}; blocking commands and commands that change
 * connection state always go to the master. A replica read that was not sent, whose connection
 * died under it, or that the replica refuses while loading goes to the master instead, except
 * under {@code replica()}. A durable write runs with its {@code WAIT} on one leased master
 * connection, since {@code WAIT} counts the replicas that have the writes of its own connection;
 * it is not retried across a failover.
 *
 * <p>Thread-safe.
 */
public final class RoutingRunner implements CommandRunner {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long DURABLE_FIRST_BACKOFF_MS = 10;
  private static final long DURABLE_MAX_BACKOFF_MS = 200;

  private final CommandRunner master;
  private final ReplicaTracker replicas;
  private final CommandTable table;
  private final ReadPolicy policy;
  private final Session session;
  private final int durableReplicas;
  private final long durableTimeoutNanos;
  private final LongFunction<CompletableFuture<NodePool>> masterPool;
  private final Ticker ticker;
  private final ScheduledExecutorService timers;
  private final long replicaWaitNanos;

  /**
   * @param session the read-your-writes session, or null
   * @param durableReplicas replicas every write must reach, 0 for plain writes
   */
  public RoutingRunner(CommandRunner master, ReplicaTracker replicas, CommandTable table, ReadPolicy policy,
      Session session, int durableReplicas, long durableTimeoutNanos,
      LongFunction<CompletableFuture<NodePool>> masterPool, Ticker ticker, ScheduledExecutorService timers,
      long replicaWaitNanos) {
    this.master = master;
    this.replicas = replicas;
    this.table = table;
    this.policy = policy;
    this.session = session;
    this.durableReplicas = durableReplicas;
    this.durableTimeoutNanos = durableTimeoutNanos;
    this.masterPool = masterPool;
    this.ticker = ticker;
    this.timers = timers;
    this.replicaWaitNanos = replicaWaitNanos;
  }

  /** A new session over {@code replicas}. */
  public static Session newSession(ReplicaTracker replicas) {
    return new Session(replicas);
  }

  @Override
  public CompletableFuture<RespValue> send(byte[][] args, long timeoutNanos, boolean blocking) {
    CommandInfo info = table.lookup(new String(args[0], StandardCharsets.US_ASCII));
    if (info.isReadOnly()) {
      if (blocking || info.changesConnectionState() || !policy.mayReadReplicas()) {
        return master.send(args, timeoutNanos, blocking);
      }
      return read(args, timeoutNanos, ticker.nanoTime());
    }
    CompletableFuture<RespValue> f = durableReplicas > 0 && !blocking && !info.changesConnectionState()
        ? durableWrite(args, timeoutNanos) : master.send(args, timeoutNanos, blocking);
    if (session != null) {
      // any completion counts: a write that failed as outcome-unknown may still have applied
      f.whenComplete((r, e) -> session.wrote(ticker.nanoTime()));
    }
    return f;
  }

  private CompletableFuture<RespValue> read(byte[][] args, long timeoutNanos, long start) {
    long sessionOffset = session != null ? session.requiredOffset() : -1;
    Route route = replicas.route(policy, sessionOffset);
    if (route.replica() != null) {
      NodePool pool = replicas.pool(route.replica());
      if (pool != null) {
        CompletableFuture<RespValue> f = pool.submit(Command.of(args, ticker.nanoTime(), timeoutNanos));
        if (policy.target() == ReadPolicy.Target.REPLICA) {
          return f;
        }
        return f.handle((reply, error) -> {
          // a read is safe to repeat: a replica connection lost under it (Sentinel kills client
          // connections when it reconfigures a replica) sends it to the master instead
          Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
              ? error.getCause() : error;
          boolean retry = cause instanceof CommandNotSentException || cause instanceof OutcomeUnknownException
              || (reply instanceof RespError e && ("LOADING".equals(e.prefix()) || "MASTERDOWN".equals(e.prefix())));
          if (!retry) {
            return error != null ? CompletableFuture.<RespValue>failedFuture(error) : CompletableFuture.completedFuture(reply);
          }
          return master.send(args, timeoutNanos, false);
        }).thenCompose(x -> x);
      }
    }
    if (!route.failed()) {
      return master.send(args, timeoutNanos, false);
    }
    long waited = ticker.nanoTime() - start;
    long budget = timeoutNanos > 0 ? Math.min(replicaWaitNanos, timeoutNanos) : replicaWaitNanos;
    if (waited >= budget) {
      return CompletableFuture.failedFuture(new NoEligibleReplicaException(
          new String(args[0], StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT) + " under read policy "
              + policy + (session != null ? " (read-your-writes session)" : "") + " found no eligible replica within "
              + TimeUnit.NANOSECONDS.toMillis(budget) + " ms: " + route.why()
              + "; use replicaPreferred() to fall back to the master, or relax the lag bound"));
    }
    CompletableFuture<RespValue> later = new CompletableFuture<>();
    try {
      timers.schedule(() -> read(args, timeoutNanos, start).whenComplete((r, e) -> {
        if (e != null) {
          later.completeExceptionally(e);
        } else {
          later.complete(r);
        }
      }), POLL_NANOS, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      later.completeExceptionally(new CommandNotSentException("the client is closed", e));
    }
    return later;
  }

  /**
   * A write acknowledged only once {@code durableReplicas} replicas have it: the write and a
   * {@code WAIT} on one leased master connection. Through a failover it behaves like any write:
   * an attempt that never reached the master, or reached a demoted one ({@code READONLY}), is
   * tried again on the next confirmed master; one whose outcome is unknown — the connection died
   * with the write or its {@code WAIT} in flight — is tried again only when the command is safe to
   * repeat; all within the write's deadline plus the durability timeout.
   */
  private CompletableFuture<RespValue> durableWrite(byte[][] args, long timeoutNanos) {
    long budget = timeoutNanos <= 0 ? 0 : timeoutNanos + durableTimeoutNanos;
    long deadline = budget == 0 ? Long.MAX_VALUE : ticker.nanoTime() + budget;
    boolean retrySafe = RetrySafety.isRetrySafe(table.lookup(new String(args[0], StandardCharsets.US_ASCII)), args);
    CompletableFuture<RespValue> result = new CompletableFuture<>();
    durableAttempt(args, timeoutNanos, deadline, retrySafe, DURABLE_FIRST_BACKOFF_MS, result);
    return result;
  }

  private void durableAttempt(byte[][] args, long timeoutNanos, long deadline, boolean retrySafe, long backoffMs,
      CompletableFuture<RespValue> result) {
    long remaining = deadline == Long.MAX_VALUE ? 0 : Math.max(1, deadline - ticker.nanoTime());
    durableOnce(args, timeoutNanos, remaining).whenComplete((reply, error) -> {
      Throwable cause = unwrap(error);
      boolean demoted = error == null && reply instanceof RespError e
          && ("READONLY".equals(e.prefix()) || "MASTERDOWN".equals(e.prefix()) || "LOADING".equals(e.prefix()));
      boolean again = demoted
          || cause instanceof CommandNotSentException
          || cause instanceof ConnectionException
          || (retrySafe && (cause instanceof OutcomeUnknownException || cause instanceof ConfirmationLost));
      long backoffNanos = TimeUnit.MILLISECONDS.toNanos(backoffMs);
      if (!again || (deadline != Long.MAX_VALUE && deadline - ticker.nanoTime() <= backoffNanos)) {
        if (error == null) {
          result.complete(reply);
        } else {
          result.completeExceptionally(cause instanceof ConfirmationLost lost ? lost.surfaced : cause);
        }
        return;
      }
      try {
        timers.schedule(() -> durableAttempt(args, timeoutNanos, deadline, retrySafe,
            Math.min(backoffMs * 2, DURABLE_MAX_BACKOFF_MS), result), backoffMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        result.completeExceptionally(new CommandNotSentException("the client is closed", closed));
      }
    });
  }

  private CompletableFuture<RespValue> durableOnce(byte[][] args, long timeoutNanos, long budgetNanos) {
    return masterPool.apply(budgetNanos).thenCompose(NodePool::lease).thenCompose(lease -> {
      Connection c = lease.connection();
      long now = ticker.nanoTime();
      Command write = Command.of(args, now, timeoutNanos);
      long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(durableTimeoutNanos));
      byte[][] waitArgs = {ascii("WAIT"), ascii(Integer.toString(durableReplicas)), ascii(Long.toString(waitMillis))};
      Command confirm = Command.of(waitArgs, now, timeoutNanos <= 0 ? 0 : timeoutNanos + durableTimeoutNanos);
      c.submit(write);
      c.submit(confirm);
      confirm.whenComplete((r, e) -> lease.release(e == null));
      return write.thenCompose(reply -> {
        if (reply instanceof RespError) {
          return CompletableFuture.completedFuture(reply);
        }
        return confirm.handle((r, e) -> {
          long got = r instanceof RespInteger i ? i.value() : -1;
          if (got >= durableReplicas) {
            return reply;
          }
          String name = new String(args[0], StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
          String why = e != null ? "WAIT failed (" + e.getMessage() + ")"
              : r instanceof RespError err ? "WAIT failed (" + err.message() + ")"
              : "only " + got + " of " + durableReplicas + " replicas confirmed it within " + waitMillis + " ms";
          NotDurableException notDurable = new NotDurableException(name + " on " + c.endpoint()
              + " is applied on the master but not confirmed durable: " + why
              + "; it may still reach the replicas, or be lost if the master fails first",
              durableReplicas, Math.max(0, got));
          if (e != null) {
            throw new ConfirmationLost(notDurable); // the master went away: may be retried
          }
          throw notDurable;
        });
      });
    });
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The connection died before WAIT answered: the write applied on a master now gone. */
  private static final class ConfirmationLost extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final NotDurableException surfaced;

    ConfirmationLost(NotDurableException surfaced) {
      super(surfaced.getMessage(), null, false, false);
      this.surfaced = surfaced;
    }
  }

  /** The master, and where reads may go instead, for messages. */
  @Override
  public String node() {
    return policy.mayReadReplicas() ? master.node() + " or a replica (reads: " + policy + ")" : master.node();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
