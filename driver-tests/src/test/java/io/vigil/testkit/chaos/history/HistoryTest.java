package io.vigil.testkit.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HistoryTest {

  private final ManualClock clock = new ManualClock();
  private final History history = History.withClock(clock);

  @Test
  void recordsInvocationAndCompletionTimesFromTheInjectedClock() {
    PendingOperation append = history.invokeAppend("s1", "k", "a");
    clock.advance(50);
    append.ok();
    PendingOperation read = history.invokeRead("s1", "k");
    clock.advance(7);
    read.ok(List.of("a"));

    List<Operation> ops = history.operations();
    assertThat(ops).hasSize(2);
    assertThat(ops.get(0)).extracting(Operation::kind, Operation::invokeNanos, Operation::completeNanos,
        Operation::outcome).containsExactly(Operation.Kind.APPEND, 1_000L, 1_050L, Operation.Outcome.OK);
    assertThat(ops.get(1)).extracting(Operation::invokeNanos, Operation::completeNanos, Operation::observed)
        .containsExactly(1_050L, 1_057L, List.of("a"));
  }

  @Test
  void operationsNotCompletedArePending() {
    history.invokeAppend("s1", "k", "a");
    assertThat(history.operations().get(0)).extracting(Operation::outcome, Operation::completeNanos)
        .containsExactly(Operation.Outcome.PENDING, -1L);
  }

  @Test
  void failAndUnknownKeepTheirReason() {
    history.invokeAppend("s1", "k", "a").fail("READONLY You can't write against a read only replica.");
    history.invokeAppend("s1", "k", "b").unknown("connection reset with the command in flight");
    assertThat(history.operations()).extracting(Operation::outcome, Operation::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Operation.Outcome.FAIL, "READONLY You can't write against a read only replica."),
        org.assertj.core.groups.Tuple.tuple(Operation.Outcome.UNKNOWN, "connection reset with the command in flight"));
  }

  @Test
  void completingTwiceIsRejectedWithTheOpId() {
    PendingOperation op = history.invokeAppend("s1", "k", "a");
    op.ok();
    assertThatThrownBy(() -> op.unknown("late")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("op " + op.id()).hasMessageContaining("exactly once");
  }

  @Test
  void reusingAnElementOnTheSameKeyIsRejected() {
    history.invokeAppend("s1", "k", "a");
    assertThatThrownBy(() -> history.invokeAppend("s2", "k", "a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a'").hasMessageContaining("'k'").hasMessageContaining("unique");
    history.invokeAppend("s2", "other", "a"); // unique per key, not globally
  }

  @Test
  void completionMustMatchTheKind() {
    PendingOperation append = history.invokeAppend("s1", "k", "a");
    PendingOperation read = history.invokeRead("s1", "k");
    assertThatThrownBy(() -> append.ok(List.of())).hasMessageContaining("ok()");
    assertThatThrownBy(read::ok).hasMessageContaining("ok(observedList)");
  }

  @Test
  void manyThreadsRecordConcurrentlyWithoutLosingOperations() throws Exception {
    History real = History.create();
    int threads = 8;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String session = "s" + t;
        done.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < perThread; i++) {
            real.invokeAppend(session, "k" + (i % 4), session + "-" + i).ok();
            real.invokeRead(session, "k" + (i % 4)).ok(List.of());
          }
        }, pool));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    List<Operation> ops = real.operations();
    assertThat(ops).hasSize(threads * perThread * 2);
    assertThat(ops).allMatch(Operation::isOk);
    assertThat(ops).extracting(Operation::id).doesNotHaveDuplicates().isSorted();
    assertThat(ops).allMatch(op -> op.completeNanos() >= op.invokeNanos());
  }
}
