package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DoublesTest {

  @Test
  void formatsLikeRedisD2string() {
    assertThat(Doubles.format(1.5)).isEqualTo("1.5");
    assertThat(Doubles.format(0.1)).isEqualTo("0.10000000000000001");
    assertThat(Doubles.format(1.1)).isEqualTo("1.1000000000000001");
    assertThat(Doubles.format(2)).isEqualTo("2");
    assertThat(Doubles.format(-3)).isEqualTo("-3");
    assertThat(Doubles.format(0.0)).isEqualTo("0");
    assertThat(Doubles.format(-0.0)).isEqualTo("-0");
    assertThat(Doubles.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(Doubles.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(Doubles.format(1e300)).isEqualTo("1.0000000000000001e+300");
    assertThat(Doubles.format(1e-7)).isEqualTo("9.9999999999999995e-08");
    assertThat(Doubles.format(1e16)).isEqualTo("10000000000000000");
    assertThat(Doubles.format(1e17)).isEqualTo("1e+17");
    assertThat(Doubles.format(4503599627370496.0)).isEqualTo("4503599627370496");
    assertThat(Doubles.format(0.0001)).isEqualTo("0.0001");
    assertThat(Doubles.format(0.00001)).isEqualTo("1.0000000000000001e-05");
  }

  @Test
  void parsesWhatItFormats() {
    Random random = new Random(5);
    for (int i = 0; i < 10_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d)) {
        continue;
      }
      assertThat(Doubles.parse(Doubles.formatBytes(d))).isEqualTo(d);
    }
  }

  @Test
  void parsesStrtodSpellingsOfInfinity() {
    assertThat(Doubles.parse("inf".getBytes(US_ASCII))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Doubles.parse("-inf".getBytes(US_ASCII))).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Doubles.parse("+Infinity".getBytes(US_ASCII))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Doubles.parse("nan".getBytes(US_ASCII))).isNaN();
    assertThatThrownBy(() -> Doubles.parse("1d".getBytes(US_ASCII))).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> Doubles.parse("".getBytes(US_ASCII))).isInstanceOf(NumberFormatException.class);
  }
}
