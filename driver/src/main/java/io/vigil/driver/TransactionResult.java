package io.vigil.driver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code EXEC} returned: whether the transaction was applied and, if so, each command's
 * result in order.
 *
 * <p>A result is the command's decoded value (null where the command returns null), or the
 * {@link RedisServerException} for a command that failed at run time (the others still applied,
 * as Redis does). Immutable.
 */
public final class TransactionResult {

  private static final TransactionResult ABORTED = new TransactionResult(false, List.of());

  private final boolean committed;
  private final List<Object> results;

  private TransactionResult(boolean committed, List<Object> results) {
    this.committed = committed;
    this.results = results;
  }

  /** An applied transaction's results; nulls allowed. */
  public static TransactionResult committed(List<Object> results) {
    return new TransactionResult(true, Collections.unmodifiableList(new ArrayList<>(results)));
  }

  /** A transaction not applied because a watched key changed. */
  public static TransactionResult aborted() {
    return ABORTED;
  }

  /** Whether {@code EXEC} applied the commands. */
  public boolean committed() {
    return committed;
  }

  /** The results in command order; empty when not committed. */
  public List<Object> results() {
    return results;
  }

  /** The result of command {@code index}. */
  public Object get(int index) {
    return results.get(index);
  }

  @Override
  public String toString() {
    return committed ? "TransactionResult" + results : "TransactionResult(aborted)";
  }
}
