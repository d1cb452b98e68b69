package io.vigil.driver;

/**
 * The server answered with a reply whose type or shape the command does not allow, or sent bytes
 * that are not valid RESP.
 *
 * <p>A malformed stream closes the connection (the commands in flight on it then fail with
 * {@link OutcomeUnknownException}); a well-formed reply of the wrong shape only fails its command.
 */
public final class UnexpectedReplyException extends VigilException {

  /** A reply the driver cannot interpret, described in {@code message}. */
  public UnexpectedReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
