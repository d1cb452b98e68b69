package io.vigil.testkit.chaos.history;

import java.util.Objects;

/**
 * One consistency violation found by {@link HistoryChecker}. Immutable.
 *
 * @param kind what went wrong
 * @param opId the offending operation: the lost append, or the read that missed or doubled an
 *     element; {@code -1} when the offender is the final state itself
 * @param relatedOpId the append the offender concerns (the one a read missed, or the failed
 *     append whose element appeared); {@code -1} when there is none
 * @param session the session of {@code opId}, or {@code null}
 * @param key the list key
 * @param element the element concerned
 * @param atNanos when it happened on the history's clock: the read's invocation, or the lost
 *     append's acknowledgement
 * @param detail one sentence for humans
 */
public record Violation(
    Kind kind, long opId, long relatedOpId, String session, String key, String element, long atNanos, String detail) {

  /** The kinds of violation, each one property of an append-only list history. */
  public enum Kind {
    /** An acknowledged append whose element is not in the final state. */
    LOST_WRITE,
    /** An element present more than once in the final state or in one read: applied twice. */
    DUPLICATE,
    /** A read that missed an append its own session had acknowledged before invoking it. */
    READ_YOUR_WRITES,
    /** A read that missed an append acknowledged more than the staleness bound before it was invoked. */
    STALE_READ,
    /** An element no append wrote, or whose append definitely failed, seen in a read or the final state. */
    PHANTOM
  }

  /** Validates the fields. */
  public Violation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return kind + " op " + (opId < 0 ? "-" : "#" + opId)
        + (relatedOpId < 0 ? "" : " (write #" + relatedOpId + ")")
        + (session == null ? "" : " session " + session)
        + " key " + key + (element == null ? "" : " element " + element)
        + " at " + atNanos + " ns: " + detail;
  }
}
