package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LzfTest {

  @Test
  void compressesLikeRedisDoesForARun() {
    // What redis-server 7.0.15 saved for a 59-byte string of 'a' (LZF payload after c3 09 3b).
    byte[] value = "a".repeat(59).getBytes(US_ASCII);
    assertThat(HexFormat.of().formatHex(Lzf.compress(value, value.length - 4))).isEqualTo("016161e02e00016161");
  }

  @Test
  void randomDataRoundTrips() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      int len = 1 + random.nextInt(5000);
      byte[] data = new byte[len];
      // low-entropy data, so that there is something to compress
      for (int i = 0; i < len; i++) {
        data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(3));
      }
      byte[] packed = Lzf.compress(data, len + 64);
      assertThat(packed).as("round %s", round).isNotNull();
      assertThat(Lzf.decompress(packed, 0, packed.length, len)).isEqualTo(data);
    }
  }

  @Test
  void incompressibleDataDoesNotFitInLessSpace() {
    byte[] data = new byte[1000];
    new Random(11).nextBytes(data);
    assertThat(Lzf.compress(data, data.length - 4)).isNull();
    // ...but still round-trips when allowed to grow (literal runs cost one byte in 32)
    byte[] packed = Lzf.compress(data, data.length + data.length / 32 + 2);
    assertThat(Lzf.decompress(packed, 0, packed.length, data.length)).isEqualTo(data);
  }

  @Test
  void tinyInputsRoundTrip() {
    for (int len = 1; len < 8; len++) {
      byte[] data = "abcabcab".substring(0, len).getBytes(US_ASCII);
      byte[] packed = Lzf.compress(data, 64);
      assertThat(Lzf.decompress(packed, 0, packed.length, len)).isEqualTo(data);
    }
    assertThat(Lzf.compress(new byte[0], 10)).isNull();
  }

  @Test
  void longMatchesUseTheExtendedLengthByte() {
    byte[] data = "z".repeat(10_000).getBytes(US_ASCII);
    byte[] packed = Lzf.compress(data, data.length);
    assertThat(packed.length).isLessThan(200);
    assertThat(Lzf.decompress(packed, 0, packed.length, data.length)).isEqualTo(data);
  }

  @Test
  void decompressRejectsABackReferenceBeforeTheStart() {
    byte[] bad = {(byte) 0x20, 0x05}; // length 3, offset 6 into an empty output
    assertThatThrownBy(() -> Lzf.decompress(bad, 0, bad.length, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the start");
  }

  @Test
  void decompressRejectsAWrongDeclaredLength() {
    byte[] packed = Lzf.compress("a".repeat(100).getBytes(US_ASCII), 96);
    assertThatThrownBy(() -> Lzf.decompress(packed, 0, packed.length, 101))
        .hasMessageContaining("expands to 100 bytes, but 101 were declared");
    assertThatThrownBy(() -> Lzf.decompress(packed, 0, packed.length, 99))
        .hasMessageContaining("past the declared length 99");
  }

  @Test
  void decompressRejectsTruncatedInput() {
    byte[] packed = Lzf.compress("hello hello hello hello hello".getBytes(US_ASCII), 100);
    for (int cut = 1; cut < packed.length; cut++) {
      int len = cut;
      assertThatThrownBy(() -> Lzf.decompress(packed, 0, len, 29)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
