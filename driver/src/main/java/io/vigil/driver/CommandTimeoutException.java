package io.vigil.driver;

/**
 * The command's deadline passed before its reply arrived.
 *
 * <p>{@link #written()} says whether it had been written to the network: when it had, the server
 * may still apply it (the outcome is unknown); when it had not, it never will. The reply, if it
 * comes later, is discarded and the connection stays usable.
 */
public final class CommandTimeoutException extends VigilException {

  private final boolean written;

  /** A timed-out command; {@code written} says whether it reached the network. */
  public CommandTimeoutException(String message, boolean written) {
    super(message, null);
    this.written = written;
  }

  /** Whether the command was written before the deadline passed. */
  public boolean written() {
    return written;
  }
}
