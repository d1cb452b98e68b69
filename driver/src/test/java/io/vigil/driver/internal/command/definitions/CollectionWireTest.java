package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.args.LPosArgs;
import io.vigil.driver.args.LexRange;
import io.vigil.driver.args.ListDirection;
import io.vigil.driver.args.ScoreEnd;
import io.vigil.driver.args.ScoreRange;
import io.vigil.driver.args.ZAddArgs;
import io.vigil.driver.args.ZAggregateArgs;
import io.vigil.driver.args.ZRangeArgs;
import io.vigil.driver.codec.StringCodec;
import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.driver.internal.command.Spec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wire form the collection commands write for their option objects: bounds in the order
 * Redis wants, exclusive and infinite bounds spelled as Redis parses them, options only when set.
 */
class CollectionWireTest {

  private static final CommandBuilder<String, String> COMMANDS =
      new CommandBuilder<>(StringCodec.UTF8, new CommandTable());

  private static List<String> wire(Spec<?> spec) {
    List<String> words = new ArrayList<>();
    for (byte[] arg : spec.args()) {
      words.add(new String(arg, StandardCharsets.UTF_8));
    }
    return words;
  }

  @Test
  void scoreRangesWriteExclusiveAndInfiniteBoundsAndSwapThemInReverse() {
    assertThat(wire(COMMANDS.zrange("z", ZRangeArgs.byScore(ScoreRange.openClosed(1.5, 3)))))
        .containsExactly("ZRANGE", "z", "(1.5", "3", "BYSCORE");
    assertThat(wire(COMMANDS.zrange("z", ZRangeArgs.byScore(ScoreRange.greaterThan(1)).rev().limit(0, 10))))
        .containsExactly("ZRANGE", "z", "+inf", "(1", "BYSCORE", "REV", "LIMIT", "0", "10");
    assertThat(wire(COMMANDS.zcount("z", ScoreRange.all()))).containsExactly("ZCOUNT", "z", "-inf", "+inf");
  }

  @Test
  void lexRangesWriteBracketsAndOpenEndsAndSwapThemInReverse() {
    assertThat(wire(COMMANDS.zrange("z", ZRangeArgs.byLex(LexRange.closedOpen("a", "c")))))
        .containsExactly("ZRANGE", "z", "[a", "(c", "BYLEX");
    assertThat(wire(COMMANDS.zrange("z", ZRangeArgs.byLex(LexRange.atLeast("m")).rev())))
        .containsExactly("ZRANGE", "z", "+", "[m", "BYLEX", "REV");
    assertThat(wire(COMMANDS.zlexcount("z", LexRange.all()))).containsExactly("ZLEXCOUNT", "z", "-", "+");
  }

  @Test
  void rankRangesStoreAndScoresWriteTheirTokens() {
    assertThat(wire(COMMANDS.zrangeWithScores("z", ZRangeArgs.byRank(0, -1).rev())))
        .containsExactly("ZRANGE", "z", "0", "-1", "REV", "WITHSCORES");
    assertThat(wire(COMMANDS.zrangestore("dst", "src", ZRangeArgs.byRank(1, 2))))
        .containsExactly("ZRANGESTORE", "dst", "src", "1", "2");
  }

  @Test
  void zaddWritesItsConditionsBeforeTheScores() {
    assertThat(wire(COMMANDS.zadd("z", ZAddArgs.defaults().xx().gt().ch(), 2, "m")))
        .containsExactly("ZADD", "z", "XX", "GT", "CH", "2", "m");
    assertThat(wire(COMMANDS.zaddIncr("z", ZAddArgs.defaults().nx(), 0.25, "m")))
        .containsExactly("ZADD", "z", "NX", "INCR", "0.25", "m");
    assertThat(wire(COMMANDS.zadd("z", ZAddArgs.defaults(), 1, "m"))).containsExactly("ZADD", "z", "1", "m");
  }

  @Test
  void aggregationWritesOneWeightPerKeyAndOnlyANonDefaultAggregate() {
    assertThat(wire(COMMANDS.zunionstore("dst", ZAggregateArgs.defaults().weights(2, 0.5).max(), "a", "b")))
        .containsExactly("ZUNIONSTORE", "dst", "2", "a", "b", "WEIGHTS", "2", "0.5", "AGGREGATE", "MAX");
    assertThat(wire(COMMANDS.zinterWithScores(ZAggregateArgs.defaults().sum(), "a")))
        .containsExactly("ZINTER", "1", "a", "WITHSCORES");
    assertThatThrownBy(() -> COMMANDS.zinter(ZAggregateArgs.defaults().weights(1, 2, 3), "a", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("ZINTER: 3 weights for 2 keys; give one weight per key");
  }

  @Test
  void multiPopsAndBlockingFormsWriteCountsEndsAndTimeouts() {
    assertThat(wire(COMMANDS.zmpop(ScoreEnd.MAX, 3, "a", "b"))).containsExactly("ZMPOP", "2", "a", "b", "MAX", "COUNT", "3");
    assertThat(wire(COMMANDS.blmpop(Duration.ofMillis(1500), ListDirection.LEFT, "a")))
        .containsExactly("BLMPOP", "1.500", "1", "a", "LEFT");
    assertThat(wire(COMMANDS.bzpopmin(Duration.ofSeconds(2), "a", "b"))).containsExactly("BZPOPMIN", "a", "b", "2");
    assertThat(COMMANDS.bzpopmin(Duration.ofSeconds(2), "a").blocking()).isTrue();
    assertThat(wire(COMMANDS.blmove(Duration.ZERO, "s", "d", ListDirection.RIGHT, ListDirection.LEFT)))
        .containsExactly("BLMOVE", "s", "d", "RIGHT", "LEFT", "0");
  }

  @Test
  void scanAndLposOptionsAreWrittenOnlyWhenSet() {
    assertThat(wire(COMMANDS.hscan("h", "0", ElementScanArgs.defaults()))).containsExactly("HSCAN", "h", "0");
    assertThat(wire(COMMANDS.sscan("s", "42", ElementScanArgs.defaults().match("a*").count(500))))
        .containsExactly("SSCAN", "s", "42", "MATCH", "a*", "COUNT", "500");
    assertThat(wire(COMMANDS.lpos("l", "x", 0, LPosArgs.defaults().rank(-2).maxlen(9))))
        .containsExactly("LPOS", "l", "x", "COUNT", "0", "RANK", "-2", "MAXLEN", "9");
  }

  @Test
  void storeCommandsNameTheirFirstSourceForWrongTypeErrors() {
    assertThat(new String(COMMANDS.zunionstore("dst", "src", "other").firstKey(), StandardCharsets.UTF_8))
        .isEqualTo("src");
    assertThat(new String(COMMANDS.sinterstore("dst", "src").firstKey(), StandardCharsets.UTF_8)).isEqualTo("src");
    assertThat(new String(COMMANDS.zrangestore("dst", "src", ZRangeArgs.byRank(0, 1)).firstKey(),
        StandardCharsets.UTF_8)).isEqualTo("src");
  }
}
