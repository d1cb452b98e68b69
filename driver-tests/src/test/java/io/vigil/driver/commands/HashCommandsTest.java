package io.vigil.driver.commands;

import static io.vigil.driver.commands.CommandAssertions.assertRefused;
import static io.vigil.driver.commands.CommandAssertions.assertWrongType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.args.ElementScanArgs;
import io.vigil.driver.values.HashScanPage;
import io.vigil.driver.values.KeyValue;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hash commands against real Redis and the Java server, RESP2 and RESP3, blocking and async. */
class HashCommandsTest {

  /** Hash commands the Java server does not know yet; its test expects "unknown command". */
  private static final Set<String> GAPS = Set.of();

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void fieldsAreSetReadCountedAndDeleted(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertThat(redis.hset("h", "a", "1")).isEqualTo(1);
      Map<String, String> more = new LinkedHashMap<>();
      more.put("b", "2");
      more.put("c", "3");
      assertThat(redis.hset("h", more)).isEqualTo(2);
      assertThat(redis.hset("h", "a", "one")).isZero();
      assertThat(redis.hsetnx("h", "a", "9")).isFalse();
      assertThat(redis.hsetnx("h", "n", "new")).isTrue();
      assertThat(redis.hmset("h", Map.of("m", "x"))).isEqualTo("OK");

      assertThat(redis.hget("h", "a")).isEqualTo("one");
      assertThat(redis.hget("h", "zz")).isNull();
      assertThat(redis.hmget("h", "a", "zz", "c")).containsExactly("one", null, "3");
      assertThat(redis.hgetall("h")).containsOnly(Map.entry("a", "one"), Map.entry("b", "2"), Map.entry("c", "3"),
          Map.entry("n", "new"), Map.entry("m", "x"));
      assertThat(redis.hkeys("h")).containsExactlyInAnyOrder("a", "b", "c", "n", "m");
      assertThat(redis.hvals("h")).containsExactlyInAnyOrder("one", "2", "3", "new", "x");
      assertThat(redis.hlen("h")).isEqualTo(5);
      assertThat(redis.hexists("h", "b")).isTrue();
      assertThat(redis.hexists("h", "zz")).isFalse();
      assertThat(redis.hstrlen("h", "n")).isEqualTo(3);
      assertThat(redis.hstrlen("h", "zz")).isZero();
      assertThat(redis.hstrlen("missing", "a")).isZero();
      assertThat(redis.hincrby("h", "b", 5)).isEqualTo(7);
      assertThat(redis.hincrbyfloat("h", "f", 0.5)).isEqualTo(0.5);
      assertThat(redis.hincrbyfloat("h", "f", -1.25)).isEqualTo(-0.75);
      assertThat(redis.hdel("h", "a", "b", "zz")).isEqualTo(2);
      assertThat(redis.hgetall("missing")).isEmpty();
      assertThat(redis.hkeys("missing")).isEmpty();
      assertThat(redis.hlen("missing")).isZero();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void hrandfieldPicksDistinctFieldsOrRepeatsThemForANegativeCount(Target target) throws Exception {
    BothApis.run(target, redis -> {
      Map<String, String> hash = Map.of("a", "1", "b", "2", "c", "3");
      redis.hset("h", hash);

      assertThat(redis.hrandfield("h")).isIn(hash.keySet());
      List<String> two = redis.hrandfield("h", 2);
      assertThat(two).hasSize(2).doesNotHaveDuplicates().isSubsetOf(hash.keySet());
      assertThat(redis.hrandfield("h", 10)).containsExactlyInAnyOrderElementsOf(hash.keySet());
      assertThat(redis.hrandfield("h", -7)).hasSize(7).isSubsetOf(hash.keySet());
      assertThat(redis.hrandfield("h", 0)).isEmpty();

      List<KeyValue<String, String>> repeated = redis.hrandfieldWithValues("h", -5);
      assertThat(repeated).hasSize(5).allSatisfy(kv -> assertThat(hash).containsEntry(kv.key(), kv.value()));
      assertThat(redis.hrandfieldWithValues("h", 3))
          .containsExactlyInAnyOrder(new KeyValue<>("a", "1"), new KeyValue<>("b", "2"), new KeyValue<>("c", "3"));

      assertThat(redis.hrandfield("missing")).isNull();
      assertThat(redis.hrandfield("missing", 3)).isEmpty();
      assertThat(redis.hrandfield("missing", -3)).isEmpty();
      assertThat(redis.hrandfieldWithValues("missing", 3)).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void hscanReturnsASmallHashWholeAndMatchesFields(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.hset("h", Map.of("user:1", "ada", "user:2", "bob", "group:1", "ops"));

      HashScanPage<String, String> page = redis.hscan("h", "0");
      assertThat(page.isLast()).isTrue();
      assertThat(page.entries()).containsOnly(Map.entry("user:1", "ada"), Map.entry("user:2", "bob"),
          Map.entry("group:1", "ops"));
      assertThat(redis.hscan("h", "0", ElementScanArgs.defaults().match("user:*")).entries())
          .containsOnly(Map.entry("user:1", "ada"), Map.entry("user:2", "bob"));
      assertThat(redis.hscan("h", "0", ElementScanArgs.defaults().match("nobody*")).entries()).isEmpty();

      HashScanPage<String, String> missing = redis.hscan("missing", "0");
      assertThat(missing.isLast()).isTrue();
      assertThat(missing.entries()).isEmpty();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void hscanPagesThroughALargeHashReturningEveryField(Target target) throws Exception {
    BothApis.run(target, redis -> {
      // beyond hash-max-listpack-entries (512), so the hash is a table the server scans in pages
      Map<String, String> hash = new LinkedHashMap<>();
      for (int i = 0; i < 600; i++) {
        hash.put("f" + i, "v" + i);
      }
      redis.hset("big", hash);

      Map<String, String> seen = new LinkedHashMap<>();
      Set<String> matched = new HashSet<>();
      int pages = 0;
      String cursor = "0";
      do {
        HashScanPage<String, String> page = redis.hscan("big", cursor, ElementScanArgs.defaults().count(100));
        seen.putAll(page.entries());
        cursor = page.cursor();
        pages++;
      } while (!cursor.equals("0") && pages < 1000);
      cursor = "0";
      do {
        HashScanPage<String, String> page =
            redis.hscan("big", cursor, ElementScanArgs.defaults().match("f1?").count(100));
        matched.addAll(page.entries().keySet());
        cursor = page.cursor();
      } while (!cursor.equals("0"));

      assertThat(pages).isGreaterThan(1);
      assertThat(seen).isEqualTo(hash);
      assertThat(matched)
          .containsExactlyInAnyOrder("f10", "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void hashCommandsOnAnotherTypeFailWithWrongType(Target target) throws Exception {
    BothApis.run(target, redis -> {
      redis.set("text", "not a hash");

      assertWrongType("HSET", "text", () -> redis.hset("text", "f", "v"));
      assertWrongType("HMSET", "text", () -> redis.hmset("text", Map.of("f", "v")));
      assertWrongType("HGET", "text", () -> redis.hget("text", "f"));
      assertWrongType("HSTRLEN", "text", () -> redis.hstrlen("text", "f"));
      assertWrongType("HINCRBYFLOAT", "text", () -> redis.hincrbyfloat("text", "f", 1));
      assertWrongType("HRANDFIELD", "text", () -> redis.hrandfield("text"));
      assertWrongType("HRANDFIELD", "text", () -> redis.hrandfieldWithValues("text", 2));
      assertWrongType("HSCAN", "text", () -> redis.hscan("text", "0"));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void badInputIsRefusedBeforeAnythingIsSent(Target target) throws Exception {
    BothApis.run(target, redis -> {
      assertRefused(redis, "HSET", "key", () -> redis.hset(null, "f", "v"));
      assertRefused(redis, "HSET", "field", () -> redis.hset("h", null, "v"));
      assertRefused(redis, "HSET", "value", () -> redis.hset("h", "f", null));
      assertRefused(redis, "HSET", "fields", () -> redis.hset("h", Map.of()));
      assertRefused(redis, "HMGET", "fields", () -> redis.hmget("h"));
      assertRefused(redis, "HSTRLEN", "field", () -> redis.hstrlen("h", null));
      assertRefused(redis, "HSCAN", "cursor", () -> redis.hscan("h", null));
      assertRefused(redis, "HSCAN", "scan options", () -> redis.hscan("h", "0", null));
      assertRefused(redis, "HRANDFIELD", "key", () -> redis.hrandfieldWithValues(null, 1));
      assertThatThrownBy(() -> ElementScanArgs.defaults().count(0)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("COUNT").hasMessageContaining("0");
      assertThatThrownBy(() -> ElementScanArgs.defaults().match((String) null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MATCH");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.vigil.driver.commands.Target#all")
  void everyHashCommandIsServedExceptTheListedGaps(Target target) {
    CommandAssertions.assertServed(target, GAPS, "hdel", "hexists", "hget", "hgetall", "hincrby", "hincrbyfloat",
        "hkeys", "hlen", "hmget", "hmset", "hrandfield", "hscan", "hset", "hsetnx", "hstrlen", "hvals");
  }
}
