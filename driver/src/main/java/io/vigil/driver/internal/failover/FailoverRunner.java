package io.vigil.driver.internal.failover;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.internal.client.CommandRunner;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Ticker;
import io.vigil.driver.internal.metrics.FailoverMetrics;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Sends commands to whichever master is confirmed, and carries them across failovers.
 *
 * <p>Each command waits at the {@link MasterGate} while no master is confirmed, then runs on the
 * master's pool. A resilience4j {@link Retry} (exponential backoff with jitter, from the
 * {@link RetryPolicy}) repeats an attempt that failed because the master went away: always when
 * the command was not sent or a replica refused it ({@code READONLY}, {@code MASTERDOWN},
 * {@code LOADING}: nothing applied), and after an unknown outcome only when the command is
 * {@linkplain RetrySafety retry-safe} or the policy accepts duplicates. No attempt starts after
 * the command's deadline. Such failures also tell the topology, through {@link MasterSuspicion},
 * so it starts looking for the master at once.
 *
 * <p>Thread-safe; nothing blocks. Stages complete on I/O threads.
 */
public final class FailoverRunner implements CommandRunner {

  private final MasterGate gate;
  private final MasterSuspicion suspicion;
  private final CommandTable table;
  private final Ticker ticker;
  private final ScheduledExecutorService timers;
  private final FailoverMetrics metrics;
  private final RetryPolicy policy;
  private final Retry retry;
  private final Supplier<String> node;

  /** A runner retrying with {@code policy}. */
  public FailoverRunner(MasterGate gate, MasterSuspicion suspicion, CommandTable table, Ticker ticker,
      ScheduledExecutorService timers, FailoverMetrics metrics, RetryPolicy policy, Supplier<String> node) {
    this.gate = gate;
    this.suspicion = suspicion;
    this.table = table;
    this.ticker = ticker;
    this.timers = timers;
    this.metrics = metrics;
    this.policy = policy;
    this.node = node;
    this.retry = Retry.of("vigil", RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(), 2.0,
            policy.jitter(), policy.maxBackoff()))
        .retryOnException(e -> unwrap(e) instanceof Again)
        .failAfterMaxAttempts(false)
        .build());
  }

  /** The same runner with another policy; shares the gate and the topology. */
  public FailoverRunner withPolicy(RetryPolicy other) {
    return new FailoverRunner(gate, suspicion, table, ticker, timers, metrics, other, node);
  }

  @Override
  public CompletableFuture<RespValue> send(byte[][] args, long timeoutNanos, boolean blocking) {
    long deadline = timeoutNanos <= 0 ? Command.NO_DEADLINE : ticker.nanoTime() + timeoutNanos;
    boolean retrySafe = policy.acceptsDuplicates()
        || RetrySafety.isRetrySafe(table.lookup(new String(args[0], StandardCharsets.UTF_8)), args);
    CompletableFuture<RespValue> result = new CompletableFuture<>();
    retry.executeCompletionStage(timers, () -> attempt(args, deadline, blocking, retrySafe))
        .whenComplete((reply, error) -> {
          if (error == null) {
            result.complete(reply);
            return;
          }
          Throwable cause = unwrap(error);
          if (cause instanceof Again again) {
            if (again.reply != null) {
              result.complete(again.reply); // retries exhausted: the caller sees the server's error
              return;
            }
            cause = again.getCause();
          }
          metrics.failed(causeTag(cause));
          result.completeExceptionally(cause);
        });
    return result;
  }

  private CompletionStage<RespValue> attempt(byte[][] args, long deadline, boolean blocking, boolean retrySafe) {
    if (deadline != Command.NO_DEADLINE && deadline - ticker.nanoTime() <= 0) {
      return CompletableFuture.failedFuture(pastDeadline(args));
    }
    CompletableFuture<NodePool> master = gate.await(deadline, name(args));
    return master.thenCompose(pool -> {
      long remaining = deadline == Command.NO_DEADLINE ? 0 : deadline - ticker.nanoTime();
      if (deadline != Command.NO_DEADLINE && remaining <= 0) {
        return CompletableFuture.failedFuture(pastDeadline(args));
      }
      Command command = Command.of(args, ticker.nanoTime(), remaining);
      if (!blocking) {
        pool.submit(command);
      } else {
        pool.lease().whenComplete((lease, error) -> {
          if (error != null) {
            command.completeExceptionally(error.getCause() != null ? error.getCause() : error);
            return;
          }
          lease.connection().submit(command).whenComplete((reply, failure) -> lease.release(failure == null));
        });
      }
      return command.handle((reply, error) -> judge(pool, command, reply, error, retrySafe));
    });
  }

  /** The reply, or a failure: {@link Again} when another attempt may fix it. */
  private RespValue judge(NodePool pool, Command command, RespValue reply, Throwable error, boolean retrySafe) {
    if (error == null) {
      if (reply instanceof RespError e && notMaster(e)) {
        suspicion.suspect(pool.endpoint(), e.prefix() + " reply to " + command.name());
        throw new Again(reply, null);
      }
      return reply;
    }
    Throwable cause = unwrap(error);
    if (cause instanceof CommandNotSentException && !String.valueOf(cause.getMessage()).contains("exclusive connections")) {
      // not sent for want of a connection (a full lease limit is the caller's, not the master's, problem)
      suspicion.suspect(pool.endpoint(), "a command could not be sent: " + cause.getMessage());
      throw new Again(null, cause);
    }
    if (cause instanceof OutcomeUnknownException) {
      suspicion.suspect(pool.endpoint(), "the connection closed with " + command.name() + " in flight");
      if (retrySafe) {
        throw new Again(null, cause);
      }
    }
    throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
  }

  private CommandNotSentException pastDeadline(byte[][] args) {
    String why = gate.whyClosed();
    return new CommandNotSentException(name(args) + " was not sent within its deadline (commandTimeout)"
        + (why.isEmpty() ? "" : ": " + why), null);
  }

  private static boolean notMaster(RespError error) {
    String prefix = error.prefix();
    return prefix.equals("READONLY") || prefix.equals("MASTERDOWN") || prefix.equals("LOADING");
  }

  private static String causeTag(Throwable cause) {
    if (cause instanceof OutcomeUnknownException) {
      return "outcome-unknown";
    }
    if (cause instanceof CommandNotSentException) {
      return "not-sent";
    }
    if (cause instanceof CommandTimeoutException) {
      return "timeout";
    }
    return "other";
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String name(byte[][] args) {
    return new String(args[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
  }

  @Override
  public String node() {
    return node.get();
  }

  /** An attempt that another attempt may fix: carries the error reply or the failure. */
  private static final class Again extends RuntimeException {
    final RespValue reply;

    Again(RespValue reply, Throwable cause) {
      super(null, cause, false, false);
      this.reply = reply;
    }
  }
}
