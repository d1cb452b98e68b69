package io.vigil.testkit.chaos.workload;

import io.vigil.testkit.chaos.FaultStep;
import io.vigil.testkit.chaos.history.CheckReport;
import io.vigil.testkit.chaos.history.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one {@link ChaosRun} did and what the {@link io.vigil.testkit.chaos.history.HistoryChecker}
 * found: the seed (to replay), the faults applied, the operations by outcome, how many reads
 * replicas served, and the {@link CheckReport}. Printable ({@link #summary()}) and as JSON
 * ({@link #writeJson(Path)}). Immutable.
 *
 * @param seed the nemesis seed; {@code -Dchaos.seed=<seed>} (or {@link ChaosRun.Builder#seed}) replays it
 * @param applied the nemesis steps applied, in order
 * @param appliedLog each applied step with the node it hit, as the nemesis logged it
 * @param durableReplicas how many replicas every acknowledged append reached ({@code WAIT})
 * @param readBound the lag bound of replica reads, also the checker's stale-read bound
 * @param threads worker threads
 * @param sessionReads successful read-your-writes session reads
 * @param boundedReads successful lag-bounded reads
 * @param replicaReads reads the client routed to a replica (its {@code vigil.reads{role=replica}} meter)
 * @param errors errors the client threw, by operation and exception type
 * @param report the checker's verdict
 * @param wallTime from the start of the run to the check
 */
public record ChaosResult(long seed, List<FaultStep> applied, List<String> appliedLog, int durableReplicas,
    Duration readBound, int threads, long sessionReads, long boundedReads, long replicaReads,
    Map<String, Long> errors, CheckReport report, Duration wallTime) {

  /** Copies the collections. */
  public ChaosResult {
    applied = List.copyOf(applied);
    appliedLog = List.copyOf(appliedLog);
    errors = Map.copyOf(errors);
  }

  /** Applied faults by kind and target ({@code "KILL master"} → 3), sorted. */
  public Map<String, Integer> faultCounts() {
    Map<String, Integer> out = new TreeMap<>();
    for (FaultStep step : applied) {
      out.merge(step.fault() + " " + step.target().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    return out;
  }

  /**
   * Throws an {@link AssertionError} with the {@link #summary()} unless the history has no
   * violation and some appends were acknowledged (a run that acknowledged nothing proves nothing).
   */
  public void assertValid() {
    report.assertValid();
    if (report.counts().appendsOk() == 0) {
      throw new AssertionError("no append was acknowledged, so the run proves nothing\n" + summary());
    }
  }

  /** A few lines for humans: seed, faults, operations, replica reads, violations. */
  public String summary() {
    CheckReport.Counts c = report.counts();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "chaos run: seed %d, %d faults applied %s, %d threads, %.1f s%n", seed,
        applied.size(), faultCounts(), threads, wallTime.toMillis() / 1000.0));
    sb.append(String.format(Locale.ROOT, "durable appends (WAIT %d): %d acknowledged, %d unknown (%d present, %d absent"
            + " in the end), %d failed%n", durableReplicas, c.appendsOk(), c.appendsUnknown(), c.unknownPresent(),
        c.unknownAbsent(), c.appendsFailed()));
    sb.append(String.format(Locale.ROOT, "reads: %d ok (%d read-your-writes session, %d bounded by %d ms), %d failed;"
            + " %d routed to replicas%n", c.readsOk(), sessionReads, boundedReads, readBound.toMillis(),
        c.readsFailed() + c.readsUnknown(), replicaReads));
    sb.append("errors surfaced: ").append(new TreeMap<>(errors)).append('\n');
    sb.append(report.summary());
    return sb.toString();
  }

  /** The run as JSON: its figures, the faults applied, and the checker's report under {@code "check"}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"seed\":").append(seed);
    sb.append(",\"wallTimeMillis\":").append(wallTime.toMillis());
    sb.append(",\"threads\":").append(threads);
    sb.append(",\"durableReplicas\":").append(durableReplicas);
    sb.append(",\"readBoundMillis\":").append(readBound.toMillis());
    sb.append(",\"sessionReads\":").append(sessionReads);
    sb.append(",\"boundedReads\":").append(boundedReads);
    sb.append(",\"replicaReads\":").append(replicaReads);
    sb.append(",\"faultCounts\":");
    object(sb, faultCounts());
    sb.append(",\"faults\":[");
    for (int i = 0; i < appliedLog.size(); i++) {
      sb.append(i == 0 ? "" : ",");
      Json.string(sb, appliedLog.get(i));
    }
    sb.append("],\"errors\":");
    object(sb, new TreeMap<>(errors));
    sb.append(",\"check\":").append(report.toJson());
    return sb.append('}').toString();
  }

  /** Writes {@link #toJson()} to {@code file} in UTF-8, creating parent directories. */
  public void writeJson(Path file) {
    Json.write(file, toJson(), "chaos report");
  }

  @Override
  public String toString() {
    return summary();
  }

  private static void object(StringBuilder sb, Map<String, ? extends Number> values) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
      sb.append(first ? "" : ",");
      first = false;
      Json.string(sb, e.getKey());
      sb.append(':').append(e.getValue());
    }
    sb.append('}');
  }

}
