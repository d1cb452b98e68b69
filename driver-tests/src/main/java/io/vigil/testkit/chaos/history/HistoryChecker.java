package io.vigil.testkit.chaos.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a {@link History} of appends to, and reads of, append-only lists against the final
 * state of the data, and reports every violation in a {@link CheckReport}.
 *
 * <p>Definitions (all times on the history's clock; an append is <em>acknowledged</em> when
 * its outcome is {@code OK}, and its acknowledgement time is its {@code completeNanos}):
 * <ul>
 *   <li><b>Lost write</b>: an acknowledged append whose element is not in the final list of
 *       its key. Appends that failed, or whose outcome is unknown or pending, are never lost;
 *       unknown ones are counted as present or absent in the final state.
 *   <li><b>Duplicate application</b>: an element that occurs more than once in the final list of
 *       its key, or in the list returned by one read.
 *   <li><b>Phantom</b>: an element, in the final state or in a read, that no append of this
 *       history wrote to that key, or whose append definitely failed.
 *   <li><b>Read-your-writes</b>: an acknowledged read {@code R} by session {@code s} of key
 *       {@code k} violates it when it misses the element of an append {@code W} by {@code s} to
 *       {@code k} acknowledged before {@code R} was invoked:
 *       {@code W.completeNanos < R.invokeNanos}.
 *   <li><b>Stale read beyond a bound {@code b}</b> (checked only when
 *       {@link Builder#staleReadBound} is set): an acknowledged read {@code R} of key {@code k}
 *       violates it when it misses the element of any acknowledged append {@code W} to {@code k}
 *       with {@code W.completeNanos + b < R.invokeNanos}. With {@code b = 0} this is the
 *       real-time order of linearizability: a read must see every write that completed before it
 *       began. A read missing its own session's write may count under both properties.
 * </ul>
 * Keys that the history touches but the final state lacks are taken as empty lists, so a test
 * that forgets to read a key sees its acknowledged appends reported as lost, not silently passed.
 *
 * <p>Immutable and thread-safe; {@link #check} is pure. For a clean history it runs in time
 * about linear in the size of the history, the lists its reads returned and the final state;
 * only reads that miss something cost more.
 */
public final class HistoryChecker {

  private final Duration staleReadBound;
  private final int examplesPerKind;

  private HistoryChecker(Builder builder) {
    this.staleReadBound = builder.staleReadBound;
    this.examplesPerKind = builder.examplesPerKind;
  }

  /** A builder; by default no stale-read bound is checked and 1000 examples per kind are kept. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bound for stale reads, or {@code null} when they are not checked. */
  public Duration staleReadBound() {
    return staleReadBound;
  }

  /**
   * Checks {@code history} against the final lists read after the run (healed, all clients
   * done), keyed by list key.
   */
  public CheckReport check(History history, Map<String, List<String>> finalState) {
    return check(history.operations(), finalState);
  }

  /** Checks a list of operations (for example a recorded history, mutated by a test). */
  public CheckReport check(List<Operation> operations, Map<String, List<String>> finalState) {
    Objects.requireNonNull(operations, "operations");
    Objects.requireNonNull(finalState, "finalState");
    Run run = new Run(operations, finalState);
    run.checkFinalState();
    run.checkReads();
    return run.report();
  }

  /** The state of one check; confined to the calling thread. */
  private final class Run {
    private final List<Operation> operations;
    private final Map<String, List<String>> finalState;
    /** Appends by key, then by element. */
    private final Map<String, Map<String, Operation>> appends = new HashMap<>();
    /** Acknowledged appends by key, ordered by acknowledgement time. */
    private final Map<String, List<Operation>> acked = new HashMap<>();
    /** Their acknowledgement times, in the same order. */
    private final Map<String, long[]> ackedCompletes = new HashMap<>();
    /** Acknowledgement times of acknowledged appends by key and session ("key\0session"), ascending. */
    private final Map<String, long[]> ackedCompletesBySession = new HashMap<>();
    private final Map<Violation.Kind, Long> counts = new EnumMap<>(Violation.Kind.class);
    private final List<Violation> examples = new ArrayList<>();
    private final Map<Violation.Kind, Integer> examplesKept = new EnumMap<>(Violation.Kind.class);
    private final CheckReport.Counts.Builder tally = new CheckReport.Counts.Builder();

    Run(List<Operation> operations, Map<String, List<String>> finalState) {
      this.operations = operations;
      this.finalState = finalState;
      for (Violation.Kind kind : Violation.Kind.values()) {
        counts.put(kind, 0L);
      }
      for (Operation op : operations) {
        tally.add(op);
        if (op.kind() != Operation.Kind.APPEND) {
          continue;
        }
        Operation previous = appends.computeIfAbsent(op.key(), k -> new HashMap<>()).put(op.element(), op);
        if (previous != null) {
          throw new IllegalArgumentException("ops " + previous.id() + " and " + op.id() + " both append '"
              + op.element() + "' to key '" + op.key() + "'; every append needs an element unique to its key");
        }
        if (op.isOk()) {
          acked.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
      }
      Map<String, List<Long>> bySession = new HashMap<>();
      for (Map.Entry<String, List<Operation>> e : acked.entrySet()) {
        List<Operation> list = e.getValue();
        list.sort(Comparator.comparingLong(Operation::completeNanos).thenComparingLong(Operation::id));
        long[] completes = new long[list.size()];
        for (int i = 0; i < completes.length; i++) {
          Operation op = list.get(i);
          completes[i] = op.completeNanos();
          bySession.computeIfAbsent(e.getKey() + '\u0000' + op.session(), k -> new ArrayList<>()).add(op.completeNanos());
        }
        ackedCompletes.put(e.getKey(), completes);
      }
      bySession.forEach((keyAndSession, completes) ->
          ackedCompletesBySession.put(keyAndSession, completes.stream().mapToLong(Long::longValue).toArray()));
    }

    void checkFinalState() {
      Set<String> keys = new TreeSet<>(appends.keySet());
      keys.addAll(finalState.keySet());
      for (String key : keys) {
        List<String> list = finalState.getOrDefault(key, List.of());
        Map<String, Integer> occurrences = occurrences(list);
        Map<String, Operation> byElement = appends.getOrDefault(key, Map.of());
        for (Operation op : byElement.values()) {
          boolean present = occurrences.containsKey(op.element());
          if (op.isOk() && !present) {
            report(new Violation(Violation.Kind.LOST_WRITE, op.id(), -1, op.session(), key, op.element(),
                op.completeNanos(), "acknowledged append is missing from the final state of " + list.size()
                + " elements"));
          } else if (op.isIndeterminate()) {
            tally.unknownAppend(present);
          }
        }
        for (Map.Entry<String, Integer> e : occurrences.entrySet()) {
          Operation op = byElement.get(e.getKey());
          if (e.getValue() > 1) {
            report(new Violation(Violation.Kind.DUPLICATE, op == null ? -1 : op.id(), -1,
                op == null ? null : op.session(), key, e.getKey(), op == null ? -1 : op.invokeNanos(),
                "the final state holds the element " + e.getValue() + " times"));
          }
          phantom(op, -1, null, key, e.getKey(), -1, "the final state");
        }
      }
    }

    void checkReads() {
      for (Operation read : operations) {
        if (read.kind() != Operation.Kind.READ || !read.isOk()) {
          continue;
        }
        Map<String, Integer> seen = occurrences(read.observed());
        Map<String, Operation> byElement = appends.getOrDefault(read.key(), Map.of());
        for (Map.Entry<String, Integer> e : seen.entrySet()) {
          Operation write = byElement.get(e.getKey());
          if (e.getValue() > 1) {
            report(new Violation(Violation.Kind.DUPLICATE, read.id(), write == null ? -1 : write.id(),
                read.session(), read.key(), e.getKey(), read.invokeNanos(),
                "the read returned the element " + e.getValue() + " times"));
          }
          phantom(write, read.id(), read.session(), read.key(), e.getKey(), read.invokeNanos(), "a read");
        }
        checkVisibility(read, seen.keySet());
      }
    }

    /**
     * Reports the acknowledged appends {@code read} should have seen but did not. Counting first
     * keeps a clean history linear in its size: only a read that misses something walks the
     * appends it had to see.
     */
    private void checkVisibility(Operation read, Set<String> seen) {
      List<Operation> keyAcked = acked.getOrDefault(read.key(), List.of());
      if (keyAcked.isEmpty()) {
        return;
      }
      long staleCut = staleCut(read);
      int mustSeeForStaleness = countBelow(ackedCompletes.get(read.key()), staleCut);
      long[] ownCompletes = ackedCompletesBySession.get(read.key() + '\u0000' + read.session());
      int mustSeeOwn = ownCompletes == null ? 0 : countBelow(ownCompletes, read.invokeNanos());
      int seenForStaleness = 0;
      int seenOwn = 0;
      Map<String, Operation> byElement = appends.get(read.key());
      for (String element : seen) {
        Operation write = byElement == null ? null : byElement.get(element);
        if (write == null || !write.isOk()) {
          continue;
        }
        if (write.completeNanos() < staleCut) {
          seenForStaleness++;
        }
        if (write.session().equals(read.session()) && write.completeNanos() < read.invokeNanos()) {
          seenOwn++;
        }
      }
      if (seenForStaleness == mustSeeForStaleness && seenOwn == mustSeeOwn) {
        return;
      }
      for (Operation write : keyAcked) {
        if (write.completeNanos() >= read.invokeNanos()) {
          break; // sorted by acknowledgement: nothing later must be visible
        }
        if (seen.contains(write.element())) {
          continue;
        }
        if (write.session().equals(read.session())) {
          report(new Violation(Violation.Kind.READ_YOUR_WRITES, read.id(), write.id(), read.session(),
              read.key(), write.element(), read.invokeNanos(), "the read misses its session's append acknowledged "
              + (read.invokeNanos() - write.completeNanos()) + " ns before the read was invoked"));
        }
        if (write.completeNanos() < staleCut) {
          report(new Violation(Violation.Kind.STALE_READ, read.id(), write.id(), read.session(), read.key(),
              write.element(), read.invokeNanos(), "the read misses an append acknowledged "
              + (read.invokeNanos() - write.completeNanos()) + " ns before it was invoked, beyond the bound of "
              + staleReadBound.toNanos() + " ns"));
        }
      }
    }

    /** Appends acknowledged before this time must be visible to {@code read}; MIN_VALUE when unchecked. */
    private long staleCut(Operation read) {
      if (staleReadBound == null) {
        return Long.MIN_VALUE;
      }
      try {
        return Math.subtractExact(read.invokeNanos(), staleReadBound.toNanos());
      } catch (ArithmeticException e) {
        return Long.MIN_VALUE; // a bound reaching before the clock's range: nothing is that old
      }
    }

    private void phantom(Operation write, long opId, String session, String key, String element, long at,
        String where) {
      if (write == null) {
        report(new Violation(Violation.Kind.PHANTOM, opId, -1, session, key, element, at,
            where + " holds an element that no append of this history wrote"));
      } else if (write.outcome() == Operation.Outcome.FAIL) {
        report(new Violation(Violation.Kind.PHANTOM, opId, write.id(), session, key, element, at,
            where + " holds the element of an append that failed (" + write.reason() + ")"));
      }
    }

    private void report(Violation violation) {
      counts.merge(violation.kind(), 1L, Long::sum);
      int kept = examplesKept.getOrDefault(violation.kind(), 0);
      if (kept < examplesPerKind) {
        examples.add(violation);
        examplesKept.put(violation.kind(), kept + 1);
      }
    }

    CheckReport report() {
      examples.sort(Comparator.comparingLong(Violation::atNanos).thenComparingLong(Violation::opId));
      return new CheckReport(tally.build(), counts, examples, staleReadBound);
    }
  }

  /** How many of the ascending {@code sorted} values are below {@code threshold}. */
  private static int countBelow(long[] sorted, long threshold) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < threshold) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static Map<String, Integer> occurrences(List<String> list) {
    Map<String, Integer> out = new HashMap<>(list.size() * 2);
    for (String element : list) {
      out.merge(element, 1, Integer::sum);
    }
    return out;
  }

  /** Options for a {@link HistoryChecker}; validates each value as it is set. */
  public static final class Builder {
    private Duration staleReadBound;
    private int examplesPerKind = 1000;

    private Builder() {}

    /**
     * Checks that no read misses an append acknowledged more than {@code bound} before the read
     * was invoked; {@code Duration.ZERO} demands real-time (linearizable) reads.
     */
    public Builder staleReadBound(Duration bound) {
      Objects.requireNonNull(bound, "bound");
      if (bound.isNegative()) {
        throw new IllegalArgumentException("staleReadBound must be zero or positive, got " + bound);
      }
      this.staleReadBound = bound;
      return this;
    }

    /**
     * How many violations of each kind the report keeps as examples (counts stay exact); bounds
     * memory when a broken run violates millions of times. Default 1000.
     */
    public Builder examplesPerKind(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("examplesPerKind must be zero or positive, got " + count);
      }
      this.examplesPerKind = count;
      return this;
    }

    /** The checker. */
    public HistoryChecker build() {
      return new HistoryChecker(this);
    }
  }
}
