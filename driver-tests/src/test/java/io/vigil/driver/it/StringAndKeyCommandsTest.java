package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisServerException;
import io.vigil.driver.values.ScanPage;
import io.vigil.driver.WrongTypeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringAndKeyCommandsTest extends SharedServerTest {


  @Test
  void setThenGetReturnsTheValueAndMissingKeysAreNull() {
    assertThat(client.set("k", "välue")).isEqualTo("OK");
    assertThat(client.get("k")).isEqualTo("välue");
    assertThat(client.get("missing")).isNull();
  }

  @Test
  void setWithTtlExpiresTheKey() {
    client.set("k", "v", Duration.ofSeconds(100));

    assertThat(client.pttl("k")).isBetween(1L, 100_000L);
    assertThat(client.ttl("k")).isBetween(1L, 100L);
  }

  @Test
  void setIfAbsentOnlySetsMissingKeys() {
    assertThat(client.setIfAbsent("k", "first")).isTrue();
    assertThat(client.setIfAbsent("k", "second")).isFalse();
    assertThat(client.setIfAbsent("t", "v", Duration.ofSeconds(5))).isTrue();
    assertThat(client.get("k")).isEqualTo("first");
    assertThat(client.pttl("t")).isPositive();
  }

  @Test
  void setAndGetAndGetDelReturnThePreviousValue() {
    client.set("k", "old");
    assertThat(client.setGet("k", "new")).isEqualTo("old");
    assertThat(client.getdel("k")).isEqualTo("new");
    assertThat(client.exists("k")).isZero();
  }

  @Test
  void msetAndMgetKeepOrderAndNulls() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("a", "1");
    entries.put("b", "2");
    client.mset(entries);

    assertThat(client.mget("a", "missing", "b")).containsExactly("1", null, "2");
  }

  @Test
  void countersIncrementAndDecrement() {
    assertThat(client.incr("n")).isEqualTo(1);
    assertThat(client.incrby("n", 10)).isEqualTo(11);
    assertThat(client.decr("n")).isEqualTo(10);
    assertThat(client.decrby("n", 4)).isEqualTo(6);
    assertThat(client.incrbyfloat("f", 1.5)).isEqualTo(1.5);
  }

  @Test
  void appendRangesAndLengths() {
    assertThat(client.append("s", "Hello")).isEqualTo(5);
    client.append("s", " World");
    assertThat(client.strlen("s")).isEqualTo(11);
    assertThat(client.getrange("s", 0, 4)).isEqualTo("Hello");
    assertThat(client.setrange("s", 6, "Redis")).isEqualTo(11);
    assertThat(client.get("s")).isEqualTo("Hello Redis");
  }

  @Test
  void delUnlinkAndExistsCount() {
    client.set("a", "1");
    client.set("b", "2");
    client.set("c", "3");

    assertThat(client.exists("a", "b", "nope")).isEqualTo(2);
    assertThat(client.del("a", "nope")).isEqualTo(1);
    assertThat(client.unlink("b", "c")).isEqualTo(2);
    assertThat(client.dbsize()).isZero();
  }

  @Test
  void expireExpireAtAndPersistChangeTheTtl() {
    client.set("k", "v");
    assertThat(client.ttl("k")).isEqualTo(-1);
    assertThat(client.expire("k", Duration.ofSeconds(50))).isTrue();
    assertThat(client.ttl("k")).isBetween(1L, 50L);
    assertThat(client.persist("k")).isTrue();
    assertThat(client.ttl("k")).isEqualTo(-1);
    assertThat(client.expireat("k", Instant.now().plusSeconds(30))).isTrue();
    assertThat(client.ttl("k")).isBetween(1L, 30L);
    assertThat(client.expire("missing", Duration.ofSeconds(1))).isFalse();
    assertThat(client.ttl("missing")).isEqualTo(-2);
  }

  @Test
  void shortExpiryRemovesTheKey() {
    client.set("k", "v", Duration.ofMillis(20));

    Poll.until(Duration.ofSeconds(2), "the key expired", () -> client.exists("k") == 0);
  }

  @Test
  void typeRenameAndKeys() {
    client.set("s", "v");
    client.lpush("l", "x");

    assertThat(client.type("s")).isEqualTo("string");
    assertThat(client.type("l")).isEqualTo("list");
    assertThat(client.type("none")).isEqualTo("none");
    assertThat(client.rename("s", "s2")).isEqualTo("OK");
    assertThat(client.renamenx("s2", "l")).isFalse();
    assertThat(client.keys("s*")).containsExactly("s2");
  }

  @Test
  void scanVisitsEveryKeyAcrossPages() {
    for (int i = 0; i < 50; i++) {
      client.set("scan:" + i, "v");
    }
    client.set("other", "v");

    List<String> seen = new ArrayList<>();
    String cursor = "0";
    do {
      ScanPage<String> page = client.scan(cursor, "scan:*", 10);
      seen.addAll(page.keys());
      cursor = page.cursor();
    } while (!cursor.equals("0"));

    assertThat(seen).hasSize(50).allMatch(k -> k.startsWith("scan:"));
  }

  @Test
  void wrongTypeErrorKeepsThePrefixTheServerTextTheCommandAndTheNode() {
    client.lpush("list", "x");

    assertThatThrownBy(() -> client.get("list"))
        .isInstanceOf(WrongTypeException.class)
        .hasMessageStartingWith("WRONGTYPE Operation against a key holding the wrong kind of value")
        .hasMessageContaining("command GET, key 'list', on 127.0.0.1:" + redis.port())
        .satisfies(e -> assertThat(((RedisServerException) e).errorCode()).isEqualTo("WRONGTYPE"))
        .satisfies(e -> assertThat(((WrongTypeException) e).key()).isEqualTo("list"));
  }

  @Test
  void argumentErrorsAreGenericServerErrors() {
    client.set("s", "abc");

    assertThatThrownBy(() -> client.incr("s"))
        .isExactlyInstanceOf(RedisServerException.class)
        .hasMessageContaining("ERR value is not an integer");
  }
}
