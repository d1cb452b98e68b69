package io.vigil.testkit.chaos.history;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An operation invoked in a {@link History} and not yet completed: the handle a client thread
 * completes exactly once with {@link #ok()}, {@link #ok(List)}, {@link #fail} or {@link #unknown}.
 *
 * <p>Thread-safe: it may be completed from a thread other than the invoking one (for example a
 * future's callback). Completing twice throws {@link IllegalStateException}; never completing
 * leaves the operation pending, which the checker treats as an unknown outcome.
 */
public final class PendingOperation {

  private final History history;
  private final Operation invoked;
  private final AtomicBoolean completed = new AtomicBoolean();

  PendingOperation(History history, Operation invoked) {
    this.history = history;
    this.invoked = invoked;
  }

  /** The operation's id, as reported by the checker. */
  public long id() {
    return invoked.id();
  }

  /** The operation as invoked (pending). */
  public Operation invoked() {
    return invoked;
  }

  /**
   * The append was acknowledged.
   *
   * @throws IllegalStateException for a read (use {@link #ok(List)}) or when already completed
   */
  public void ok() {
    if (invoked.kind() != Operation.Kind.APPEND) {
      throw new IllegalStateException("op " + invoked.id() + " is a read; complete it with ok(observedList)");
    }
    complete(Operation.Outcome.OK, List.of(), null);
  }

  /**
   * The read returned {@code observed} (the whole list, in order; empty for a missing key).
   *
   * @throws IllegalStateException for an append (use {@link #ok()}) or when already completed
   */
  public void ok(List<String> observed) {
    Objects.requireNonNull(observed, "observed");
    if (invoked.kind() != Operation.Kind.READ) {
      throw new IllegalStateException("op " + invoked.id() + " is an append; complete it with ok()");
    }
    complete(Operation.Outcome.OK, observed, null);
  }

  /** The operation definitely did not take effect (for example the server replied with an error). */
  public void fail(String reason) {
    complete(Operation.Outcome.FAIL, List.of(), Objects.requireNonNull(reason, "reason"));
  }

  /** The operation may or may not have taken effect (for example the connection died with it in flight). */
  public void unknown(String reason) {
    complete(Operation.Outcome.UNKNOWN, List.of(), Objects.requireNonNull(reason, "reason"));
  }

  private void complete(Operation.Outcome outcome, List<String> observed, String reason) {
    if (!completed.compareAndSet(false, true)) {
      throw new IllegalStateException("op " + invoked.id() + " (" + invoked.kind() + " " + invoked.key()
          + ") was already completed; complete each operation exactly once");
    }
    history.complete(invoked, outcome, observed, reason);
  }

  @Override
  public String toString() {
    return invoked.toString();
  }
}
