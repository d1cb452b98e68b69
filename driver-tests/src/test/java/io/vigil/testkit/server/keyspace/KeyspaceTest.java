package io.vigil.testkit.server.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expiry and bookkeeping of the keyspace, with a hand-moved clock and no network. */
class KeyspaceTest {

  private static final class TestClock extends Clock {
    long millis = 1_000_000;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final TestClock clock = new TestClock();
  private final Keyspace keyspace = new Keyspace(2, clock);
  private final List<String> events = new ArrayList<>();

  KeyspaceTest() {
    keyspace.listener(new KeyspaceListener() {
      @Override
      public void keyModified(int db, Bytes key) {
        events.add("modified " + db + " " + key);
      }

      @Override
      public void keyReady(int db, Bytes key) {
        events.add("ready " + db + " " + key);
      }

      @Override
      public void keyExpired(int db, Bytes key) {
        events.add("expired " + db + " " + key);
      }
    });
  }

  private static Bytes b(String s) {
    return Bytes.of(s);
  }

  @Test
  void lazyExpiryDeletesOnAccessAndReportsIt() {
    Database db = keyspace.db(0);
    db.put(b("k"), StringValue.of(new byte[] {'v'}), false);
    db.setExpireAt(b("k"), clock.millis + 10);
    assertThat(db.get(b("k"))).isNotNull();
    clock.millis += 10;
    assertThat(db.get(b("k"))).isNull();
    assertThat(db.size()).isZero();
    assertThat(keyspace.expiredKeys()).isEqualTo(1);
    assertThat(events).containsExactly("modified 0 k", "expired 0 k");
  }

  @Test
  void replicaHidesExpiredKeysButWaitsForTheMastersDel() {
    keyspace.lazyExpiryDeletes(false);
    Database db = keyspace.db(1);
    db.put(b("k"), StringValue.of(new byte[] {'v'}), false);
    db.setExpireAt(b("k"), clock.millis + 1);
    clock.millis += 5;
    assertThat(db.get(b("k"))).isNull();
    assertThat(db.size()).isEqualTo(1);
    assertThat(events).doesNotContain("expired 1 k");
  }

  @Test
  void activeExpiryIsBoundedPerCycleAndInDeadlineOrder() {
    Database db = keyspace.db(0);
    for (int i = 0; i < 10; i++) {
      db.put(b("k" + i), StringValue.of(new byte[] {'v'}), false);
      db.setExpireAt(b("k" + i), clock.millis + 10 - i);
    }
    db.put(b("forever"), StringValue.of(new byte[] {'v'}), false);
    events.clear();
    clock.millis += 100;
    assertThat(keyspace.expireCycle(4)).isEqualTo(4);
    assertThat(events).containsExactly("expired 0 k9", "expired 0 k8", "expired 0 k7", "expired 0 k6");
    assertThat(keyspace.expireCycle(100)).isEqualTo(6);
    assertThat(db.keys()).containsExactly(b("forever"));
  }

  @Test
  void overwritingClearsTheTtlUnlessKept() {
    Database db = keyspace.db(0);
    db.put(b("k"), StringValue.of(new byte[] {'1'}), false);
    db.setExpireAt(b("k"), clock.millis + 1000);
    db.put(b("k"), StringValue.of(new byte[] {'2'}), true);
    assertThat(db.expireAt(b("k"))).isEqualTo(clock.millis + 1000);
    db.put(b("k"), StringValue.of(new byte[] {'3'}), false);
    assertThat(db.expireAt(b("k"))).isEqualTo(-1);
    assertThat(db.expiresSize()).isZero();
  }

  @Test
  void listsAndSortedSetsSignalReadiness() {
    Database db = keyspace.db(0);
    db.put(b("l"), new ListValue(), false);
    db.put(b("z"), new ZSetValue(), false);
    db.put(b("s"), StringValue.of(new byte[0]), false);
    assertThat(events).contains("ready 0 l", "ready 0 z").doesNotContain("ready 0 s");
  }

  @Test
  void swapExchangesContentsAndTtls() {
    keyspace.db(0).put(b("a"), StringValue.of(new byte[] {'0'}), false);
    keyspace.db(1).put(b("b"), StringValue.of(new byte[] {'1'}), false);
    keyspace.db(1).setExpireAt(b("b"), clock.millis + 50);
    keyspace.swap(0, 1);
    assertThat(keyspace.db(0).keys()).containsExactly(b("b"));
    assertThat(keyspace.db(0).expireAt(b("b"))).isEqualTo(clock.millis + 50);
    assertThat(keyspace.db(1).keys()).containsExactly(b("a"));
  }

  @Test
  void stringEncodingsFollowHowTheValueWasMade() {
    assertThat(StringValue.of("12345".getBytes()).encoding()).isEqualTo("int");
    assertThat(StringValue.of("012".getBytes()).encoding()).isEqualTo("embstr");
    assertThat(StringValue.of("x".repeat(45).getBytes()).encoding()).isEqualTo("raw");
    assertThat(StringValue.ofPlain("3".getBytes()).encoding()).isEqualTo("embstr");
    assertThat(StringValue.ofRaw("3".getBytes()).encoding()).isEqualTo("raw");
  }

  @Test
  void longDoubleArithmeticPrintsLikeRedis() {
    java.math.BigDecimal a = Numbers.parseDecimal("10.5".getBytes());
    java.math.BigDecimal b = Numbers.parseDecimal("0.1".getBytes());
    assertThat(new String(Numbers.formatHuman(Numbers.toLongDouble(a.add(b))))).isEqualTo("10.6");
    java.math.BigDecimal c = Numbers.parseDecimal("5.0e3".getBytes());
    java.math.BigDecimal five = Numbers.parseDecimal("5.6".getBytes());
    assertThat(new String(Numbers.formatHuman(Numbers.toLongDouble(five.add(c)))))
        .isEqualTo("5005.60000000000000009");
  }
}
