package io.vigil.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random values are encoded as RESP3, decoded, and must come back equal. */
class RespRoundTripTest {

  private static final long SEED = 0x5EED_0F_1611L;

  @Test
  void randomValuesSurviveEncodeThenDecode() {
    Random random = new Random(SEED);
    for (int i = 0; i < 3000; i++) {
      RespValue value = randomValue(random, 0);
      ByteBuf buf = Unpooled.buffer();
      try {
        RespWriter.write(buf, value, RespVersion.RESP3);
        int length = buf.readableBytes();
        // feed in random chunks to exercise partial input as well
        RespParser parser = new RespParser(RespParser.Mode.REPLY, RespLimits.DEFAULT);
        ByteBuf in = Unpooled.buffer();
        RespValue decoded = null;
        try {
          while (buf.isReadable()) {
            int n = Math.min(buf.readableBytes(), 1 + random.nextInt(16));
            in.writeBytes(buf, n);
            RespValue v = parser.parse(in);
            if (v != null) {
              assertThat(decoded).as("only one value per sample").isNull();
              decoded = v;
            }
          }
          assertThat(decoded).as("sample %d", i).isEqualTo(value);
          assertThat(in.readableBytes()).isZero();
          assertThat(parser.lastValueLength()).isEqualTo(length);
        } finally {
          in.release();
        }
      } finally {
        buf.release();
      }
    }
  }

  private static RespValue randomValue(Random random, int depth) {
    int kind = random.nextInt(depth >= 3 ? 10 : 15);
    switch (kind) {
      case 0:
        return new RespSimpleString(randomText(random, false));
      case 1:
        return RespError.of("ERR " + randomText(random, false));
      case 2:
        return RespInteger.of(random.nextLong());
      case 3:
        return RespBulkString.of(randomBytes(random));
      case 4:
        return RespNull.RESP3;
      case 5:
        return new RespDouble(randomDouble(random));
      case 6:
        return RespBoolean.of(random.nextBoolean());
      case 7:
        return new RespBigNumber(new BigInteger(100, random).subtract(BigInteger.TEN.pow(20)));
      case 8:
        return RespVerbatimString.of(random.nextBoolean() ? "txt" : "mkd", randomBytes(random));
      case 9:
        return new RespError(randomText(random, true), true);
      case 10:
        return new RespArray(randomList(random, depth, false));
      case 11:
        return new RespSet(randomList(random, depth, false));
      case 12:
        return new RespPush(randomList(random, depth, false));
      case 13:
        return new RespMap(randomList(random, depth, true));
      default:
        return new RespAttribute(new RespMap(randomList(random, depth, true)), randomValue(random, depth + 1));
    }
  }

  private static List<RespValue> randomList(Random random, int depth, boolean even) {
    int n = random.nextInt(5);
    if (even) {
      n *= 2;
    }
    List<RespValue> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(randomValue(random, depth + 1));
    }
    return list;
  }

  private static double randomDouble(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return Double.POSITIVE_INFINITY;
      case 1:
        return Double.NEGATIVE_INFINITY;
      case 2:
        return random.nextInt(1000) - 500;
      case 3:
        return Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL) * (random.nextBoolean() ? 1 : -1);
      default:
        return random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 2000 : 20)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String randomText(Random random, boolean allowNewlines) {
    String alphabet = allowNewlines ? "abc xyz\r\n:$*é" : "abc xyz:$*é-";
    int n = random.nextInt(12);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
