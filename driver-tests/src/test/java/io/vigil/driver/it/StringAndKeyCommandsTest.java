package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.values.ScanPage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringAndKeyCommandsTest extends SharedServerTest {

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
}
