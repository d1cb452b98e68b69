package io.vigil.driver;

/**
 * The root of every exception the driver throws for a command or connection.
 *
 * <p>Subclasses say what the caller may do next: a {@link RedisServerException} means the server
 * answered with an error (nothing changed unless the error says so); {@link
 * CommandNotSentException} means the command never left the client (safe to retry); {@link
 * OutcomeUnknownException} and {@link CommandTimeoutException} mean it may or may not have been
 * applied; {@link ConnectionException} means no connection could be established; {@link
 * NoEligibleReplicaException} means a replica-only read found no replica fresh enough (nothing
 * was sent); {@link NotDurableException} means a durable write applied on the master but too
 * few replicas confirmed it.
 */
public abstract sealed class VigilException extends RuntimeException
    permits RedisServerException, CommandNotSentException, OutcomeUnknownException,
        CommandTimeoutException, ConnectionException, UnexpectedReplyException,
        TransactionAbortedException, NoEligibleReplicaException, NotDurableException {

  VigilException(String message, Throwable cause) {
    super(message, cause);
  }
}
