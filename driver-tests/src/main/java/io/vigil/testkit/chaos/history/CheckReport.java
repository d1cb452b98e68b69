package io.vigil.testkit.chaos.history;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link HistoryChecker} found: operation counts, exact violation counts by kind, and
 * the earliest violations as examples; printable as a compact text report ({@link #summary()})
 * or as JSON ({@link #toJson()}, {@link #writeJson(Path)}).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * CheckReport report = HistoryChecker.builder().staleReadBound(Duration.ofSeconds(1)).build()
 *     .check(history, finalLists);
 * report.writeJson(Path.of("target/chaos-history.json"));
 * report.assertValid();
 * }</pre>
 */
public final class CheckReport {

  /** How many examples of each kind {@link #summary()} prints. */
  private static final int SUMMARY_EXAMPLES = 5;

  private final Counts counts;
  private final Map<Violation.Kind, Long> violationCounts;
  private final List<Violation> violations;
  private final Duration staleReadBound;

  CheckReport(Counts counts, Map<Violation.Kind, Long> violationCounts, List<Violation> violations,
      Duration staleReadBound) {
    this.counts = counts;
    this.violationCounts = Collections.unmodifiableMap(new EnumMap<>(violationCounts));
    this.violations = List.copyOf(violations);
    this.staleReadBound = staleReadBound;
  }

  /** Whether the history has no violation of any kind. */
  public boolean isValid() {
    return totalViolations() == 0;
  }

  /** The exact number of violations of {@code kind} (may exceed the examples kept). */
  public long count(Violation.Kind kind) {
    return violationCounts.getOrDefault(kind, 0L);
  }

  /** The exact number of violations of all kinds. */
  public long totalViolations() {
    long total = 0;
    for (long n : violationCounts.values()) {
      total += n;
    }
    return total;
  }

  /** The violations kept as examples, earliest first. */
  public List<Violation> violations() {
    return violations;
  }

  /** The kept violations of one kind, earliest first. */
  public List<Violation> violations(Violation.Kind kind) {
    List<Violation> out = new ArrayList<>();
    for (Violation v : violations) {
      if (v.kind() == kind) {
        out.add(v);
      }
    }
    return out;
  }

  /** Operation counts. */
  public Counts counts() {
    return counts;
  }

  /**
   * Throws an {@link AssertionError} carrying {@link #summary()} unless the history is valid.
   */
  public void assertValid() {
    if (!isValid()) {
      throw new AssertionError("the history has " + totalViolations() + " violation(s)\n" + summary());
    }
  }

  /** A compact report for humans: counts, then the first few violations of each kind. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("history: ").append(counts.operations()).append(" ops; appends ok ").append(counts.appendsOk())
        .append(", failed ").append(counts.appendsFailed())
        .append(", unknown ").append(counts.appendsUnknown())
        .append(" (present ").append(counts.unknownPresent()).append(", absent ").append(counts.unknownAbsent())
        .append("); reads ok ").append(counts.readsOk()).append(", failed ").append(counts.readsFailed())
        .append(", unknown ").append(counts.readsUnknown()).append('\n');
    sb.append("violations: ").append(totalViolations());
    for (Violation.Kind kind : Violation.Kind.values()) {
      sb.append(", ").append(kind.name().toLowerCase()).append(' ').append(count(kind));
    }
    sb.append(staleReadBound == null ? " (stale reads not checked)" : " (stale bound " + staleReadBound + ")");
    sb.append('\n');
    for (Violation.Kind kind : Violation.Kind.values()) {
      List<Violation> ofKind = violations(kind);
      for (int i = 0; i < Math.min(SUMMARY_EXAMPLES, ofKind.size()); i++) {
        sb.append("  ").append(ofKind.get(i)).append('\n');
      }
      if (count(kind) > Math.min(SUMMARY_EXAMPLES, ofKind.size())) {
        sb.append("  … ").append(count(kind) - Math.min(SUMMARY_EXAMPLES, ofKind.size()))
            .append(" more ").append(kind).append('\n');
      }
    }
    return sb.toString();
  }

  /** The whole report as a JSON object, with every kept violation. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(256 + violations.size() * 200);
    sb.append("{\"valid\":").append(isValid());
    sb.append(",\"staleReadBoundNanos\":").append(staleReadBound == null ? "null" : staleReadBound.toNanos());
    sb.append(",\"operations\":{\"total\":").append(counts.operations())
        .append(",\"appendsOk\":").append(counts.appendsOk())
        .append(",\"appendsFailed\":").append(counts.appendsFailed())
        .append(",\"appendsUnknown\":").append(counts.appendsUnknown())
        .append(",\"unknownAppendsPresent\":").append(counts.unknownPresent())
        .append(",\"unknownAppendsAbsent\":").append(counts.unknownAbsent())
        .append(",\"readsOk\":").append(counts.readsOk())
        .append(",\"readsFailed\":").append(counts.readsFailed())
        .append(",\"readsUnknown\":").append(counts.readsUnknown()).append('}');
    sb.append(",\"violationCounts\":{");
    boolean first = true;
    for (Violation.Kind kind : Violation.Kind.values()) {
      sb.append(first ? "" : ",");
      Json.string(sb, kind.name()).append(':').append(count(kind));
      first = false;
    }
    sb.append("},\"violations\":[");
    first = true;
    for (Violation v : violations) {
      sb.append(first ? "{" : ",{");
      first = false;
      sb.append("\"kind\":");
      Json.string(sb, v.kind().name());
      sb.append(",\"opId\":").append(v.opId());
      sb.append(",\"relatedOpId\":").append(v.relatedOpId());
      sb.append(",\"session\":");
      Json.string(sb, v.session());
      sb.append(",\"key\":");
      Json.string(sb, v.key());
      sb.append(",\"element\":");
      Json.string(sb, v.element());
      sb.append(",\"atNanos\":").append(v.atNanos());
      sb.append(",\"detail\":");
      Json.string(sb, v.detail());
      sb.append('}');
    }
    return sb.append("]}").toString();
  }

  /** Writes {@link #toJson()} to {@code file} in UTF-8, creating parent directories. */
  public void writeJson(Path file) {
    Json.write(file, toJson(), "history report");
  }

  @Override
  public String toString() {
    return summary();
  }

  /**
   * Operation counts of a checked history. Pending operations count as unknown.
   *
   * @param operations all operations
   * @param appendsOk acknowledged appends
   * @param appendsFailed appends that definitely failed
   * @param appendsUnknown appends with an unknown or pending outcome
   * @param unknownPresent unknown appends whose element is in the final state
   * @param unknownAbsent unknown appends whose element is not in the final state
   * @param readsOk acknowledged reads
   * @param readsFailed failed reads
   * @param readsUnknown reads with an unknown or pending outcome
   */
  public record Counts(long operations, long appendsOk, long appendsFailed, long appendsUnknown,
      long unknownPresent, long unknownAbsent, long readsOk, long readsFailed, long readsUnknown) {

    /** Accumulates counts during one check; not thread-safe. */
    static final class Builder {
      private long operations;
      private long appendsOk;
      private long appendsFailed;
      private long appendsUnknown;
      private long unknownPresent;
      private long unknownAbsent;
      private long readsOk;
      private long readsFailed;
      private long readsUnknown;

      void add(Operation op) {
        operations++;
        boolean append = op.kind() == Operation.Kind.APPEND;
        switch (op.outcome()) {
          case OK -> {
            if (append) {
              appendsOk++;
            } else {
              readsOk++;
            }
          }
          case FAIL -> {
            if (append) {
              appendsFailed++;
            } else {
              readsFailed++;
            }
          }
          default -> {
            if (append) {
              appendsUnknown++;
            } else {
              readsUnknown++;
            }
          }
        }
      }

      void unknownAppend(boolean present) {
        if (present) {
          unknownPresent++;
        } else {
          unknownAbsent++;
        }
      }

      Counts build() {
        return new Counts(operations, appendsOk, appendsFailed, appendsUnknown, unknownPresent, unknownAbsent,
            readsOk, readsFailed, readsUnknown);
      }
    }
  }
}
