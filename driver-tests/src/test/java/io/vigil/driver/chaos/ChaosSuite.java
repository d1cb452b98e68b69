package io.vigil.driver.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.chaos.Topology;
import io.vigil.testkit.chaos.history.Violation;
import io.vigil.testkit.chaos.workload.ChaosResult;
import io.vigil.testkit.chaos.workload.ChaosRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * What the chaos tests share: the seed and the fault count (fixed for CI, overridden by {@code
 * -Dchaos.seed=} and {@code -Dchaos.faults=}), the run, the printout, the JSON report and the
 * timeline under {@code target/chaos/}, and the assertions. See driver-tests/README.md, "Chaos
 * suite", for the commands.
 */
final class ChaosSuite {

  /** The workers of every run. */
  static final int THREADS = 16;
  /** Faults per run unless {@code -Dchaos.faults} says otherwise. */
  static final int CI_FAULTS = 20;

  private ChaosSuite() {}

  /** {@code -Dchaos.seed}: a number, or {@code random} for a new seed (printed); else {@code ciSeed}. */
  static long seed(long ciSeed) {
    String value = System.getProperty("chaos.seed", "").trim();
    if (value.isEmpty()) {
      return ciSeed;
    }
    return value.equalsIgnoreCase("random") ? new SecureRandom().nextLong() : Long.parseLong(value);
  }

  /**
   * {@code -Dchaos.durableReplicas}, else 0 for every replica. Fewer (1 of 2) shows why the suite
   * demands all: Sentinel then loses acknowledged appends, and the run fails.
   */
  static int durableReplicas() {
    String value = System.getProperty("chaos.durableReplicas", "").trim();
    return value.isEmpty() ? 0 : Integer.parseInt(value);
  }

  /** {@code -Dchaos.faults}, else {@link #CI_FAULTS}. */
  static int faults() {
    String value = System.getProperty("chaos.faults", "").trim();
    return value.isEmpty() ? CI_FAULTS : Integer.parseInt(value);
  }

  /**
   * Runs the seeded chaos run on {@code topology}, prints and saves its result as {@code
   * target/chaos/<name>-<seed>.json}, then asserts: every fault applied, zero violations of any
   * kind (lost acknowledged appends, read-your-writes, stale reads beyond the bound, duplicates,
   * phantoms), and progress (appends acknowledged, reads served by replicas).
   */
  static ChaosResult runAndCheck(String name, Topology topology, long ciSeed, Duration holdMax) {
    long seed = seed(ciSeed);
    int faults = faults();
    System.out.printf("[%s] chaos run with seed %d and %d faults (replay: -Dchaos.seed=%d -Dchaos.faults=%d)%n",
        name, seed, faults, seed, faults);
    ChaosRun.Builder run = ChaosRun.builder(topology).seed(seed).faults(faults).threads(THREADS);
    if (durableReplicas() > 0) {
      run.durableReplicas(durableReplicas());
    }
    ChaosResult result = run
        .nemesis(n -> n.hold(Duration.ofMillis(300), holdMax).pause(Duration.ofMillis(100), Duration.ofMillis(500)))
        .log(line -> System.out.println("[" + name + "] " + line))
        .build().run();
    Path json = Path.of("target", "chaos", name + "-" + seed + ".json");
    result.writeJson(json);
    Path timeline = Path.of("target", "chaos", name + "-" + seed + "-timeline.txt");
    write(timeline, topology.timeline().format());
    System.out.printf("[%s] %s[%s] report: %s, timeline: %s%n", name, result.summary(), name, json.toAbsolutePath(),
        timeline.toAbsolutePath());

    result.assertValid();
    assertThat(result.applied()).as("faults applied").hasSize(faults);
    assertThat(result.report().count(Violation.Kind.LOST_WRITE)).isZero();
    assertThat(result.report().count(Violation.Kind.READ_YOUR_WRITES)).isZero();
    assertThat(result.report().count(Violation.Kind.STALE_READ)).isZero();
    assertThat(result.report().count(Violation.Kind.DUPLICATE)).isZero();
    assertThat(result.report().counts().appendsOk()).as("acknowledged durable appends").isPositive();
    assertThat(result.replicaReads()).as("reads served by replicas").isPositive();
    return result;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
