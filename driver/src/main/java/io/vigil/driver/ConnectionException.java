package io.vigil.driver;

/**
 * A connection to a node could not be established or set up (TCP connect, TLS, or the
 * {@code HELLO}/{@code AUTH}/{@code SELECT} handshake failed).
 *
 * <p>Commands that were waiting for the connection fail with {@link CommandNotSentException}
 * carrying this as the cause. The message names the node and, when the server refused the
 * handshake, its error text; it never contains a password.
 */
public final class ConnectionException extends VigilException {

  /** A connection failure with its cause (may be null). */
  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
