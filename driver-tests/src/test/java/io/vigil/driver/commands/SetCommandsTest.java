package io.vigil.driver.commands;

import static io.vigil.driver.commands.CommandAssertions.assertRefused;
import static io.vigil.driver.commands.CommandAssertions.assertWrongType;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.values.SetScanPage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The set commands against real Redis and the Java server, RESP2 and RESP3, blocking and async. */
class SetCommandsTest {

  /** Set commands the Java server does not know yet; its test expects "unknown command". */
  private static final Set<String> GAPS = Set.of();

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void setsAddRemoveAndCombine(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertThat(redis.sadd("s1", "a", "b", "c")).isEqualTo(3);
      assertThat(redis.sadd("s1", "a")).isZero();
      redis.sadd("s2", "b", "c", "d");

      assertThat(redis.smembers("s1")).containsExactlyInAnyOrder("a", "b", "c");
      assertThat(redis.sismember("s1", "a")).isTrue();
      assertThat(redis.sismember("s1", "z")).isFalse();
      assertThat(redis.scard("s1")).isEqualTo(3);
      assertThat(redis.sinter("s1", "s2")).containsExactlyInAnyOrder("b", "c");
      assertThat(redis.sunion("s1", "s2")).containsExactlyInAnyOrder("a", "b", "c", "d");
      assertThat(redis.sdiff("s1", "s2")).containsExactly("a");
      assertThat(redis.sinter("s1", "missing")).isEmpty();
      assertThat(redis.smove("s1", "s2", "a")).isTrue();
      assertThat(redis.smove("s1", "s2", "a")).isFalse();
      assertThat(redis.srem("s2", "a", "zz")).isEqualTo(1);
      assertThat(redis.srandmember("s1")).isIn("b", "c");
      assertThat(redis.spop("s1")).isIn("b", "c");
      assertThat(redis.spop("missing")).isNull();
      assertThat(redis.srandmember("missing")).isNull();
      assertThat(redis.smembers("missing")).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void storeFormsReplaceTheDestinationAndDeleteItWhenEmpty(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.sadd("s1", "a", "b", "c");
      redis.sadd("s2", "b", "c", "d");
      redis.set("dst", "replaced whatever its type");

      assertThat(redis.sinterstore("dst", "s1", "s2")).isEqualTo(2);
      assertThat(redis.type("dst")).isEqualTo("set");
      assertThat(redis.smembers("dst")).containsExactlyInAnyOrder("b", "c");
      assertThat(redis.sunionstore("dst", "s1", "s2")).isEqualTo(4);
      assertThat(redis.smembers("dst")).containsExactlyInAnyOrder("a", "b", "c", "d");
      assertThat(redis.sdiffstore("dst", "s1", "s2")).isEqualTo(1);
      assertThat(redis.smembers("dst")).containsExactly("a");
      assertThat(redis.sunionstore("dst", "s1")).isEqualTo(3);

      assertThat(redis.sinterstore("dst", "s1", "missing")).isZero();
      assertThat(redis.exists("dst")).isZero();
      assertThat(redis.sdiffstore("dst", "missing", "s1")).isZero();
      assertThat(redis.exists("dst")).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void smismemberAnswersForEachMemberInOrder(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.sadd("s", "a", "c");

      assertThat(redis.smismember("s", "a", "b", "c", "a")).containsExactly(true, false, true, true);
      assertThat(redis.smismember("missing", "a", "b")).containsExactly(false, false);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void sintercardCountsTheIntersectionUpToTheLimit(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.sadd("s1", "a", "b", "c", "d");
      redis.sadd("s2", "b", "c", "d", "e");

      assertThat(redis.sintercard("s1", "s2")).isEqualTo(3);
      assertThat(redis.sintercard(2, "s1", "s2")).isEqualTo(2);
      assertThat(redis.sintercard(0, "s1", "s2")).isEqualTo(3);
      assertThat(redis.sintercard(10, "s1")).isEqualTo(4);
      assertThat(redis.sintercard("s1", "missing")).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void spopAndSrandmemberWithACount(Target target) throws Exception {
    BothApis.run(target, redis -> {
      Set<String> members = Set.of("a", "b", "c");
      redis.sadd("s", "a", "b", "c");

      assertThat(redis.srandmember("s", 2)).hasSize(2).doesNotHaveDuplicates().isSubsetOf(members);
      assertThat(redis.srandmember("s", 5)).containsExactlyInAnyOrderElementsOf(members);
      assertThat(redis.srandmember("s", -6)).hasSize(6).isSubsetOf(members);
      assertThat(redis.srandmember("s", 0)).isEmpty();
      assertThat(redis.srandmember("missing", -3)).isEmpty();
      assertThat(redis.scard("s")).isEqualTo(3);

      Set<String> popped = redis.spop("s", 2);
      assertThat(popped).hasSize(2).isSubsetOf(members);
      assertThat(redis.smembers("s")).doesNotContainAnyElementsOf(popped).hasSize(1);
      assertThat(redis.spop("s", 0)).isEmpty();
      assertThat(redis.spop("s", 5)).hasSize(1).doesNotContainAnyElementsOf(popped);
      assertThat(redis.exists("s")).isZero();
      assertThat(redis.spop("missing", 2)).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void sscanPagesThroughEveryMemberAndMatchesAPattern(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.sadd("small", "user:1", "user:2", "group:1");
      SetScanPage<String> whole = redis.sscan("small", "0");
      assertThat(whole.isLast()).isTrue();
      assertThat(whole.members()).containsExactlyInAnyOrder("user:1", "user:2", "group:1");
      assertThat(redis.sscan("small", "0", ElementScanArgs.defaults().match("user:*")).members())
          .containsExactlyInAnyOrder("user:1", "user:2");

      // members that are not integers make a hash table, which the server scans in pages
      String[] many = new String[300];
      for (int i = 0; i < many.length; i++) {
        many[i] = "m" + i;
      }
      redis.sadd("big", many);
      Set<String> seen = new HashSet<>();
      List<String> matched = new ArrayList<>();
      int pages = 0;
      String cursor = "0";
      do {
        SetScanPage<String> page = redis.sscan("big", cursor, ElementScanArgs.defaults().count(50));
        seen.addAll(page.members());
        cursor = page.cursor();
        pages++;
      } while (!cursor.equals("0") && pages < 1000);
      cursor = "0";
      do {
        SetScanPage<String> page = redis.sscan("big", cursor, ElementScanArgs.defaults().match("m2?").count(50));
        matched.addAll(page.members());
        cursor = page.cursor();
      } while (!cursor.equals("0"));

      assertThat(pages).isGreaterThan(1);
      assertThat(seen).containsExactlyInAnyOrder(many);
      assertThat(new HashSet<>(matched)).containsExactlyInAnyOrder("m20", "m21", "m22", "m23", "m24", "m25", "m26",
          "m27", "m28", "m29");

      SetScanPage<String> missing = redis.sscan("missing", "0");
      assertThat(missing.isLast()).isTrue();
      assertThat(missing.members()).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void setCommandsOnAnotherTypeFailWithWrongType(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.set("text", "not a set");
      redis.sadd("set", "a");

      assertWrongType("SMISMEMBER", "text", () -> redis.smismember("text", "a"));
      assertWrongType("SINTERCARD", "text", () -> redis.sintercard("text", "set"));
      assertWrongType("SINTERSTORE", "text", () -> redis.sinterstore("dst", "text", "set"));
      assertWrongType("SUNIONSTORE", "text", () -> redis.sunionstore("dst", "text"));
      assertWrongType("SDIFFSTORE", "text", () -> redis.sdiffstore("dst", "text", "set"));
      assertWrongType("SPOP", "text", () -> redis.spop("text", 2));
      assertWrongType("SRANDMEMBER", "text", () -> redis.srandmember("text", -2));
      assertWrongType("SSCAN", "text", () -> redis.sscan("text", "0"));
      assertWrongType("SMOVE", "text", () -> redis.smove("text", "set", "a"));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void badInputIsRefusedBeforeAnythingIsSent(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertRefused(redis, "SADD", "members", () -> redis.sadd("s"));
      assertRefused(redis, "SADD", "member", () -> redis.sadd("s", "a", null));
      assertRefused(redis, "SMISMEMBER", "members", () -> redis.smismember("s"));
      assertRefused(redis, "SINTERCARD", "limit", () -> redis.sintercard(-1, "s"));
      assertRefused(redis, "SINTERCARD", "keys", () -> redis.sintercard());
      assertRefused(redis, "SINTERSTORE", "destination", () -> redis.sinterstore(null, "s"));
      assertRefused(redis, "SUNIONSTORE", "keys", () -> redis.sunionstore("dst"));
      assertRefused(redis, "SPOP", "count", () -> redis.spop("s", -1));
      assertRefused(redis, "SSCAN", "cursor", () -> redis.sscan("s", null));
      assertRefused(redis, "SMOVE", "destination", () -> redis.smove("s", null, "a"));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void everySetCommandIsServedExceptTheListedGaps(Target target) {
    CommandAssertions.assertServed(target, GAPS, "sadd", "scard", "sdiff", "sdiffstore", "sinter", "sintercard",
        "sinterstore", "sismember", "smembers", "smismember", "smove", "spop", "srandmember", "srem", "sscan",
        "sunion", "sunionstore");
  }
}
