package io.vigil.testkit.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories of a simulated linearizable store must pass every check, even the strictest stale
 * bound; each mutation of them must produce exactly the violation it models. The seed is in
 * every failure message, so a failing run replays.
 */
class HistoryCheckerRandomizedTest {

  private static final HistoryChecker LINEARIZABLE = HistoryChecker.builder().staleReadBound(Duration.ZERO).build();

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 7_919, 1_000_003, 20_261_122, -5})
  void historiesOfALinearizableStoreHaveNoViolations(long seed) {
    SimulatedListStore store = new SimulatedListStore(seed, 6, 3).run(4_000);
    CheckReport report = LINEARIZABLE.check(store.history(), store.finalState());
    assertThat(report.isValid()).as("seed %d:%n%s", seed, report.summary()).isTrue();
    assertThat(report.counts().appendsOk()).as("seed %d exercises acknowledged appends", seed).isPositive();
    assertThat(report.counts().readsOk()).as("seed %d exercises reads", seed).isPositive();
    assertThat(report.counts().appendsUnknown()).as("seed %d exercises unknown outcomes", seed).isPositive();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11})
  void longHistoriesOfManySessionsAndKeysHaveNoViolations(long seed) {
    SimulatedListStore store = new SimulatedListStore(seed, 16, 40).run(60_000);
    CheckReport report = LINEARIZABLE.check(store.history(), store.finalState());
    assertThat(report.isValid()).as("seed %d:%n%s", seed, report.summary()).isTrue();
    assertThat(report.counts().operations()).isGreaterThan(15_000);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 7_919, 1_000_003, 20_261_122, -5})
  void droppingAnAcknowledgedElementIsExactlyOneLostWrite(long seed) {
    SimulatedListStore store = new SimulatedListStore(seed, 6, 3).run(4_000);
    List<Operation> acked = store.history().operations().stream()
        .filter(op -> op.kind() == Operation.Kind.APPEND && op.isOk()).toList();
    Operation victim = acked.get(new Random(seed).nextInt(acked.size()));
    Map<String, List<String>> state = new HashMap<>(store.finalState());
    List<String> list = new ArrayList<>(state.get(victim.key()));
    list.remove(victim.element());
    state.put(victim.key(), list);

    CheckReport report = LINEARIZABLE.check(store.history(), state);
    assertThat(report.totalViolations()).as("seed %d:%n%s", seed, report.summary()).isEqualTo(1);
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.LOST_WRITE);
      assertThat(v.opId()).isEqualTo(victim.id());
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 7_919, 1_000_003, 20_261_122, -5})
  void doublingAnElementInTheFinalStateIsExactlyOneDuplicate(long seed) {
    SimulatedListStore store = new SimulatedListStore(seed, 6, 3).run(4_000);
    Map<String, List<String>> state = new HashMap<>(store.finalState());
    String key = state.keySet().stream().filter(k -> !state.get(k).isEmpty()).sorted().findFirst().orElseThrow();
    List<String> list = new ArrayList<>(state.get(key));
    list.add(list.get(new Random(seed).nextInt(list.size())));
    state.put(key, list);

    CheckReport report = LINEARIZABLE.check(store.history(), state);
    assertThat(report.totalViolations()).as("seed %d:%n%s", seed, report.summary()).isEqualTo(1);
    assertThat(report.violations()).singleElement().extracting(Violation::kind).isEqualTo(Violation.Kind.DUPLICATE);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 7_919, 1_000_003, 20_261_122, -5})
  void movingASessionsReadAfterItsNextWriteViolatesReadYourWrites(long seed) {
    SimulatedListStore store = new SimulatedListStore(seed, 6, 3).run(4_000);
    List<Operation> ops = store.history().operations();
    // A read and a later acknowledged append of the same session and key: the read cannot
    // have seen the append, so moving the read after the append's acknowledgement breaks RYW.
    Operation read = null;
    Operation write = null;
    List<Operation> candidates = new ArrayList<>(ops);
    java.util.Collections.shuffle(candidates, new Random(seed));
    search:
    for (Operation r : candidates) {
      if (r.kind() != Operation.Kind.READ || !r.isOk()) {
        continue;
      }
      for (Operation w : ops) {
        if (w.kind() == Operation.Kind.APPEND && w.isOk() && w.session().equals(r.session())
            && w.key().equals(r.key()) && w.invokeNanos() > r.completeNanos()) {
          read = r;
          write = w;
          break search;
        }
      }
    }
    assertThat(read).as("seed %d has a read followed by its session's append", seed).isNotNull();
    List<Operation> mutated = new ArrayList<>();
    for (Operation op : ops) {
      mutated.add(op.id() == read.id() ? op.withTimes(write.completeNanos() + 1, write.completeNanos() + 2) : op);
    }

    CheckReport report = HistoryChecker.builder().build().check(mutated, store.finalState());
    long readId = read.id();
    long writeId = write.id();
    assertThat(report.violations()).as("seed %d:%n%s", seed, report.summary()).isNotEmpty()
        .allSatisfy(v -> {
          assertThat(v.kind()).isEqualTo(Violation.Kind.READ_YOUR_WRITES);
          assertThat(v.opId()).isEqualTo(readId);
        })
        .anySatisfy(v -> assertThat(v.relatedOpId()).isEqualTo(writeId));
  }
}
