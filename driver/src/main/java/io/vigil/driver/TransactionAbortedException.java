package io.vigil.driver;

/**
 * A command queued in a transaction was not applied because a watched key changed before
 * {@code EXEC}. Nothing of the transaction was applied; retrying it is up to the caller.
 */
public final class TransactionAbortedException extends VigilException {

  /** An aborted transaction's command. */
  public TransactionAbortedException(String message) {
    super(message, null);
  }
}
