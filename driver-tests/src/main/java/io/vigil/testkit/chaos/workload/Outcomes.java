package io.vigil.testkit.chaos.workload;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.NoEligibleReplicaException;
import io.vigil.driver.NotDurableException;
import io.vigil.driver.OutcomeUnknownException;
import io.vigil.driver.RedisServerException;
import io.vigil.testkit.chaos.history.Operation;
import java.util.concurrent.CompletionException;

/**
 * Classifies what the driver threw for an operation into a history outcome, erring towards
 * {@link Operation.Outcome#UNKNOWN}: only an error that proves the command was not applied is a
 * failure.
 *
 * <ul>
 *   <li>{@link NotDurableException}: applied on the master, not confirmed on enough replicas; it
 *       may survive or be lost, so unknown.
 *   <li>{@link OutcomeUnknownException}, and a {@link CommandTimeoutException} that had been
 *       {@linkplain CommandTimeoutException#written() written}: unknown.
 *   <li>{@link CommandNotSentException}, {@link ConnectionException}, an unwritten timeout, a
 *       {@link NoEligibleReplicaException} and a server error reply ({@code READONLY},
 *       {@code LOADING}…, the command was refused): failed.
 *   <li>Anything else: unknown.
 * </ul>
 */
final class Outcomes {

  private Outcomes() {}

  /** The outcome {@code error} proves. */
  static Operation.Outcome of(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof CommandTimeoutException timeout) {
      return timeout.written() ? Operation.Outcome.UNKNOWN : Operation.Outcome.FAIL;
    }
    if (e instanceof CommandNotSentException || e instanceof ConnectionException
        || e instanceof NoEligibleReplicaException || e instanceof RedisServerException) {
      return Operation.Outcome.FAIL;
    }
    return Operation.Outcome.UNKNOWN;
  }

  /** The exception under any {@link CompletionException} wrapping. */
  static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
