package io.vigil.driver.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ArgsValidationTest {

  @Test
  void setArgsRejectOptionsThatExcludeEachOther() {
    rejected(() -> SetArgs.none().nx().xx(), "SET", "NX and XX exclude each other");
    rejected(() -> SetArgs.none().ex(Duration.ofSeconds(1)).px(Duration.ofSeconds(1)), "SET", "EX and PX");
    rejected(() -> SetArgs.none().keepTtl().exAt(Instant.now()), "SET", "KEEPTTL and EXAT");
    rejected(() -> SetArgs.none().ex(Duration.ofSeconds(1)).ex(Duration.ofSeconds(2)), "SET", "EX and EX");
    assertThat(SetArgs.none().nx().nx()).isEqualTo(SetArgs.none().nx());
  }

  @Test
  void expiriesMustBePositiveWholeUnits() {
    rejected(() -> SetArgs.none().ex(Duration.ofMillis(1500)), "SET", "EX takes whole seconds", "PT1.5S", "px");
    rejected(() -> SetArgs.none().ex(Duration.ZERO), "SET", "positive");
    rejected(() -> SetArgs.none().px(Duration.ofNanos(1_500_000)), "SET", "whole milliseconds");
    rejected(() -> SetArgs.none().px(null), "SET", "must not be null");
    rejected(() -> GetExArgs.ex(Duration.ofSeconds(-5)), "GETEX", "positive", "PT-5S");
    rejected(() -> GetExArgs.exAt(Instant.EPOCH), "GETEX", "after the Unix epoch");
    assertThat(GetExArgs.exAt(Instant.ofEpochMilli(1999)).expiry()).isEqualTo(new Expiry(Expiry.Kind.EXAT, 1));
    assertThat(SetArgs.none().px(Duration.ofSeconds(2)).expiry()).isEqualTo(new Expiry(Expiry.Kind.PX, 2000));
  }

  @Test
  void bitfieldTypesAndOffsetsFollowRedisLimits() {
    rejected(() -> BitFieldType.unsigned(64), "BITFIELD", "1 to 63", "64");
    rejected(() -> BitFieldType.signed(0), "BITFIELD", "1 to 64");
    rejected(() -> BitFieldOffset.bit(-1), "BITFIELD", "negative");
    rejected(() -> BitFieldArgs.none().get(null, 0), "BITFIELD", "type");
    rejected(() -> BitFieldArgs.none().overflow(null), "BITFIELD", "OVERFLOW");
    assertThat(BitFieldType.signed(64)).hasToString("i64");
    assertThat(BitFieldOffset.index(3)).hasToString("#3");
    assertThat(BitFieldArgs.none().get(BitFieldType.signed(8), 0).isReadOnly()).isTrue();
  }

  @Test
  void geoOptionsRejectBadSizesAndExcludedPairs() {
    rejected(() -> GeoShape.radius(-1, GeoUnit.KM), "GEOSEARCH", "radius", "-1.0");
    rejected(() -> GeoShape.box(1, Double.NaN, GeoUnit.KM), "GEOSEARCH", "height");
    rejected(() -> GeoShape.radius(1, null), "GEOSEARCH", "unit");
    rejected(() -> GeoSearchArgs.none().any(), "GEOSEARCH", "ANY needs a COUNT");
    rejected(() -> GeoSearchArgs.none().count(0), "GEOSEARCH", "COUNT", "0");
    rejected(() -> GeoSearchArgs.none().ascending().descending(), "GEOSEARCH", "ASC and DESC");
    rejected(() -> GeoAddArgs.none().nx().xx(), "GEOADD", "NX and XX");
    rejected(() -> GeoOrigin.member(null), "GEOSEARCH", "FROMMEMBER");
  }

  @Test
  void keyOptionsRejectBadValuesAndExcludedPairs() {
    rejected(() -> RestoreArgs.none().idleTime(Duration.ofSeconds(1)).frequency(1), "RESTORE", "IDLETIME and FREQ");
    rejected(() -> RestoreArgs.none().frequency(1).idleTime(Duration.ofSeconds(1)), "RESTORE", "FREQ and IDLETIME");
    rejected(() -> RestoreArgs.none().frequency(256), "RESTORE", "FREQ", "256");
    rejected(() -> RestoreArgs.none().idleTime(Duration.ofMillis(10)), "RESTORE", "IDLETIME");
    rejected(() -> RestoreArgs.none().ttl(Duration.ofSeconds(1)).expireAt(Instant.now()), "RESTORE", "expiry");
    rejected(() -> SortArgs.none().by("a").by("b"), "SORT", "BY");
    rejected(() -> SortArgs.none().limit(-1, 5), "SORT", "offset", "-1");
    rejected(() -> SortArgs.none().get(""), "SORT", "GET");
    rejected(() -> ScanArgs.none().count(0), "SCAN", "COUNT", "0");
    rejected(() -> ScanArgs.none().match((String) null), "SCAN", "MATCH");
    rejected(() -> CopyArgs.none().database(-1), "COPY", "DB", "-1");
  }

  @Test
  void clientKillFiltersRejectEmptyValues() {
    rejected(() -> ClientKillArgs.none().id(0), "CLIENT KILL", "ID", "0");
    rejected(() -> ClientKillArgs.none().user(""), "CLIENT KILL", "USER");
    rejected(() -> ClientKillArgs.none().type(null), "CLIENT KILL", "TYPE");
    assertThat(ClientKillArgs.none().skipMe(false).hasFilter()).isFalse();
    assertThat(ClientKillArgs.none().address("1.2.3.4:5").hasFilter()).isTrue();
    ClientKillArgs both = ClientKillArgs.none().address("1.2.3.4:5").localAddress("127.0.0.1:6");
    assertThat(both.address()).isEqualTo("1.2.3.4:5");
    assertThat(both.localAddress()).isEqualTo("127.0.0.1:6");
  }

  private static void rejected(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll(fragments);
  }
}
