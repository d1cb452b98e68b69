package io.vigil.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hostile input may only ever produce values or a {@link RespProtocolException}. */
class RespParserGarbageTest {

  private static final byte[] ALPHABET = "+-:$*_,#(!=%~>|\r\n0123456789-abc\"' \\x".getBytes();

  @ParameterizedTest
  @EnumSource(RespParser.Mode.class)
  void randomBytesNeverEscapeAsAnythingButAProtocolError(RespParser.Mode mode) {
    Random random = new Random(42);
    RespLimits limits = RespLimits.builder().maxBulkLength(1 << 16).maxAggregateLength(1 << 16).build();
    int protocolErrors = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input = new byte[1 + random.nextInt(40)];
      for (int j = 0; j < input.length; j++) {
        input[j] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
      }
      RespParser parser = new RespParser(mode, limits);
      ByteBuf buf = Unpooled.wrappedBuffer(input);
      try {
        while (parser.parse(buf) != null) {
          // keep going
        }
        assertThat(buf.readableBytes()).isLessThanOrEqualTo(input.length);
      } catch (RespProtocolException e) {
        protocolErrors++;
        assertThat(e.offset()).isBetween(0L, (long) input.length);
      } finally {
        buf.release();
      }
    }
    assertThat(protocolErrors).as("garbage is mostly rejected").isGreaterThan(1000);
  }
}
