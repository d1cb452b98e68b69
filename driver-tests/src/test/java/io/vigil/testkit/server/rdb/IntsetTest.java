package io.vigil.testkit.server.rdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntsetTest {

  @Test
  void encodesSortedWithTheNarrowestWidth() {
    // what redis-server 7.0.15 saved for SADD s 2 1
    assertThat(HexFormat.of().formatHex(Intset.encode(List.of(2L, 1L)))).isEqualTo("020000000200000001000200");
    assertThat(Intset.encode(List.of(1L, 40000L))[0]).isEqualTo((byte) 4);
    assertThat(Intset.encode(List.of(1L, 1L << 40))[0]).isEqualTo((byte) 8);
  }

  @Test
  void roundTripsEachWidth() {
    for (List<Long> values : List.of(List.of(-32768L, 0L, 32767L), List.of(Long.MIN_VALUE, 5L, Long.MAX_VALUE),
        List.of(-2147483648L, 2147483647L), List.<Long>of())) {
      long[] decoded = Intset.decode(Intset.encode(values));
      assertThat(decoded).containsExactly(values.stream().sorted().mapToLong(Long::longValue).toArray());
    }
  }

  @Test
  void decodeRejectsCorruption() {
    byte[] blob = Intset.encode(List.of(1L, 2L, 3L));
    byte[] width = blob.clone();
    width[0] = 3;
    assertThatThrownBy(() -> Intset.decode(width)).hasMessageContaining("width 3");
    byte[] count = blob.clone();
    count[4] = 4;
    assertThatThrownBy(() -> Intset.decode(count)).hasMessageContaining("declares 4 values");
    byte[] order = blob.clone();
    order[8] = 9;
    assertThatThrownBy(() -> Intset.decode(order)).hasMessageContaining("not greater");
    assertThatThrownBy(() -> Intset.encode(List.of(1L, 1L))).hasMessageContaining("duplicate");
  }
}
