package io.vigil.driver.commands;

import static io.vigil.driver.commands.Scenarios.assertUnknownCommand;
import static io.vigil.driver.commands.Scenarios.assertWrongType;
import static io.vigil.driver.commands.Scenarios.blockingAndAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.WrongTypeException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HyperLogLogCommandsTest {

  /** HyperLogLog commands the Java server does not implement yet. */
  private static final Set<String> GAPS = Set.of();

  private static final String TARGETS = "io.vigil.driver.commands.Target#all";

  @ParameterizedTest
  @MethodSource(TARGETS)
  void pfaddReportsChangesAndPfcountEstimatesDistinctElements(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      if (target.lacks("pfadd", GAPS)) {
        assertUnknownCommand(() -> redis.pfadd("h", "a"));
        assertUnknownCommand(() -> redis.pfcount("h"));
        return;
      }
      assertThat(redis.pfadd("h", "a", "b", "c", "a")).isTrue();
      assertThat(redis.pfadd("h", "b")).isFalse();
      assertThat(redis.pfcount("h")).isEqualTo(3);
      assertThat(redis.pfcount("missing")).isZero();
      redis.pfadd("h2", "c", "d");
      assertThat(redis.pfcount("h", "h2", "missing")).isEqualTo(4);
      for (int i = 0; i < 1000; i++) {
        redis.pfadd("many", "e" + i);
      }
      assertThat(redis.pfcount("many")).isBetween(970L, 1030L);
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void pfmergeStoresTheUnion(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      if (target.lacks("pfmerge", GAPS)) {
        assertUnknownCommand(() -> redis.pfmerge("dest", "h1"));
        return;
      }
      redis.pfadd("h1", "a", "b");
      redis.pfadd("h2", "b", "c");
      redis.pfadd("dest", "z");
      assertThat(redis.pfmerge("dest", "h1", "h2", "missing")).isEqualTo("OK");
      assertThat(redis.pfcount("dest")).isEqualTo(4);
      assertThat(redis.pfmerge("created")).isEqualTo("OK");
      assertThat(redis.exists("created")).isOne();
      assertThat(redis.pfcount("created")).isZero();
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void valuesThatAreNotHyperLogLogsAreWrongType(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      if (target.lacks("pfcount", GAPS)) {
        assertUnknownCommand(() -> redis.pfcount("s"));
        return;
      }
      redis.rpush("list", "x");
      assertWrongType(() -> redis.pfadd("list", "a"), "PFADD", "list");
      redis.set("s", "not a hyperloglog");
      assertThatThrownBy(() -> redis.pfcount("s")).isInstanceOf(WrongTypeException.class)
          .hasMessageStartingWith("WRONGTYPE Key is not a valid HyperLogLog string value.");
    });
  }
}
