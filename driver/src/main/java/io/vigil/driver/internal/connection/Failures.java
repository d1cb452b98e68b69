package io.vigil.driver.internal.connection;

import io.vigil.driver.CommandNotSentException;
import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.OutcomeUnknownException;
import java.time.Duration;

/** Builds the exceptions a command fails with, naming the command, the node and the cause. */
public final class Failures {

  private Failures() {}

  /** The command never left the client. */
  public static CommandNotSentException notSent(Command command, String node, String why, Throwable cause) {
    return new CommandNotSentException(
        command.name() + " was not sent to " + node + ": " + why + "; it is safe to retry", cause);
  }

  /** The command was written; the connection died before its reply. */
  public static OutcomeUnknownException outcomeUnknown(Command command, String node, Throwable cause) {
    String why = cause == null ? "the connection closed" : "the connection closed (" + cause.getMessage() + ")";
    return new OutcomeUnknownException(
        command.name() + " was written to " + node + " but " + why
            + " before the reply arrived; the server may or may not have applied it", cause);
  }

  /** The deadline passed. */
  public static CommandTimeoutException timeout(Command command, String node) {
    boolean written = command.written();
    return new CommandTimeoutException(
        command.name() + " on " + node + " got no reply within "
            + Duration.ofNanos(command.timeoutNanos()).toMillis() + " ms (commandTimeout); "
            + (written ? "it was written, so the server may still apply it" : "it was never written"),
        written);
  }
}
