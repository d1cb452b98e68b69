package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListpackTest {

  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void encodesEachIntegerWidthAsRedisDoes() {
    // total bytes, count, then entry + backlen; values from listpack.c's encodings
    assertThat(hex(Listpack.encode(List.of(b("1"))))).isEqualTo("0900000001000101ff");
    assertThat(hex(Listpack.encode(List.of(b("-1"))))).isEqualTo("0a0000000100dfff02ff");
    assertThat(hex(Listpack.encode(List.of(b("4095"))))).isEqualTo("0a00000001 00cfff02ff".replace(" ", ""));
    assertThat(hex(Listpack.encode(List.of(b("-70000"))))).isEqualTo("0c0000000100f290eefe04ff");
    assertThat(hex(Listpack.encode(List.of(b("32767"))))).isEqualTo("0b0000000100f1ff7f03ff");
    assertThat(hex(Listpack.encode(List.of(b("2147483647"))))).isEqualTo("0d0000000100f3ffffff7f05ff");
    assertThat(hex(Listpack.encode(List.of(b("9223372036854775807")))))
        .isEqualTo("110000000100f4ffffffffffffff7f09ff");
  }

  @Test
  void encodesStringsWithTheirLengthWidth() {
    assertThat(hex(Listpack.encode(List.of(b("a"))))).isEqualTo("0a0000000100816102ff");
    byte[] lp64 = Listpack.encode(List.of(new byte[64]));
    assertThat(lp64[6] & 0xff).isEqualTo(0xE0);
    assertThat(lp64[7] & 0xff).isEqualTo(64);
    byte[] lp4096 = Listpack.encode(List.of(new byte[4096]));
    assertThat(lp4096[6] & 0xff).isEqualTo(0xF0);
  }

  @Test
  void nonCanonicalIntegersStayStrings() {
    for (String s : List.of("01", "-0", "+1", " 1", "1 ", "9223372036854775808", "-9223372036854775809", "", "-")) {
      assertThat(Listpack.canonicalInteger(b(s))).as(s).isNull();
      assertThat(Listpack.decode(Listpack.encode(List.of(b(s))))).containsExactly(b(s));
    }
    assertThat(Listpack.canonicalInteger(b("-9223372036854775808"))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void roundTripsEveryEncodingBoundary() {
    List<byte[]> values = new ArrayList<>();
    for (long v : new long[] {0, 127, 128, -1, 4095, -4096, 4096, -4097, 32767, -32768, 32768, -32769, 8388607,
        -8388608, 8388608, -8388609, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L,
        Long.MAX_VALUE, Long.MIN_VALUE}) {
      values.add(b(Long.toString(v)));
    }
    Random random = new Random(3);
    for (int n : new int[] {0, 1, 63, 64, 125, 126, 127, 4095, 4096, 16380, 16381, 20000}) {
      byte[] s = new byte[n];
      random.nextBytes(s);
      if (n > 0) {
        s[0] = 'x'; // never a number
      }
      values.add(s);
    }
    byte[] lp = Listpack.encode(values);
    assertThat(Listpack.decode(lp)).containsExactlyElementsOf(values);
    int expected = Listpack.EMPTY_SIZE;
    for (byte[] v : values) {
      expected += Listpack.entrySize(v);
    }
    assertThat(lp.length).isEqualTo(expected);
  }

  @Test
  void countAbove65534IsStoredAsUnknown() {
    List<byte[]> values = new ArrayList<>();
    for (int i = 0; i < 70_000; i++) {
      values.add(b("x"));
    }
    byte[] lp = Listpack.encode(values);
    assertThat(Listpack.getLe(lp, 4, 2)).isEqualTo(65535);
    assertThat(Listpack.decode(lp)).hasSize(70_000);
  }

  @Test
  void decodeRejectsCorruption() {
    byte[] lp = Listpack.encode(List.of(b("hello"), b("42")));
    byte[] wrongTotal = lp.clone();
    wrongTotal[0]++;
    assertThatThrownBy(() -> Listpack.decode(wrongTotal)).hasMessageContaining("header says");
    byte[] badBacklen = lp.clone();
    badBacklen[6 + 6] = 9;
    assertThatThrownBy(() -> Listpack.decode(badBacklen)).hasMessageContaining("backlen");
    byte[] badCount = lp.clone();
    badCount[4] = 3;
    assertThatThrownBy(() -> Listpack.decode(badCount)).hasMessageContaining("counts 3 elements but 2");
    byte[] noEnd = lp.clone();
    noEnd[noEnd.length - 1] = 0x01;
    assertThatThrownBy(() -> Listpack.decode(noEnd)).isInstanceOf(IllegalArgumentException.class);
    byte[] badEncoding = lp.clone();
    badEncoding[6] = (byte) 0xF5;
    assertThatThrownBy(() -> Listpack.decode(badEncoding)).hasMessageContaining("unknown encoding 0xf5");
  }
}
