package io.vigil.testkit.chaos.history;

import java.util.List;
import java.util.Objects;

/**
 * One recorded operation of a history: an append of a unique element to a list key, or a
 * read of a whole list, by one session, with its invocation and completion times.
 *
 * <p>Immutable. Times are nanoseconds from the recorder's monotonic clock (comparable only with
 * each other, never with wall-clock time). An operation still {@link Outcome#PENDING} when the
 * history was taken has {@code completeNanos == -1} and is treated like {@link Outcome#UNKNOWN}.
 *
 * @param id unique, assigned at invocation from a counter
 * @param session the client session (thread, connection, client instance) that issued it
 * @param kind append or read
 * @param key the list key
 * @param element the appended element (unique per key); {@code null} for reads
 * @param invokeNanos when the operation was invoked
 * @param completeNanos when its outcome was recorded; {@code -1} while pending
 * @param outcome ok, fail (definitely not applied), unknown (may have applied) or pending
 * @param observed for an ok read, the list it returned, in order; empty otherwise
 * @param reason why it failed or is unknown; {@code null} otherwise
 */
public record Operation(
    long id,
    String session,
    Kind kind,
    String key,
    String element,
    long invokeNanos,
    long completeNanos,
    Outcome outcome,
    List<String> observed,
    String reason) {

  /** What an operation does. */
  public enum Kind {
    /** Appends one unique element to the list at a key ({@code RPUSH key element}). */
    APPEND,
    /** Reads the whole list at a key ({@code LRANGE key 0 -1}). */
    READ
  }

  /** How an operation ended. */
  public enum Outcome {
    /** Still in flight when the history was taken; checked like {@link #UNKNOWN}. */
    PENDING,
    /** Acknowledged: an append took effect, a read returned {@link #observed()}. */
    OK,
    /** Definitely did not take effect (the server refused it, or it was never sent). */
    FAIL,
    /** May or may not have taken effect (the link died with the command in flight, a timeout). */
    UNKNOWN
  }

  /** Validates the fields; see the record description for their meaning. */
  public Operation {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(outcome, "outcome");
    observed = observed == null ? List.of() : List.copyOf(observed);
    if (kind == Kind.APPEND && element == null) {
      throw new IllegalArgumentException("append op " + id + " on key " + key + " has no element");
    }
    if (kind == Kind.READ && element != null) {
      throw new IllegalArgumentException("read op " + id + " on key " + key + " must not carry an element");
    }
    if (outcome == Outcome.PENDING ? completeNanos != -1 : completeNanos < invokeNanos) {
      throw new IllegalArgumentException("op " + id + " completes at " + completeNanos
          + " ns but was invoked at " + invokeNanos + " ns (pending ops complete at -1)");
    }
  }

  /** Whether it was acknowledged. */
  public boolean isOk() {
    return outcome == Outcome.OK;
  }

  /** Whether it may or may not have taken effect (unknown, or still pending). */
  public boolean isIndeterminate() {
    return outcome == Outcome.UNKNOWN || outcome == Outcome.PENDING;
  }

  /** A copy with other times, for tests that mutate histories. */
  public Operation withTimes(long invoke, long complete) {
    return new Operation(id, session, kind, key, element, invoke, complete, outcome, observed, reason);
  }

  /** A copy with another observation, for tests that mutate histories. */
  public Operation withObserved(List<String> newObserved) {
    return new Operation(id, session, kind, key, element, invokeNanos, completeNanos, outcome, newObserved, reason);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append('#').append(id).append(' ').append(session).append(' ');
    if (kind == Kind.APPEND) {
      sb.append("append ").append(key).append(' ').append(element);
    } else {
      sb.append("read ").append(key);
    }
    sb.append(' ').append(outcome);
    if (kind == Kind.READ && outcome == Outcome.OK) {
      sb.append(' ').append(observed.size()).append(" elements");
    }
    sb.append(" [").append(invokeNanos).append(", ")
        .append(completeNanos < 0 ? "…" : Long.toString(completeNanos)).append("] ns");
    if (reason != null) {
      sb.append(" (").append(reason).append(')');
    }
    return sb.toString();
  }
}
