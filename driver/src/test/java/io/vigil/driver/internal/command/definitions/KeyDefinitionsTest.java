package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.args.CopyArgs;
import io.vigil.driver.args.ExpireCondition;
import io.vigil.driver.args.RestoreArgs;
import io.vigil.driver.args.ScanArgs;
import io.vigil.driver.args.SortArgs;
import io.vigil.resp.RespInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyDefinitionsTest {

  private final RecordingRunner redis = new RecordingRunner(RespInteger.ONE);

  @Test
  void optionsWriteRedisForms() {
    assertThat(redis.wire(r -> r.expire("k", Duration.ofSeconds(2), ExpireCondition.GT)))
        .containsExactly("PEXPIRE", "k", "2000", "GT");
    assertThat(redis.wire(r -> r.expireat("k", Instant.ofEpochMilli(99), ExpireCondition.NX)))
        .containsExactly("PEXPIREAT", "k", "99", "NX");
    assertThat(redis.wire(r -> r.copy("a", "b", CopyArgs.none().replace().database(3))))
        .containsExactly("COPY", "a", "b", "DB", "3", "REPLACE");
    assertThat(redis.wire(r -> r.scan("0", ScanArgs.none().type("zset").count(50).match("user:*"))))
        .containsExactly("SCAN", "0", "MATCH", "user:*", "COUNT", "50", "TYPE", "zset");
    assertThat(redis.wire(r -> r.sortStore("l", SortArgs.none().alpha().get("#").get("o_*").limit(0, 5).by("w_*")
        .descending(), "dest")))
        .containsExactly("SORT", "l", "BY", "w_*", "LIMIT", "0", "5", "GET", "#", "GET", "o_*", "DESC", "ALPHA",
            "STORE", "dest");
    byte[] payload = {0, 3, 'a', 'b', 'c'};
    assertThat(redis.wire(r -> r.restore("k", payload, RestoreArgs.none().expireAt(Instant.ofEpochMilli(5000))
        .replace().frequency(7))))
        .containsExactly("RESTORE", "k", "5000", new String(payload, java.nio.charset.StandardCharsets.UTF_8),
            "REPLACE", "ABSTTL", "FREQ", "7");
    assertThat(redis.wire(r -> r.restore("k", payload, RestoreArgs.none().idleTime(Duration.ofSeconds(60)))))
        .containsSubsequence("RESTORE", "k", "0").endsWith("IDLETIME", "60");
    assertThat(redis.wire(r -> r.objectEncoding("k"))).containsExactly("OBJECT", "ENCODING", "k");
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsSent() {
    redis.assertRejected(r -> r.expire("k", Duration.ofSeconds(-1), ExpireCondition.NX),
        r -> r.expire("k", Duration.ofSeconds(-1), ExpireCondition.NX), "PEXPIRE", "positive");
    redis.assertRejected(r -> r.expire("k", Duration.ofSeconds(1), null),
        r -> r.expire("k", Duration.ofSeconds(1), null), "PEXPIRE", "condition");
    redis.assertRejected(r -> r.expireat("k", null), r -> r.expireat("k", null), "PEXPIREAT", "time");
    redis.assertRejected(r -> r.copy("a", null), r -> r.copy("a", null), "COPY", "destination");
    redis.assertRejected(r -> r.move("k", -1), r -> r.move("k", -1), "MOVE", "database", "-1");
    redis.assertRejected(r -> r.scan(null), r -> r.scan(null), "SCAN", "cursor");
    redis.assertRejected(r -> r.scan("0", (ScanArgs) null), r -> r.scan("0", (ScanArgs) null), "SCAN", "options");
    redis.assertRejected(r -> r.scan("0", "p*", 0), r -> r.scan("0", "p*", 0), "SCAN", "COUNT");
    redis.assertRejected(r -> r.restore("k", null), r -> r.restore("k", null), "RESTORE", "payload");
    redis.assertRejected(r -> r.sort("k", null), r -> r.sort("k", null), "SORT", "options");
    redis.assertRejected(r -> r.sortStore("k", SortArgs.none(), null), r -> r.sortStore("k", SortArgs.none(), null),
        "SORT", "destination");
    redis.assertRejected(r -> r.touch(), r -> r.touch(), "TOUCH", "keys");
  }
}
