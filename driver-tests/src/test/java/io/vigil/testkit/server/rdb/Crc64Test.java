package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Crc64Test {

  @Test
  void matchesRedisSelfTestVector() {
    byte[] data = "123456789".getBytes(US_ASCII);
    assertThat(Crc64.update(0, data, 0, data.length)).isEqualTo(0xe9c6d914c4b8d9caL);
  }

  @Test
  void verifiesRealRedisChecksums() {
    // the last 8 bytes of a dump.rdb saved by redis-server 7.0.15 are the CRC-64 of the rest
    byte[] rdb = java.util.HexFormat.of().parseHex(RdbFixtures.REDIS_7_0_15_SMALL);
    long stored = Listpack.getLe(rdb, rdb.length - 8, 8);
    assertThat(Crc64.update(0, rdb, 0, rdb.length - 8)).isEqualTo(stored);
  }

  @Test
  void emptyInputLeavesTheCrcUnchanged() {
    assertThat(Crc64.update(0, new byte[0], 0, 0)).isZero();
    assertThat(Crc64.update(42, new byte[0], 0, 0)).isEqualTo(42);
  }

  @Test
  void byteAtATimeEqualsBulk() {
    byte[] data = "The quick brown fox jumps over the lazy dog".getBytes(US_ASCII);
    long crc = 0;
    for (byte b : data) {
      crc = Crc64.update(crc, b);
    }
    assertThat(crc).isEqualTo(Crc64.update(0, data, 0, data.length));
    long split = Crc64.update(Crc64.update(0, data, 0, 10), data, 10, data.length - 10);
    assertThat(split).isEqualTo(crc);
  }
}
