package io.vigil.driver;

/**
 * The command never reached the network: the connection was closed, not yet established, or the
 * client was closed before the command could be written.
 *
 * <p>The server did not see the command, so retrying it is always safe.
 */
public final class CommandNotSentException extends VigilException {

  /** A command that was not sent, and why. */
  public CommandNotSentException(String message, Throwable cause) {
    super(message, cause);
  }
}
