package io.vigil.testkit.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCheckerTest {

  private final ManualClock clock = new ManualClock();
  private final History history = History.withClock(clock);
  private final HistoryChecker checker = HistoryChecker.builder().build();

  private PendingOperation append(String session, String key, String element) {
    PendingOperation op = history.invokeAppend(session, key, element);
    clock.advance(10);
    return op;
  }

  private long ackedAppend(String session, String key, String element) {
    PendingOperation op = append(session, key, element);
    op.ok();
    clock.advance(10);
    return op.id();
  }

  private long read(String session, String key, String... observed) {
    PendingOperation op = history.invokeRead(session, key);
    clock.advance(10);
    op.ok(List.of(observed));
    clock.advance(10);
    return op.id();
  }

  // lost acknowledged writes

  @Test
  void everyAcknowledgedElementInTheFinalStatePasses() {
    ackedAppend("s1", "k", "a");
    ackedAppend("s2", "k", "b");
    CheckReport report = checker.check(history, Map.of("k", List.of("b", "a")));
    assertThat(report.isValid()).as(report.summary()).isTrue();
    assertThat(report.counts().appendsOk()).isEqualTo(2);
  }

  @Test
  void acknowledgedElementMissingFromTheFinalStateIsALostWrite() {
    ackedAppend("s1", "k", "a");
    long lost = ackedAppend("s2", "k", "b");
    CheckReport report = checker.check(history, Map.of("k", List.of("a")));
    assertThat(report.count(Violation.Kind.LOST_WRITE)).isEqualTo(1);
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.LOST_WRITE);
      assertThat(v.opId()).isEqualTo(lost);
      assertThat(v.element()).isEqualTo("b");
      assertThat(v.session()).isEqualTo("s2");
    });
  }

  @Test
  void keyMissingFromTheFinalStateCountsAsEmptySoItsAcknowledgedWritesAreLost() {
    ackedAppend("s1", "forgotten", "a");
    CheckReport report = checker.check(history, Map.of());
    assertThat(report.count(Violation.Kind.LOST_WRITE)).isEqualTo(1);
  }

  @Test
  void unknownAndFailedWritesAreNeverLostButUnknownOnesAreCounted() {
    append("s1", "k", "present").unknown("timeout");
    append("s1", "k", "absent").unknown("connection reset");
    history.invokeAppend("s1", "k", "pending"); // never completed
    append("s1", "k", "refused").fail("READONLY");
    CheckReport report = checker.check(history, Map.of("k", List.of("present")));
    assertThat(report.isValid()).as(report.summary()).isTrue();
    assertThat(report.counts()).extracting(CheckReport.Counts::appendsUnknown, CheckReport.Counts::unknownPresent,
        CheckReport.Counts::unknownAbsent, CheckReport.Counts::appendsFailed).containsExactly(3L, 1L, 2L, 1L);
  }

  // duplicates and phantoms

  @Test
  void elementTwiceInTheFinalStateIsADuplicateApplication() {
    long twice = ackedAppend("s1", "k", "a");
    CheckReport report = checker.check(history, Map.of("k", List.of("a", "a")));
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.DUPLICATE);
      assertThat(v.opId()).isEqualTo(twice);
    });
  }

  @Test
  void elementTwiceInOneReadIsADuplicateApplication() {
    long write = ackedAppend("s1", "k", "a");
    long read = read("s2", "k", "a", "a");
    CheckReport report = checker.check(history, Map.of("k", List.of("a")));
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.DUPLICATE);
      assertThat(v.opId()).isEqualTo(read);
      assertThat(v.relatedOpId()).isEqualTo(write);
    });
  }

  @Test
  void failedAppendAbsentFromTheFinalStatePasses() {
    append("s1", "k", "a").fail("ERR refused");
    assertThat(checker.check(history, Map.of("k", List.of())).isValid()).isTrue();
  }

  @Test
  void elementOfAFailedAppendOrOfNoAppendIsAPhantom() {
    PendingOperation failed = append("s1", "k", "a");
    failed.fail("ERR refused");
    CheckReport report = checker.check(history, Map.of("k", List.of("a", "never-written")));
    assertThat(report.count(Violation.Kind.PHANTOM)).isEqualTo(2);
    assertThat(report.violations(Violation.Kind.PHANTOM)).extracting(Violation::element, Violation::relatedOpId)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", failed.id()),
            org.assertj.core.groups.Tuple.tuple("never-written", -1L));
  }

  // read-your-writes

  @Test
  void readAfterOwnAcknowledgedWriteThatSeesItPasses() {
    ackedAppend("s1", "k", "a");
    read("s1", "k", "a");
    assertThat(checker.check(history, Map.of("k", List.of("a"))).isValid()).isTrue();
  }

  @Test
  void readConcurrentWithOwnWriteMayMissIt() {
    PendingOperation write = append("s1", "k", "a");
    PendingOperation read = history.invokeRead("s1", "k"); // invoked before the write's ack
    clock.advance(10);
    write.ok();
    read.ok(List.of());
    assertThat(checker.check(history, Map.of("k", List.of("a"))).isValid()).isTrue();
  }

  @Test
  void readMissingOwnAcknowledgedWriteViolatesReadYourWrites() {
    long write = ackedAppend("s1", "k", "a");
    long read = read("s1", "k");
    CheckReport report = checker.check(history, Map.of("k", List.of("a")));
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.READ_YOUR_WRITES);
      assertThat(v.opId()).isEqualTo(read);
      assertThat(v.relatedOpId()).isEqualTo(write);
      assertThat(v.session()).isEqualTo("s1");
    });
  }

  @Test
  void readMissingAnotherSessionsWriteIsNoReadYourWritesViolation() {
    ackedAppend("s1", "k", "a");
    read("s2", "k");
    assertThat(checker.check(history, Map.of("k", List.of("a"))).isValid()).isTrue();
  }

  // stale reads

  @Test
  void readMissingAWriteAcknowledgedWithinTheBoundPasses() {
    HistoryChecker bounded = HistoryChecker.builder().staleReadBound(Duration.ofNanos(100)).build();
    ackedAppend("s1", "k", "a"); // acked at 1010; read invoked at 1020: 10 ns < 100 ns
    read("s2", "k");
    assertThat(bounded.check(history, Map.of("k", List.of("a"))).isValid()).isTrue();
  }

  @Test
  void readMissingAWriteAcknowledgedBeyondTheBoundIsStale() {
    HistoryChecker bounded = HistoryChecker.builder().staleReadBound(Duration.ofNanos(100)).build();
    long write = ackedAppend("s1", "k", "a");
    clock.advance(500);
    long read = read("s2", "k");
    CheckReport report = bounded.check(history, Map.of("k", List.of("a")));
    assertThat(report.violations()).singleElement().satisfies(v -> {
      assertThat(v.kind()).isEqualTo(Violation.Kind.STALE_READ);
      assertThat(v.opId()).isEqualTo(read);
      assertThat(v.relatedOpId()).isEqualTo(write);
    });
  }

  @Test
  void extraElementsInAReadDoNotMaskAMissedAcknowledgedOne() {
    HistoryChecker bounded = HistoryChecker.builder().staleReadBound(Duration.ZERO).build();
    long missed = ackedAppend("s1", "k", "acked");
    append("s1", "k", "in-doubt").unknown("timeout");
    PendingOperation concurrent = append("s2", "k", "concurrent");
    long read = read("s1", "k", "in-doubt", "concurrent", "never-written");
    concurrent.ok();
    CheckReport report = bounded.check(history, Map.of("k", List.of("acked", "in-doubt", "concurrent")));
    assertThat(report.violations(Violation.Kind.READ_YOUR_WRITES)).singleElement()
        .extracting(Violation::opId, Violation::relatedOpId).containsExactly(read, missed);
    assertThat(report.violations(Violation.Kind.STALE_READ)).singleElement()
        .extracting(Violation::opId, Violation::relatedOpId).containsExactly(read, missed);
    assertThat(report.count(Violation.Kind.PHANTOM)).isEqualTo(1);
  }

  @Test
  void staleBoundIsStrictAtExactlyTheBound() {
    HistoryChecker bounded = HistoryChecker.builder().staleReadBound(Duration.ofNanos(10)).build();
    ackedAppend("s1", "k", "a"); // acked at 1010, then +10: read invoked at 1020 = ack + bound
    read("s2", "k");
    assertThat(bounded.check(history, Map.of("k", List.of("a"))).isValid()).isTrue();
  }

  @Test
  void staleReadsAreNotCheckedWithoutABound() {
    ackedAppend("s1", "k", "a");
    clock.advance(1_000_000);
    read("s2", "k");
    CheckReport report = checker.check(history, Map.of("k", List.of("a")));
    assertThat(report.isValid()).isTrue();
    assertThat(report.summary()).contains("stale reads not checked");
  }

  @Test
  void zeroBoundDemandsRealTimeOrderButAllowsConcurrentReads() {
    HistoryChecker linearizable = HistoryChecker.builder().staleReadBound(Duration.ZERO).build();
    PendingOperation write = append("s1", "k", "a");
    PendingOperation concurrentRead = history.invokeRead("s2", "k");
    clock.advance(5);
    write.ok();
    clock.advance(5);
    concurrentRead.ok(List.of());
    assertThat(linearizable.check(history, Map.of("k", List.of("a"))).isValid()).isTrue();
    read("s3", "k");
    assertThat(linearizable.check(history, Map.of("k", List.of("a"))).count(Violation.Kind.STALE_READ)).isEqualTo(1);
  }

  // options and reports

  @Test
  void builderRejectsANegativeBoundNamingIt() {
    assertThatThrownBy(() -> HistoryChecker.builder().staleReadBound(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("staleReadBound").hasMessageContaining("PT-0.001S");
    assertThatThrownBy(() -> HistoryChecker.builder().examplesPerKind(-1)).hasMessageContaining("examplesPerKind");
  }

  @Test
  void countsStayExactWhenExamplesAreCapped() {
    for (int i = 0; i < 20; i++) {
      ackedAppend("s1", "k", "e" + i);
    }
    CheckReport report = HistoryChecker.builder().examplesPerKind(3).build().check(history, Map.of("k", List.of()));
    assertThat(report.count(Violation.Kind.LOST_WRITE)).isEqualTo(20);
    assertThat(report.violations()).hasSize(3);
    assertThat(report.summary()).contains("… 17 more LOST_WRITE");
  }

  @Test
  void summaryNamesCountsAndTheFirstViolationsWithOpIdsAndTimes() {
    ackedAppend("s1", "k", "a");
    long lost = ackedAppend("s1", "k", "b");
    String summary = checker.check(history, Map.of("k", List.of("a"))).summary();
    assertThat(summary).contains("appends ok 2").contains("lost_write 1").contains("LOST_WRITE op #" + lost)
        .contains("element b").contains("at 1030 ns");
  }

  @Test
  void assertValidFailsWithTheSummary() {
    ackedAppend("s1", "k", "a");
    CheckReport report = checker.check(history, Map.of());
    assertThatThrownBy(report::assertValid).isInstanceOf(AssertionError.class).hasMessageContaining("LOST_WRITE");
  }

  @Test
  void jsonEscapesStringsAndHoldsEveryViolation(@TempDir Path dir) throws Exception {
    PendingOperation op = history.invokeAppend("client \"7\"\n", "key\\with\ttab", "é\u0001\u2028");
    clock.advance(3);
    op.ok();
    CheckReport report = checker.check(history, Map.of());
    String json = report.toJson();
    assertThat(json).startsWith("{\"valid\":false,").contains("\"LOST_WRITE\":1")
        .contains("\"session\":\"client \\\"7\\\"\\n\"")
        .contains("\"key\":\"key\\\\with\\ttab\"")
        .contains("\"element\":\"é\\u0001\\u2028\"")
        .contains("\"staleReadBoundNanos\":null");
    assertThat(json.chars().filter(c -> c < 0x20).count()).isZero();
    Path file = dir.resolve("reports/history.json");
    report.writeJson(file);
    assertThat(Files.readString(file)).isEqualTo(json);
  }
}
