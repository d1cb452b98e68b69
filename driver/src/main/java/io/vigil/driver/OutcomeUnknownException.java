package io.vigil.driver;

/**
 * The command was written but its connection died before the reply arrived: the server may or
 * may not have applied it.
 *
 * <p>Retry only commands that are safe to repeat (reads, idempotent writes); for the others the
 * caller must find out what happened, for example by reading the key back.
 */
public final class OutcomeUnknownException extends VigilException {

  /** A command whose outcome is unknown, and the failure that hid it. */
  public OutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
