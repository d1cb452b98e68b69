package io.vigil.driver.commands;

import static io.vigil.driver.args.ScoreEnd.MAX;
import static io.vigil.driver.args.ScoreEnd.MIN;
import static io.vigil.driver.commands.CommandAssertions.assertRefused;
import static io.vigil.driver.commands.CommandAssertions.assertWrongType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisCommands;
import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.args.LexRange;
import io.vigil.driver.args.ScoreRange;
import io.vigil.driver.args.ZAddArgs;
import io.vigil.driver.args.ZAggregateArgs;
import io.vigil.driver.args.ZRangeArgs;
import io.vigil.driver.values.KeyValue;
import io.vigil.driver.values.ScoredValue;
import io.vigil.driver.values.SortedSetScanPage;
import io.vigil.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sorted-set commands against real Redis and the Java server, RESP2 and RESP3, blocking and
 * async: conditional adds, ranges by rank, score and byte order with their exclusive and infinite
 * bounds, set algebra with weights, pops (blocking ones included), random members and scans.
 */
class SortedSetCommandsTest {

  /** Sorted-set commands the Java server does not know yet; its test expects "unknown command". */
  private static final Set<String> GAPS = Set.of();

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(100);

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void membersAreAddedScoredRankedAndRemoved(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertThat(redis.zadd("z", 1, "one")).isEqualTo(1);
      assertThat(redis.zadd("z", List.of(ScoredValue.of(2, "two"), ScoredValue.of(3, "three")))).isEqualTo(2);
      assertThat(redis.zadd("z", 1, "one")).isZero();

      assertThat(redis.zscore("z", "two")).isEqualTo(2.0);
      assertThat(redis.zscore("z", "none")).isNull();
      assertThat(redis.zincrby("z", 10, "one")).isEqualTo(11.0);
      assertThat(redis.zrange("z", 0, -1)).containsExactly("two", "three", "one");
      assertThat(redis.zrevrange("z", 0, 0)).containsExactly("one");
      assertThat(redis.zrangeWithScores("z", 0, 1))
          .containsExactly(ScoredValue.of(2, "two"), ScoredValue.of(3, "three"));
      assertThat(redis.zrangebyscore("z", 2.5, Double.POSITIVE_INFINITY)).containsExactly("three", "one");
      assertThat(redis.zrevrangebyscore("z", 11, 3)).containsExactly("one", "three");
      assertThat(redis.zcount("z", 0, 3)).isEqualTo(2);
      assertThat(redis.zrank("z", "three")).isEqualTo(1);
      assertThat(redis.zrank("z", "none")).isNull();
      assertThat(redis.zrevrank("z", "three")).isEqualTo(1);
      assertThat(redis.zrevrank("z", "one")).isZero();
      assertThat(redis.zrevrank("z", "none")).isNull();
      assertThat(redis.zmscore("z", "one", "none", "two")).containsExactly(11.0, null, 2.0);
      assertThat(redis.zmscore("missing", "a")).containsExactly((Double) null);
      assertThat(redis.zcard("z")).isEqualTo(3);
      assertThat(redis.zrem("z", "two", "none")).isEqualTo(1);
      assertThat(redis.zcard("missing")).isZero();
      assertThat(redis.zrange("missing", 0, -1)).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void infiniteScoresRoundTrip(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.zadd("z", List.of(ScoredValue.of(Double.NEGATIVE_INFINITY, "bottom"), ScoredValue.of(0.5, "half"),
          ScoredValue.of(Double.POSITIVE_INFINITY, "top")));

      assertThat(redis.zscore("z", "top")).isEqualTo(Double.POSITIVE_INFINITY);
      assertThat(redis.zrangeWithScores("z", 0, -1)).containsExactly(ScoredValue.of(Double.NEGATIVE_INFINITY, "bottom"),
          ScoredValue.of(0.5, "half"), ScoredValue.of(Double.POSITIVE_INFINITY, "top"));
      assertThat(redis.zmscore("z", "bottom")).containsExactly(Double.NEGATIVE_INFINITY);
      assertThat(redis.zcount("z", ScoreRange.open(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))).isEqualTo(1);
      assertThat(redis.zcount("z", ScoreRange.all())).isEqualTo(3);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void zaddConditionsDecideWhatIsAddedUpdatedAndCounted(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.zadd("z", List.of(ScoredValue.of(10, "a"), ScoredValue.of(10, "b")));

      assertThat(redis.zadd("z", ZAddArgs.defaults().nx(), 99, "a")).isZero();
      assertThat(redis.zadd("z", ZAddArgs.defaults().nx(), 1, "c")).isEqualTo(1);
      assertThat(redis.zadd("z", ZAddArgs.defaults().xx(), 5, "new")).isZero();
      assertThat(redis.zadd("z", ZAddArgs.defaults().xx().ch(), 11, "a")).isEqualTo(1);
      assertThat(redis.zadd("z", ZAddArgs.defaults().gt().ch(), 3, "b")).isZero();
      assertThat(redis.zadd("z", ZAddArgs.defaults().gt().ch(),
          List.of(ScoredValue.of(12, "b"), ScoredValue.of(7, "d")))).isEqualTo(2);
      assertThat(redis.zadd("z", ZAddArgs.defaults().lt(), 20, "b")).isZero();
      assertThat(redis.zadd("z", ZAddArgs.defaults().xx().lt().ch(), 2, "b")).isEqualTo(1);
      assertThat(redis.zadd("z", ZAddArgs.defaults(), 4, "e")).isEqualTo(1);
      assertThat(redis.zrangeWithScores("z", 0, -1)).containsExactly(ScoredValue.of(1, "c"), ScoredValue.of(2, "b"),
          ScoredValue.of(4, "e"), ScoredValue.of(7, "d"), ScoredValue.of(11, "a"));

      assertThat(redis.zaddIncr("z", ZAddArgs.defaults(), 0.5, "c")).isEqualTo(1.5);
      assertThat(redis.zaddIncr("z", ZAddArgs.defaults().xx(), 1, "nobody")).isNull();
      assertThat(redis.zaddIncr("z", ZAddArgs.defaults().nx(), 1, "c")).isNull();
      assertThat(redis.zaddIncr("z", ZAddArgs.defaults().gt(), -1, "a")).isNull();
      assertThat(redis.zaddIncr("z", ZAddArgs.defaults().gt(), 1, "a")).isEqualTo(12.0);
      assertThat(redis.zaddIncr("z", ZAddArgs.defaults().nx(), 3, "f")).isEqualTo(3.0);
      assertThat(redis.zscore("z", "nobody")).isNull();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void zrangeSelectsByRankAndByScoreWithExclusiveBoundsReverseAndLimit(Target target) throws Exception {
    BothApis.run(target, redis -> {
      fiveScored(redis);

      assertThat(redis.zrange("z", ZRangeArgs.byRank(0, 1))).containsExactly("a", "b");
      assertThat(redis.zrange("z", ZRangeArgs.byRank(0, 1).rev())).containsExactly("e", "d");
      assertThat(redis.zrange("z", ZRangeArgs.byRank(-2, -1))).containsExactly("d", "e");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.closed(2, 4)))).containsExactly("b", "c", "d");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.open(2, 4)))).containsExactly("c");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.closedOpen(2, 4)))).containsExactly("b", "c");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.openClosed(2, 4)))).containsExactly("c", "d");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.greaterThan(4)))).containsExactly("e");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.atMost(1)))).containsExactly("a");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.lessThan(1)))).isEmpty();
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.atLeast(4.5)))).containsExactly("e");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.open(3, 3)))).isEmpty();
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.closed(2, 4)).rev())).containsExactly("d", "c", "b");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.all()).limit(1, 2))).containsExactly("b", "c");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.all()).rev().limit(0, 1))).containsExactly("e");
      assertThat(redis.zrange("z", ZRangeArgs.byScore(ScoreRange.all()).limit(3, Long.MAX_VALUE)))
          .containsExactly("d", "e");
      assertThat(redis.zrangeWithScores("z", ZRangeArgs.byScore(ScoreRange.closedOpen(1, 3))))
          .containsExactly(ScoredValue.of(1, "a"), ScoredValue.of(2, "b"));
      assertThat(redis.zrangeWithScores("z", ZRangeArgs.byRank(0, 0).rev())).containsExactly(ScoredValue.of(5, "e"));
      assertThat(redis.zrange("missing", ZRangeArgs.byScore(ScoreRange.all()))).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void zrangeSelectsByLexWithInclusiveExclusiveAndOpenEnds(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.zadd("l", List.of(ScoredValue.of(0, "a"), ScoredValue.of(0, "b"), ScoredValue.of(0, "c"),
          ScoredValue.of(0, "d")));

      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.closed("b", "c")))).containsExactly("b", "c");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.open("a", "d")))).containsExactly("b", "c");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.closedOpen("a", "c")))).containsExactly("a", "b");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.openClosed("a", "c")))).containsExactly("b", "c");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.atLeast("c")))).containsExactly("c", "d");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.greaterThan("c")))).containsExactly("d");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.lessThan("b")))).containsExactly("a");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.atMost("b")))).containsExactly("a", "b");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.all()).rev().limit(0, 2))).containsExactly("d", "c");
      assertThat(redis.zrange("l", ZRangeArgs.byLex(LexRange.closed("b", "c")).rev())).containsExactly("c", "b");
      assertThat(redis.zrangebylex("l", LexRange.closedOpen("b", "d"))).containsExactly("b", "c");
      assertThat(redis.zrevrangebylex("l", LexRange.atLeast("c"))).containsExactly("d", "c");
      assertThat(redis.zlexcount("l", LexRange.open("a", "d"))).isEqualTo(2);
      assertThat(redis.zlexcount("l", LexRange.all())).isEqualTo(4);
      assertThat(redis.zlexcount("missing", LexRange.all())).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void zrangestoreStoresTheSelectionWithScores(Target target) throws Exception {
    BothApis.run(target, redis -> {
      fiveScored(redis);

      assertThat(redis.zrangestore("dst", "z", ZRangeArgs.byScore(ScoreRange.atLeast(3)).rev().limit(0, 2)))
          .isEqualTo(2);
      assertThat(redis.zrangeWithScores("dst", 0, -1)).containsExactly(ScoredValue.of(4, "d"), ScoredValue.of(5, "e"));
      assertThat(redis.zrangestore("dst", "z", ZRangeArgs.byRank(0, 0))).isEqualTo(1);
      assertThat(redis.zrange("dst", 0, -1)).containsExactly("a");
      assertThat(redis.zrangestore("dst", "z", ZRangeArgs.byScore(ScoreRange.greaterThan(5)))).isZero();
      assertThat(redis.exists("dst")).isZero();
      assertThat(redis.zrangestore("dst", "missing", ZRangeArgs.byRank(0, -1))).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void countsAndRangeRemovalsHonourExclusiveBounds(Target target) throws Exception {
    BothApis.run(target, redis -> {
      fiveScored(redis);
      redis.zadd("l", List.of(ScoredValue.of(0, "a"), ScoredValue.of(0, "b"), ScoredValue.of(0, "c")));

      assertThat(redis.zcount("z", ScoreRange.closed(1, 5))).isEqualTo(5);
      assertThat(redis.zcount("z", ScoreRange.open(1, 5))).isEqualTo(3);
      assertThat(redis.zcount("z", ScoreRange.greaterThan(4))).isEqualTo(1);
      assertThat(redis.zcount("missing", ScoreRange.all())).isZero();

      assertThat(redis.zremrangebyscore("z", ScoreRange.greaterThan(4))).isEqualTo(1);
      assertThat(redis.zremrangebyscore("z", ScoreRange.open(1, 2))).isZero();
      assertThat(redis.zremrangebyrank("z", 0, 0)).isEqualTo(1);
      assertThat(redis.zremrangebyrank("z", -1, -1)).isEqualTo(1);
      assertThat(redis.zrange("z", 0, -1)).containsExactly("b", "c");
      assertThat(redis.zremrangebylex("l", LexRange.lessThan("c"))).isEqualTo(2);
      assertThat(redis.zrange("l", 0, -1)).containsExactly("c");
      assertThat(redis.zremrangebylex("l", LexRange.all())).isEqualTo(1);
      assertThat(redis.exists("l")).isZero();
      assertThat(redis.zremrangebyrank("missing", 0, -1)).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void unionInterAndDiffWeightAndAggregateScores(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.zadd("z1", List.of(ScoredValue.of(1, "a"), ScoredValue.of(2, "b")));
      redis.zadd("z2", List.of(ScoredValue.of(3, "b"), ScoredValue.of(4, "c")));

      assertThat(redis.zunion("z1", "z2")).containsExactly("a", "c", "b");
      assertThat(redis.zunionWithScores("z1", "z2"))
          .containsExactly(ScoredValue.of(1, "a"), ScoredValue.of(4, "c"), ScoredValue.of(5, "b"));
      assertThat(redis.zunion(ZAggregateArgs.defaults().max(), "z1", "z2")).containsExactly("a", "b", "c");
      assertThat(redis.zunionWithScores(ZAggregateArgs.defaults().weights(2, 1), "z1", "z2"))
          .containsExactly(ScoredValue.of(2, "a"), ScoredValue.of(4, "c"), ScoredValue.of(7, "b"));
      assertThat(redis.zunionWithScores(ZAggregateArgs.defaults().weights(1, -1).min(), "z1", "z2"))
          .containsExactly(ScoredValue.of(-4, "c"), ScoredValue.of(-3, "b"), ScoredValue.of(1, "a"));
      assertThat(redis.zinter("z1", "z2")).containsExactly("b");
      assertThat(redis.zinterWithScores("z1", "z2")).containsExactly(ScoredValue.of(5, "b"));
      assertThat(redis.zinterWithScores(ZAggregateArgs.defaults().min(), "z1", "z2"))
          .containsExactly(ScoredValue.of(2, "b"));
      assertThat(redis.zinter(ZAggregateArgs.defaults().weights(1, 0), "z1", "z2")).containsExactly("b");
      assertThat(redis.zdiff("z1", "z2")).containsExactly("a");
      assertThat(redis.zdiffWithScores("z2", "z1")).containsExactly(ScoredValue.of(4, "c"));
      assertThat(redis.zintercard("z1", "z2")).isEqualTo(1);
      assertThat(redis.zintercard(1, "z1")).isEqualTo(1);
      assertThat(redis.zintercard(0, "z1")).isEqualTo(2);
      assertThat(redis.zunion("missing")).isEmpty();
      assertThat(redis.zinter("z1", "missing")).isEmpty();

      redis.set("dst", "replaced whatever its type");
      assertThat(redis.zunionstore("dst", "z1", "z2")).isEqualTo(3);
      assertThat(redis.zrangeWithScores("dst", 0, -1))
          .containsExactly(ScoredValue.of(1, "a"), ScoredValue.of(4, "c"), ScoredValue.of(5, "b"));
      assertThat(redis.zunionstore("dst", ZAggregateArgs.defaults().weights(10, 1).max(), "z1", "z2")).isEqualTo(3);
      assertThat(redis.zscore("dst", "b")).isEqualTo(20.0);
      assertThat(redis.zinterstore("dst", "z1", "z2")).isEqualTo(1);
      assertThat(redis.zinterstore("dst", ZAggregateArgs.defaults().max(), "z1", "z2")).isEqualTo(1);
      assertThat(redis.zscore("dst", "b")).isEqualTo(3.0);
      assertThat(redis.zdiffstore("dst", "z1", "z2")).isEqualTo(1);
      assertThat(redis.zrange("dst", 0, -1)).containsExactly("a");
      assertThat(redis.zinterstore("dst", "z1", "missing")).isZero();
      assertThat(redis.exists("dst")).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void popsTakeTheLowestOrHighestMembersWithOrWithoutACount(Target target) throws Exception {
    BothApis.run(target, redis -> {
      fiveScored(redis);

      assertThat(redis.zpopmin("z")).isEqualTo(ScoredValue.of(1, "a"));
      assertThat(redis.zpopmax("z")).isEqualTo(ScoredValue.of(5, "e"));
      assertThat(redis.zpopmin("z", 1)).containsExactly(ScoredValue.of(2, "b"));
      assertThat(redis.zpopmax("z", 5)).containsExactly(ScoredValue.of(4, "d"), ScoredValue.of(3, "c"));
      assertThat(redis.exists("z")).isZero();
      assertThat(redis.zpopmin("z")).isNull();
      assertThat(redis.zpopmax("z")).isNull();
      assertThat(redis.zpopmin("z", 2)).isEmpty();

      fiveScored(redis);
      assertThat(redis.zmpop(MIN, "missing", "z")).isEqualTo(new KeyValue<>("z", List.of(ScoredValue.of(1, "a"))));
      assertThat(redis.zmpop(MAX, 2, "z"))
          .isEqualTo(new KeyValue<>("z", List.of(ScoredValue.of(5, "e"), ScoredValue.of(4, "d"))));
      assertThat(redis.zmpop(MIN, 10, "z"))
          .isEqualTo(new KeyValue<>("z", List.of(ScoredValue.of(2, "b"), ScoredValue.of(3, "c"))));
      assertThat(redis.zmpop(MIN, "z", "missing")).isNull();
      assertThat(redis.zmpop(MAX, 3, "z")).isNull();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void blockingPopsTakeAMemberThatIsThereOrOneAddedWhileTheyWait(Target target) throws Exception {
    BothApis.run(target, redis -> {
      fiveScored(redis);
      assertThat(redis.bzpopmin(WAIT, "missing", "z")).isEqualTo(new KeyValue<>("z", ScoredValue.of(1, "a")));
      assertThat(redis.bzpopmax(WAIT, "z")).isEqualTo(new KeyValue<>("z", ScoredValue.of(5, "e")));
      assertThat(redis.bzmpop(WAIT, MIN, "z")).isEqualTo(new KeyValue<>("z", List.of(ScoredValue.of(2, "b"))));
      assertThat(redis.bzmpop(WAIT, MAX, 5, "missing", "z"))
          .isEqualTo(new KeyValue<>("z", List.of(ScoredValue.of(4, "d"), ScoredValue.of(3, "c"))));

      assertThat(whileAdding(redis, "later", () -> redis.bzpopmax(WAIT, "z", "later")))
          .isEqualTo(new KeyValue<>("later", ScoredValue.of(7, "job")));
      assertThat(whileAdding(redis, "later", () -> redis.bzmpop(Duration.ZERO, MIN, 2, "z", "later")))
          .isEqualTo(new KeyValue<>("later", List.of(ScoredValue.of(7, "job"))));


      List<CompletableFuture<Object>> waits = Stream.<Supplier<Object>>of(
          () -> redis.bzpopmin(SHORT, "z"),
          () -> redis.bzpopmax(SHORT, "z", "missing"),
          () -> redis.bzmpop(SHORT, MAX, "z"),
          () -> redis.bzmpop(SHORT, MIN, 2, "z")).map(CompletableFuture::supplyAsync).toList();
      for (CompletableFuture<Object> wait : waits) {
        assertThat(wait.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("what a wait for an empty set got").isNull();
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void zrandmemberPicksDistinctMembersOrRepeatsThemForANegativeCount(Target target) throws Exception {
    BothApis.run(target, redis -> {
      fiveScored(redis);
      Map<String, Double> scores = Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0);

      assertThat(redis.zrandmember("z")).isIn(scores.keySet());
      assertThat(redis.zrandmember("z", 3)).hasSize(3).doesNotHaveDuplicates().isSubsetOf(scores.keySet());
      assertThat(redis.zrandmember("z", 9)).containsExactlyInAnyOrderElementsOf(scores.keySet());
      assertThat(redis.zrandmember("z", -8)).hasSize(8).isSubsetOf(scores.keySet());
      assertThat(redis.zrandmember("z", 0)).isEmpty();
      assertThat(redis.zrandmemberWithScores("z", -6)).hasSize(6)
          .allSatisfy(m -> assertThat(scores).containsEntry(m.value(), m.score()));
      assertThat(redis.zrandmemberWithScores("z", 5)).hasSize(5).doesNotHaveDuplicates()
          .allSatisfy(m -> assertThat(scores).containsEntry(m.value(), m.score()));
      assertThat(redis.zrandmember("missing")).isNull();
      assertThat(redis.zrandmember("missing", -2)).isEmpty();
      assertThat(redis.zrandmemberWithScores("missing", 2)).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void zscanPagesThroughEveryMemberWithItsScore(Target target) throws Exception {
    BothApis.run(target, redis -> {
      fiveScored(redis);
      SortedSetScanPage<String> whole = redis.zscan("z", "0");
      assertThat(whole.isLast()).isTrue();
      assertThat(whole.members()).containsExactly(ScoredValue.of(1, "a"), ScoredValue.of(2, "b"),
          ScoredValue.of(3, "c"), ScoredValue.of(4, "d"), ScoredValue.of(5, "e"));
      assertThat(redis.zscan("z", "0", ElementScanArgs.defaults().match("[bd]")).members())
          .containsExactly(ScoredValue.of(2, "b"), ScoredValue.of(4, "d"));

      // beyond zset-max-listpack-entries (128), so the server scans a skip list's table in pages
      List<ScoredValue<String>> many = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        many.add(ScoredValue.of(i * 0.5, "m" + i));
      }
      redis.zadd("big", many);
      Map<String, Double> seen = new HashMap<>();
      int pages = 0;
      String cursor = "0";
      do {
        SortedSetScanPage<String> page = redis.zscan("big", cursor, ElementScanArgs.defaults().count(50));
        page.members().forEach(m -> seen.put(m.value(), m.score()));
        cursor = page.cursor();
        pages++;
      } while (!cursor.equals("0") && pages < 1000);

      assertThat(pages).isGreaterThan(1);
      assertThat(seen).hasSize(300);
      many.forEach(m -> assertThat(seen).containsEntry(m.value(), m.score()));
      SortedSetScanPage<String> missing = redis.zscan("missing", "0");
      assertThat(missing.isLast()).isTrue();
      assertThat(missing.members()).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void sortedSetCommandsOnAnotherTypeFailWithWrongType(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.set("text", "not a sorted set");
      redis.zadd("z", 1, "a");

      assertWrongType("ZADD", "text", () -> redis.zadd("text", ZAddArgs.defaults().nx(), 1, "a"));
      assertWrongType("ZADD", "text", () -> redis.zaddIncr("text", ZAddArgs.defaults(), 1, "a"));
      assertWrongType("ZRANGE", "text", () -> redis.zrange("text", ZRangeArgs.byScore(ScoreRange.all())));
      assertWrongType("ZRANGESTORE", "text", () -> redis.zrangestore("dst", "text", ZRangeArgs.byRank(0, -1)));
      assertWrongType("ZCOUNT", "text", () -> redis.zcount("text", ScoreRange.all()));
      assertWrongType("ZLEXCOUNT", "text", () -> redis.zlexcount("text", LexRange.all()));
      assertWrongType("ZUNION", "text", () -> redis.zunion("text", "z"));
      assertWrongType("ZUNIONSTORE", "text", () -> redis.zunionstore("dst", "text", "z"));
      assertWrongType("ZINTERCARD", "text", () -> redis.zintercard("text", "z"));
      assertWrongType("ZMPOP", "text", () -> redis.zmpop(MIN, "text"));
      assertWrongType("BZPOPMIN", "text", () -> redis.bzpopmin(SHORT, "text"));
      assertWrongType("ZPOPMAX", "text", () -> redis.zpopmax("text", 2));
      assertWrongType("ZRANDMEMBER", "text", () -> redis.zrandmemberWithScores("text", 2));
      assertWrongType("ZMSCORE", "text", () -> redis.zmscore("text", "a"));
      assertWrongType("ZSCAN", "text", () -> redis.zscan("text", "0"));
      assertWrongType("ZREMRANGEBYSCORE", "text", () -> redis.zremrangebyscore("text", ScoreRange.all()));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void badInputIsRefusedBeforeAnythingIsSent(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertRefused(redis, "ZADD", "key", () -> redis.zadd(null, 1, "a"));
      assertRefused(redis, "ZADD", "member", () -> redis.zadd("z", List.of()));
      assertRefused(redis, "ZADD", "options", () -> redis.zadd("z", null, 1, "a"));
      assertRefused(redis, "ZADD", "NaN", () -> redis.zadd("z", Double.NaN, "a"));
      assertRefused(redis, "ZRANGE", "WITHSCORES", () -> redis.zrangeWithScores("z", ZRangeArgs.byLex(LexRange.all())));
      assertRefused(redis, "ZRANGE", "range", () -> redis.zrange("z", null));
      assertRefused(redis, "ZRANGE", "codec", () -> redis.zrange("z", ZRangeArgs.byLex(LexRange.<Object>closed(1, 2))));
      assertRefused(redis, "ZUNION", "weights", () -> redis.zunion(ZAggregateArgs.defaults().weights(1), "a", "b"));
      assertRefused(redis, "ZUNIONSTORE", "destination", () -> redis.zunionstore(null, "a"));
      assertRefused(redis, "ZINTER", "keys", () -> redis.zinter());
      assertRefused(redis, "ZPOPMIN", "count", () -> redis.zpopmin("z", -1));
      assertRefused(redis, "ZMPOP", "count", () -> redis.zmpop(MIN, 0, "z"));
      assertRefused(redis, "ZMPOP", "end", () -> redis.zmpop(null, "z"));
      assertRefused(redis, "BZMPOP", "timeout", () -> redis.bzmpop(Duration.ofMillis(-1), MIN, "z"));
      assertRefused(redis, "ZINTERCARD", "limit", () -> redis.zintercard(-1, "z"));
      assertRefused(redis, "ZCOUNT", "score range", () -> redis.zcount("z", null));
      assertRefused(redis, "ZSCAN", "cursor", () -> redis.zscan("z", null));

      assertThatThrownBy(() -> ZAddArgs.defaults().nx().xx()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ZADD").hasMessageContaining("NX").hasMessageContaining("XX");
      assertThatThrownBy(() -> ZAddArgs.defaults().gt().nx()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ZADD").hasMessageContaining("NX").hasMessageContaining("GT");
      assertThatThrownBy(() -> ZAddArgs.defaults().lt().gt()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ZADD").hasMessageContaining("GT").hasMessageContaining("LT");
      assertThatThrownBy(() -> ZRangeArgs.byRank(0, 1).limit(0, 1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LIMIT");
      assertThatThrownBy(() -> ZRangeArgs.byScore(ScoreRange.all()).limit(0, -1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count").hasMessageContaining("-1");
      assertThatThrownBy(() -> ScoreRange.closed(3, 1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("3.0").hasMessageContaining("1.0");
      assertThatThrownBy(() -> ScoreRange.atLeast(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NaN");
      assertThatThrownBy(() -> LexRange.closed(null, "b")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("minimum");
      assertThatThrownBy(() -> ZAggregateArgs.defaults().weights(1, Double.NaN))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void everySortedSetCommandIsServedExceptTheListedGaps(Target target) {
    CommandAssertions.assertServed(target, GAPS, "bzmpop", "bzpopmax", "bzpopmin", "zadd", "zcard", "zcount", "zdiff",
        "zdiffstore", "zincrby", "zinter", "zintercard", "zinterstore", "zlexcount", "zmpop", "zmscore", "zpopmax",
        "zpopmin", "zrandmember", "zrange", "zrangebylex", "zrangebyscore", "zrangestore", "zrank", "zrem",
        "zremrangebylex", "zremrangebyrank", "zremrangebyscore", "zrevrange", "zrevrangebylex", "zrevrangebyscore",
        "zrevrank", "zscan", "zscore", "zunion", "zunionstore");
  }

  /** {@code z}: a 1, b 2, c 3, d 4, e 5. */
  private static void fiveScored(RedisCommands<String, String> redis) {
    redis.zadd("z", List.of(ScoredValue.of(1, "a"), ScoredValue.of(2, "b"), ScoredValue.of(3, "c"),
        ScoredValue.of(4, "d"), ScoredValue.of(5, "e")));
  }

  /**
   * Runs the blocking {@code call} in another thread, adds {@code job} with score 7 to {@code key}
   * once the server reports the call blocked, and returns what the call got.
   */
  private static <T> T whileAdding(RedisCommands<String, String> redis, String key,
      Supplier<T> call) throws Exception {
    CompletableFuture<T> result = CompletableFuture.supplyAsync(call);
    Await.until("the blocking call to wait on the server", WAIT,
        () -> result.isDone() || redis.info("clients").contains("blocked_clients:1"));
    redis.zadd(key, 7, "job");
    return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
