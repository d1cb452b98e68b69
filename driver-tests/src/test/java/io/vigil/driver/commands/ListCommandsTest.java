package io.vigil.driver.commands;

import static io.vigil.driver.args.ListDirection.LEFT;
import static io.vigil.driver.args.ListDirection.RIGHT;
import static io.vigil.driver.commands.CommandAssertions.assertRefused;
import static io.vigil.driver.commands.CommandAssertions.assertWrongType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisCommands;
import io.vigil.driver.args.InsertPosition;
import io.vigil.driver.args.LPosArgs;
import io.vigil.driver.values.KeyValue;
import io.vigil.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list commands against real Redis and the Java server, RESP2 and RESP3, blocking and async;
 * the blocking pops and moves both when an element is there, when one is pushed by another caller
 * while they wait, and when none comes in time.
 */
class ListCommandsTest {

  /** List commands the Java server does not know yet; its test expects "unknown command". */
  private static final Set<String> GAPS = Set.of();

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(100);

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void listsPushPopAndRange(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertThat(redis.rpush("l", "b", "c")).isEqualTo(2);
      assertThat(redis.lpush("l", "a")).isEqualTo(3);
      assertThat(redis.lrange("l", 0, -1)).containsExactly("a", "b", "c");
      assertThat(redis.llen("l")).isEqualTo(3);
      assertThat(redis.lindex("l", 1)).isEqualTo("b");
      assertThat(redis.lindex("l", 7)).isNull();
      assertThat(redis.lset("l", 1, "B")).isEqualTo("OK");
      assertThat(redis.lrem("l", 0, "B")).isEqualTo(1);
      assertThat(redis.rpoplpush("l", "other")).isEqualTo("c");
      assertThat(redis.lpop("l")).isEqualTo("a");
      assertThat(redis.rpop("l")).isNull();
      assertThat(redis.rpoplpush("l", "other")).isNull();
      redis.rpush("t", "1", "2", "3", "4");
      assertThat(redis.ltrim("t", 1, 2)).isEqualTo("OK");
      assertThat(redis.lrange("t", 0, -1)).containsExactly("2", "3");
      assertThat(redis.lrange("missing", 0, -1)).isEmpty();
      assertThat(redis.llen("missing")).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void pushxPushesOnlyToAnExistingList(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertThat(redis.lpushx("l", "a")).isZero();
      assertThat(redis.rpushx("l", "a")).isZero();
      assertThat(redis.exists("l")).isZero();

      redis.rpush("l", "m");
      assertThat(redis.lpushx("l", "b", "a")).isEqualTo(3);
      assertThat(redis.rpushx("l", "y", "z")).isEqualTo(5);
      assertThat(redis.lrange("l", 0, -1)).containsExactly("a", "b", "m", "y", "z");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void popsWithACountTakeSeveralElementsFromEitherEnd(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.rpush("l", "a", "b", "c", "d", "e");

      assertThat(redis.lpop("l", 2)).containsExactly("a", "b");
      assertThat(redis.rpop("l", 2)).containsExactly("e", "d");
      assertThat(redis.lpop("l", 0)).isEmpty();
      assertThat(redis.rpop("l", 10)).containsExactly("c");
      assertThat(redis.exists("l")).isZero();
      assertThat(redis.lpop("missing", 2)).isEmpty();
      assertThat(redis.rpop("missing", 2)).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void linsertPutsTheElementBeforeOrAfterThePivot(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.rpush("l", "a", "c", "c");

      assertThat(redis.linsert("l", InsertPosition.BEFORE, "c", "b")).isEqualTo(4);
      assertThat(redis.linsert("l", InsertPosition.AFTER, "c", "d")).isEqualTo(5);
      assertThat(redis.lrange("l", 0, -1)).containsExactly("a", "b", "c", "d", "c");
      assertThat(redis.linsert("l", InsertPosition.AFTER, "nope", "x")).isEqualTo(-1);
      assertThat(redis.linsert("missing", InsertPosition.BEFORE, "a", "x")).isZero();
      assertThat(redis.exists("missing")).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void lposFindsMatchesByRankCountAndMaxlen(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.rpush("l", "a", "b", "c", "1", "2", "3", "c", "c");

      assertThat(redis.lpos("l", "c")).isEqualTo(2);
      assertThat(redis.lpos("l", "c", LPosArgs.defaults().rank(2))).isEqualTo(6);
      assertThat(redis.lpos("l", "c", LPosArgs.defaults().rank(-1))).isEqualTo(7);
      assertThat(redis.lpos("l", "c", LPosArgs.defaults().rank(4))).isNull();
      assertThat(redis.lpos("l", "c", LPosArgs.defaults().maxlen(2))).isNull();
      assertThat(redis.lpos("l", "c", LPosArgs.defaults().maxlen(3))).isEqualTo(2);
      assertThat(redis.lpos("l", "c", 2)).containsExactly(2L, 6L);
      assertThat(redis.lpos("l", "c", 0)).containsExactly(2L, 6L, 7L);
      assertThat(redis.lpos("l", "c", 0, LPosArgs.defaults().rank(-1))).containsExactly(7L, 6L, 2L);
      assertThat(redis.lpos("l", "c", 0, LPosArgs.defaults().rank(2).maxlen(7))).containsExactly(6L);
      assertThat(redis.lpos("l", "zz")).isNull();
      assertThat(redis.lpos("l", "zz", 0)).isEmpty();
      assertThat(redis.lpos("missing", "a")).isNull();
      assertThat(redis.lpos("missing", "a", 3)).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void lmoveMovesBetweenAnyEndsAndRotatesOneList(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.rpush("src", "a", "b", "c");

      assertThat(redis.lmove("src", "dst", LEFT, RIGHT)).isEqualTo("a");
      assertThat(redis.lmove("src", "dst", RIGHT, LEFT)).isEqualTo("c");
      assertThat(redis.lrange("dst", 0, -1)).containsExactly("c", "a");
      redis.rpush("src", "x");
      assertThat(redis.lmove("src", "src", LEFT, RIGHT)).isEqualTo("b");
      assertThat(redis.lrange("src", 0, -1)).containsExactly("x", "b");
      assertThat(redis.lmove("missing", "dst", LEFT, LEFT)).isNull();
      assertThat(redis.lrange("dst", 0, -1)).containsExactly("c", "a");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void lmpopPopsFromTheFirstNonEmptyList(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.rpush("second", "1", "2", "3", "4");

      assertThat(redis.lmpop(LEFT, "first", "second")).isEqualTo(new KeyValue<>("second", List.of("1")));
      assertThat(redis.lmpop(RIGHT, 2, "first", "second")).isEqualTo(new KeyValue<>("second", List.of("4", "3")));
      assertThat(redis.lmpop(LEFT, 10, "second")).isEqualTo(new KeyValue<>("second", List.of("2")));
      assertThat(redis.exists("second")).isZero();
      assertThat(redis.lmpop(LEFT, "first", "second")).isNull();
      assertThat(redis.lmpop(RIGHT, 3, "first")).isNull();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void blockingFormsTakeAnElementThatIsAlreadyThere(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.rpush("src", "a", "b", "c", "d", "e");

      assertThat(redis.blpop(WAIT, "empty", "src")).isEqualTo(new KeyValue<>("src", "a"));
      assertThat(redis.brpop(WAIT, "src")).isEqualTo(new KeyValue<>("src", "e"));
      assertThat(redis.brpoplpush(WAIT, "src", "dst")).isEqualTo("d");
      assertThat(redis.blmove(WAIT, "src", "dst", LEFT, LEFT)).isEqualTo("b");
      assertThat(redis.lrange("dst", 0, -1)).containsExactly("b", "d");
      assertThat(redis.blmpop(WAIT, RIGHT, "empty", "src")).isEqualTo(new KeyValue<>("src", List.of("c")));
      assertThat(redis.blmpop(WAIT, LEFT, 5, "dst")).isEqualTo(new KeyValue<>("dst", List.of("b", "d")));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void blockingFormsWaitForAPushFromAnotherCaller(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertThat(whilePushing(redis, "queue:b", () -> redis.blpop(WAIT, "queue:a", "queue:b")))
          .isEqualTo(new KeyValue<>("queue:b", "job"));
      assertThat(whilePushing(redis, "queue:a", () -> redis.blmove(WAIT, "queue:a", "done", RIGHT, LEFT)))
          .isEqualTo("job");
      assertThat(redis.lrange("done", 0, -1)).containsExactly("job");
      assertThat(whilePushing(redis, "queue:b", () -> redis.blmpop(Duration.ZERO, LEFT, 3, "queue:a", "queue:b")))
          .isEqualTo(new KeyValue<>("queue:b", List.of("job")));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void blockingFormsReturnNullWhenNothingArrivesInTimeWithoutBlockingOtherCommands(Target target)
      throws Exception {
    BothApis.run(target, redis -> {
      List<CompletableFuture<Object>> waits = Stream.<Supplier<Object>>of(
          () -> redis.blpop(SHORT, "empty"),
          () -> redis.brpop(SHORT, "empty", "also-empty"),
          () -> redis.brpoplpush(SHORT, "empty", "dst"),
          () -> redis.blmove(SHORT, "empty", "dst", LEFT, RIGHT),
          () -> redis.blmpop(SHORT, LEFT, "empty", "also-empty"),
          () -> redis.blmpop(SHORT, RIGHT, 2, "empty")).map(CompletableFuture::supplyAsync).toList();

      assertThat(redis.ping()).isEqualTo("PONG"); // the shared connection is not blocked
      for (CompletableFuture<Object> wait : waits) {
        assertThat(wait.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNull();
      }
      assertThat(redis.exists("dst")).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void listCommandsOnAnotherTypeFailWithWrongType(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.set("text", "not a list");
      redis.rpush("list", "a");

      assertWrongType("LPUSHX", "text", () -> redis.lpushx("text", "a"));
      assertWrongType("LPOP", "text", () -> redis.lpop("text", 2));
      assertWrongType("LINSERT", "text", () -> redis.linsert("text", InsertPosition.AFTER, "a", "b"));
      assertWrongType("LPOS", "text", () -> redis.lpos("text", "a"));
      assertWrongType("LPOS", "text", () -> redis.lpos("text", "a", 0));
      assertWrongType("LMOVE", "text", () -> redis.lmove("text", "list", LEFT, RIGHT));
      assertWrongType("LMPOP", "text", () -> redis.lmpop(LEFT, "text", "list"));
      assertWrongType("BLMPOP", "text", () -> redis.blmpop(SHORT, LEFT, "text"));
      assertWrongType("BLMOVE", "text", () -> redis.blmove(SHORT, "text", "list", LEFT, RIGHT));
      assertWrongType("BLPOP", "text", () -> redis.blpop(SHORT, "text"));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void badInputIsRefusedBeforeAnythingIsSent(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertRefused(redis, "LPUSHX", "values", () -> redis.lpushx("l"));
      assertRefused(redis, "LPOP", "count", () -> redis.lpop("l", -1));
      assertRefused(redis, "RPOP", "count", () -> redis.rpop("l", -1));
      assertRefused(redis, "LINSERT", "position", () -> redis.linsert("l", null, "a", "b"));
      assertRefused(redis, "LINSERT", "pivot", () -> redis.linsert("l", InsertPosition.BEFORE, null, "b"));
      assertRefused(redis, "LPOS", "count", () -> redis.lpos("l", "a", -1));
      assertRefused(redis, "LPOS", "options", () -> redis.lpos("l", "a", null));
      assertRefused(redis, "LMOVE", "destination", () -> redis.lmove("l", null, LEFT, RIGHT));
      assertRefused(redis, "LMOVE", "source end", () -> redis.lmove("l", "m", null, RIGHT));
      assertRefused(redis, "LMPOP", "count", () -> redis.lmpop(LEFT, 0, "l"));
      assertRefused(redis, "LMPOP", "keys", () -> redis.lmpop(LEFT));
      assertRefused(redis, "BLMPOP", "timeout", () -> redis.blmpop(Duration.ofSeconds(-1), LEFT, "l"));
      assertRefused(redis, "BLMOVE", "timeout", () -> redis.blmove(null, "l", "m", LEFT, RIGHT));
      assertThatThrownBy(() -> LPosArgs.defaults().rank(0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LPOS").hasMessageContaining("RANK");
      assertThatThrownBy(() -> LPosArgs.defaults().maxlen(-1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LPOS").hasMessageContaining("MAXLEN");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void everyListCommandIsServedExceptTheListedGaps(Target target) {
    CommandAssertions.assertServed(target, GAPS, "blmove", "blmpop", "blpop", "brpop", "brpoplpush", "lindex",
        "linsert", "llen", "lmove", "lmpop", "lpop", "lpos", "lpush", "lpushx", "lrange", "lrem", "lset", "ltrim",
        "rpop", "rpoplpush", "rpush", "rpushx");
  }

  /**
   * Runs the blocking {@code call} in another thread, pushes {@code "job"} to {@code key} once the
   * server reports the call blocked, and returns what the call got.
   */
  private static <T> T whilePushing(RedisCommands<String, String> redis, String key, Supplier<T> call)
      throws Exception {
    CompletableFuture<T> result = CompletableFuture.supplyAsync(call);
    Await.until("the blocking call to wait on the server", WAIT,
        () -> result.isDone() || redis.info("clients").contains("blocked_clients:1"));
    redis.rpush(key, "job");
    return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
