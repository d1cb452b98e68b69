package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.args.GetExArgs;
import io.vigil.driver.args.SetArgs;
import io.vigil.resp.RespSimpleString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringDefinitionsTest {

  private final RecordingRunner redis = new RecordingRunner(RespSimpleString.OK);

  @Test
  void setWritesItsConditionThenItsExpiry() {
    assertThat(redis.wire(r -> r.set("k", "v", SetArgs.none().px(Duration.ofSeconds(5)).nx())))
        .containsExactly("SET", "k", "v", "NX", "PX", "5000");
    assertThat(redis.wire(r -> r.set("k", "v", SetArgs.none().xx().keepTtl())))
        .containsExactly("SET", "k", "v", "XX", "KEEPTTL");
    assertThat(redis.wire(r -> r.set("k", "v", SetArgs.none().exAt(Instant.ofEpochMilli(1_700_000_000_999L)))))
        .containsExactly("SET", "k", "v", "EXAT", "1700000000");
    assertThat(redis.wire(r -> r.set("k", "v", SetArgs.none()))).containsExactly("SET", "k", "v");
    assertThat(redis.wire(r -> r.setGet("k", "v", SetArgs.none().ex(Duration.ofMinutes(1)))))
        .containsExactly("SET", "k", "v", "EX", "60", "GET");
  }

  @Test
  void getexSetexAndLcsWriteRedisForms() {
    assertThat(redis.wire(r -> r.getex("k", GetExArgs.persist()))).containsExactly("GETEX", "k", "PERSIST");
    assertThat(redis.wire(r -> r.getex("k", GetExArgs.pxAt(Instant.ofEpochMilli(1234)))))
        .containsExactly("GETEX", "k", "PXAT", "1234");
    assertThat(redis.wire(r -> r.setex("k", Duration.ofMinutes(2), "v"))).containsExactly("SETEX", "k", "120", "v");
    assertThat(redis.wire(r -> r.psetex("k", Duration.ofMillis(1500), "v"))).containsExactly("PSETEX", "k", "1500", "v");
    assertThat(redis.wire(r -> r.lcsIdx("a", "b", 4)))
        .containsExactly("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN");
    assertThat(redis.wire(r -> r.lcsLen("a", "b"))).containsExactly("LCS", "a", "b", "LEN");
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsSent() {
    redis.assertRejected(r -> r.set(null, "v", SetArgs.none()), r -> r.set(null, "v", SetArgs.none()), "SET", "key");
    redis.assertRejected(r -> r.set("k", null, SetArgs.none()), r -> r.set("k", null, SetArgs.none()), "SET", "value");
    redis.assertRejected(r -> r.set("k", "v", (SetArgs) null), r -> r.set("k", "v", (SetArgs) null), "SET",
        "options");
    redis.assertRejected(r -> r.setex("k", Duration.ofMillis(1500), "v"),
        r -> r.setex("k", Duration.ofMillis(1500), "v"), "SETEX", "whole seconds", "PT1.5S");
    redis.assertRejected(r -> r.psetex("k", Duration.ZERO, "v"), r -> r.psetex("k", Duration.ZERO, "v"), "PSETEX",
        "positive");
    redis.assertRejected(r -> r.msetnx(Map.of()), r -> r.msetnx(Map.of()), "MSETNX", "entries");
    redis.assertRejected(r -> r.getex("k", null), r -> r.getex("k", null), "GETEX", "options");
    redis.assertRejected(r -> r.lcsIdx("a", "b", -1), r -> r.lcsIdx("a", "b", -1), "LCS", "MINMATCHLEN", "-1");
    redis.assertRejected(r -> r.lcs("a", null), r -> r.lcs("a", null), "LCS", "key");
    redis.assertRejected(r -> r.setrange("k", -1, "v"), r -> r.setrange("k", -1, "v"), "SETRANGE", "offset");
    redis.assertRejected(r -> r.mget(), r -> r.mget(), "MGET", "keys");
    assertThat(redis.sent()).isEqualTo(List.of());
  }
}
