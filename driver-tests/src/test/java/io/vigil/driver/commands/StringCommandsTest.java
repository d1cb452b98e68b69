package io.vigil.driver.commands;

import static io.vigil.driver.commands.Scenarios.assertUnknownCommand;
import static io.vigil.driver.commands.Scenarios.assertWrongType;
import static io.vigil.driver.commands.Scenarios.blockingAndAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisServerException;
import io.vigil.driver.args.GetExArgs;
import io.vigil.driver.args.SetArgs;
import io.vigil.driver.values.LcsMatch;
import io.vigil.driver.values.LcsResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StringCommandsTest {

  /** String commands the Java server does not implement yet. */
  private static final Set<String> GAPS = Set.of();

  private static final String TARGETS = "io.vigil.driver.commands.Target#all";

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setThenGetReturnsTheValueAndMissingKeysAreNull(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.set("k", "välue")).isEqualTo("OK");
      assertThat(redis.get("k")).isEqualTo("välue");
      assertThat(redis.get("missing")).isNull();
      redis.lpush("list", "x");
      assertWrongType(() -> redis.get("list"), "GET", "list");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setWithConditionsSetsOnlyWhenTheyHold(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.set("k", "first", SetArgs.none().nx())).isTrue();
      assertThat(redis.set("k", "second", SetArgs.none().nx())).isFalse();
      assertThat(redis.set("k", "third", SetArgs.none().xx())).isTrue();
      assertThat(redis.set("absent", "v", SetArgs.none().xx())).isFalse();
      assertThat(redis.get("k")).isEqualTo("third");
      assertThat(redis.exists("absent")).isZero();
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setWithExpiryOptionsSetsTheExpiryTheyName(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      Instant at = Instant.now().plusSeconds(300);
      redis.set("ex", "v", SetArgs.none().ex(Duration.ofSeconds(100)));
      redis.set("px", "v", SetArgs.none().px(Duration.ofMillis(90_500)));
      redis.set("exat", "v", SetArgs.none().exAt(at));
      redis.set("pxat", "v", SetArgs.none().nx().pxAt(at));
      redis.set("keep", "v", Duration.ofSeconds(200));
      assertThat(redis.set("keep", "w", SetArgs.none().xx().keepTtl())).isTrue();

      assertThat(redis.ttl("ex")).isBetween(90L, 100L);
      assertThat(redis.pttl("px")).isBetween(80_000L, 90_500L);
      assertThat(redis.expiretime("exat")).isEqualTo(at.getEpochSecond());
      assertThat(redis.pexpiretime("pxat")).isEqualTo(at.toEpochMilli());
      assertThat(redis.ttl("keep")).isBetween(190L, 200L);
      assertThat(redis.get("keep")).isEqualTo("w");
      redis.set("keep", "x", SetArgs.none());
      assertThat(redis.ttl("keep")).isEqualTo(-1);
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setWithTtlExpiresTheKey(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      redis.set("k", "v", Duration.ofSeconds(100));
      assertThat(redis.pttl("k")).isBetween(1L, 100_000L);
      assertThat(redis.ttl("k")).isBetween(1L, 100L);
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setGetAndGetsetReturnThePreviousValue(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.setGet("k", "old")).isNull();
      assertThat(redis.setGet("k", "new")).isEqualTo("old");
      // With a condition that fails nothing is set, but the previous value still comes back.
      assertThat(redis.setGet("k", "ignored", SetArgs.none().nx())).isEqualTo("new");
      assertThat(redis.setGet("k", "newer", SetArgs.none().xx().ex(Duration.ofSeconds(50)))).isEqualTo("new");
      assertThat(redis.ttl("k")).isBetween(40L, 50L);
      assertThat(redis.getset("k", "newest")).isEqualTo("newer");
      assertThat(redis.ttl("k")).isEqualTo(-1);
      assertThat(redis.getset("fresh", "v")).isNull();
      assertThat(redis.getdel("k")).isEqualTo("newest");
      assertThat(redis.getdel("k")).isNull();
      assertThat(redis.exists("k")).isZero();
      redis.sadd("set", "m");
      assertWrongType(() -> redis.setGet("set", "v"), "SET", "set");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setnxAndMsetnxOnlyWriteMissingKeys(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.setnx("k", "first")).isTrue();
      assertThat(redis.setnx("k", "second")).isFalse();
      assertThat(redis.get("k")).isEqualTo("first");

      Map<String, String> fresh = new LinkedHashMap<>();
      fresh.put("a", "1");
      fresh.put("b", "2");
      assertThat(redis.msetnx(fresh)).isTrue();
      Map<String, String> overlapping = new LinkedHashMap<>();
      overlapping.put("c", "3");
      overlapping.put("a", "changed");
      assertThat(redis.msetnx(overlapping)).isFalse();
      assertThat(redis.mget("a", "b", "c")).containsExactly("1", "2", null);
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setexAndPsetexWriteWithAnExpiry(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.setex("s", Duration.ofSeconds(60), "v")).isEqualTo("OK");
      assertThat(redis.psetex("p", Duration.ofMillis(45_250), "w")).isEqualTo("OK");
      assertThat(redis.ttl("s")).isBetween(50L, 60L);
      assertThat(redis.pttl("p")).isBetween(35_000L, 45_250L);
      assertThat(redis.get("p")).isEqualTo("w");
      assertThatThrownBy(() -> redis.setex("s", Duration.ofMillis(1500), "v"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SETEX");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void getexReadsAndChangesTheExpiry(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      redis.set("k", "v");
      assertThat(redis.getex("k", GetExArgs.ex(Duration.ofSeconds(100)))).isEqualTo("v");
      assertThat(redis.ttl("k")).isBetween(90L, 100L);
      assertThat(redis.getex("k", GetExArgs.px(Duration.ofMillis(80_000)))).isEqualTo("v");
      assertThat(redis.pttl("k")).isBetween(70_000L, 80_000L);
      Instant at = Instant.now().plusSeconds(500);
      redis.getex("k", GetExArgs.pxAt(at));
      assertThat(redis.pexpiretime("k")).isEqualTo(at.toEpochMilli());
      redis.getex("k", GetExArgs.exAt(at));
      assertThat(redis.expiretime("k")).isEqualTo(at.getEpochSecond());
      assertThat(redis.getex("k", GetExArgs.persist())).isEqualTo("v");
      assertThat(redis.ttl("k")).isEqualTo(-1);
      assertThat(redis.getex("missing", GetExArgs.persist())).isNull();
      redis.rpush("list", "x");
      assertWrongType(() -> redis.getex("list", GetExArgs.persist()), "GETEX", "list");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void msetAndMgetKeepOrderAndNulls(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      Map<String, String> entries = new LinkedHashMap<>();
      entries.put("a", "1");
      entries.put("b", "2");
      assertThat(redis.mset(entries)).isEqualTo("OK");
      redis.rpush("list", "x");
      // MGET answers null for a key of another type rather than an error.
      assertThat(redis.mget("a", "missing", "list", "b")).containsExactly("1", null, null, "2");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void countersIncrementAndDecrement(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.incr("n")).isEqualTo(1);
      assertThat(redis.incrby("n", 10)).isEqualTo(11);
      assertThat(redis.decr("n")).isEqualTo(10);
      assertThat(redis.decrby("n", 4)).isEqualTo(6);
      assertThat(redis.incrbyfloat("f", 1.5)).isEqualTo(1.5);
      assertThat(redis.incrbyfloat("f", -0.25)).isEqualTo(1.25);
      assertThat(redis.incrbyfloat("n", 0.5)).isEqualTo(6.5);
      redis.set("s", "abc");
      assertThatThrownBy(() -> redis.incr("s")).isExactlyInstanceOf(RedisServerException.class)
          .hasMessageContaining("ERR value is not an integer or out of range");
      assertThatThrownBy(() -> redis.incrbyfloat("s", 1)).isExactlyInstanceOf(RedisServerException.class)
          .hasMessageContaining("ERR value is not a valid float");
      redis.hset("h", "f", "1");
      assertWrongType(() -> redis.incrby("h", 1), "INCRBY", "h");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void appendRangesAndLengths(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.append("s", "Hello")).isEqualTo(5);
      redis.append("s", " World");
      assertThat(redis.strlen("s")).isEqualTo(11);
      assertThat(redis.strlen("missing")).isZero();
      assertThat(redis.getrange("s", 0, 4)).isEqualTo("Hello");
      assertThat(redis.getrange("s", -5, -1)).isEqualTo("World");
      assertThat(redis.substr("s", 6, 100)).isEqualTo("World");
      assertThat(redis.getrange("missing", 0, 10)).isEmpty();
      assertThat(redis.setrange("s", 6, "Redis")).isEqualTo(11);
      assertThat(redis.get("s")).isEqualTo("Hello Redis");
      assertThat(redis.setrange("padded", 3, "x")).isEqualTo(4);
      assertThat(redis.get("padded")).isEqualTo("\0\0\0x");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void lcsFindsTheLongestCommonSubsequence(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      redis.set("key1", "ohmytext");
      redis.set("key2", "mynewtext");
      if (target.lacks("lcs", GAPS)) {
        assertUnknownCommand(() -> redis.lcs("key1", "key2"));
        return;
      }
      assertThat(redis.lcs("key1", "key2")).isEqualTo("mytext");
      assertThat(redis.lcsLen("key1", "key2")).isEqualTo(6);
      assertThat(redis.lcs("key1", "missing")).isEmpty();
      assertThat(redis.lcsLen("missing", "missing2")).isZero();

      LcsResult all = redis.lcsIdx("key1", "key2");
      assertThat(all.length()).isEqualTo(6);
      assertThat(all.matches()).containsExactly(
          new LcsMatch(new LcsMatch.Range(4, 7), new LcsMatch.Range(5, 8), 4),
          new LcsMatch(new LcsMatch.Range(2, 3), new LcsMatch.Range(0, 1), 2));
      LcsResult long4 = redis.lcsIdx("key1", "key2", 4);
      assertThat(long4.matches()).containsExactly(new LcsMatch(new LcsMatch.Range(4, 7), new LcsMatch.Range(5, 8), 4));
      assertThat(long4.length()).isEqualTo(6);
      assertThat(redis.lcsIdx("key1", "missing")).isEqualTo(new LcsResult(List.of(), 0));
      redis.rpush("list", "x");
      assertThatThrownBy(() -> redis.lcs("key1", "list")).isInstanceOf(RedisServerException.class)
          .hasMessageContaining("The specified keys must contain string values");
    });
  }
}
