package io.vigil.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespParserErrorTest {

  private static RespValue parseReply(String wire, RespLimits limits) {
    return parse(RespParser.Mode.REPLY, wire, limits);
  }

  private static RespValue parse(RespParser.Mode mode, String wire, RespLimits limits) {
    ByteBuf buf = Unpooled.copiedBuffer(wire, StandardCharsets.ISO_8859_1);
    try {
      return new RespParser(mode, limits).parse(buf);
    } finally {
      buf.release();
    }
  }

  @Test
  void unknownTypeByteNamesTheByteAndOffset() {
    assertThatThrownBy(() -> parseReply("?x\r\n", RespLimits.DEFAULT))
        .isInstanceOf(RespProtocolException.class)
        .hasMessage("Protocol error: unknown RESP type byte '?' (0x3f) at the start of a reply at byte 0");
  }

  @Test
  void unknownTypeInsideAnArrayReportsItsOffset() {
    assertThatThrownBy(() -> parseReply("*2\r\n:1\r\n\u0001", RespLimits.DEFAULT))
        .isInstanceOf(RespProtocolException.class)
        .satisfies(e -> assertThat(((RespProtocolException) e).offset()).isEqualTo(8))
        .hasMessageContaining("inside an aggregate");
  }

  @Test
  void bulkOverTheLimitIsRefusedBeforeBuffering() {
    RespLimits limits = RespLimits.builder().maxBulkLength(10).build();
    assertThatThrownBy(() -> parseReply("$11\r\n", limits))
        .isInstanceOf(RespProtocolException.class)
        .hasMessageContaining("bulk string length 11 exceeds the limit of 10 bytes (RespLimits.maxBulkLength)");
  }

  @Test
  void aggregateOverTheLimitIsRefused() {
    RespLimits limits = RespLimits.builder().maxAggregateLength(2).build();
    assertThatThrownBy(() -> parseReply("*3\r\n", limits))
        .hasMessageContaining("array length 3 exceeds the limit of 2 elements");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    RespLimits limits = RespLimits.builder().maxNestingDepth(2).build();
    assertThatThrownBy(() -> parseReply("*1\r\n*1\r\n*1\r\n:1\r\n", limits))
        .hasMessageContaining("nested deeper than 2 levels");
  }

  @Test
  void badIntegerIsNamed() {
    assertThatThrownBy(() -> parseReply(":12a\r\n", RespLimits.DEFAULT))
        .hasMessage("Protocol error: invalid integer '12a' at byte 1");
  }

  @Test
  void integerOverflowIsRefused() {
    assertThatThrownBy(() -> parseReply(":9223372036854775808\r\n", RespLimits.DEFAULT))
        .hasMessageContaining("out of range");
  }

  @Test
  void bulkWithoutTrailingCrlfIsRefused() {
    assertThatThrownBy(() -> parseReply("$3\r\nabcXY", RespLimits.DEFAULT))
        .hasMessage("Protocol error: expected CRLF after a bulk string of 3 bytes at byte 7");
  }

  @Test
  void bareLineFeedIsRefused() {
    assertThatThrownBy(() -> parseReply("+OK\n", RespLimits.DEFAULT))
        .hasMessageContaining("expected CRLF, got a bare LF");
  }

  @Test
  void javaOnlyDoubleSpellingsAreRefused() {
    assertThatThrownBy(() -> parseReply(",1d\r\n", RespLimits.DEFAULT))
        .hasMessageContaining("invalid double '1d'");
    assertThatThrownBy(() -> parseReply(",0x1p3\r\n", RespLimits.DEFAULT))
        .isInstanceOf(RespProtocolException.class);
  }

  @Test
  void headerLineWithoutEndIsBoundedByTheInlineLimit() {
    RespLimits limits = RespLimits.builder().maxInlineLength(8).build();
    assertThatThrownBy(() -> parseReply("$123456789012", limits))
        .hasMessageContaining("longer than 8 bytes");
  }

  @Test
  void requestErrorsUseRedisTexts() {
    assertThat(requestError("*1\r\n:1\r\n")).isEqualTo("Protocol error: expected '$', got ':'");
    assertThat(requestError("*abc\r\n")).isEqualTo("Protocol error: invalid multibulk length");
    assertThat(requestError("*1\r\n$-5\r\n")).isEqualTo("Protocol error: invalid bulk length");
    assertThat(requestError("*1\r\n$-1\r\n")).isEqualTo("Protocol error: invalid bulk length");
    assertThat(requestError("SET k \"unterminated\r\n")).isEqualTo("Protocol error: unbalanced quotes in request");
    assertThat(requestError("SET k \"a\"b\r\n")).isEqualTo("Protocol error: unbalanced quotes in request");
  }

  @Test
  void requestBulkOverProtoMaxBulkLenIsInvalid() {
    RespLimits limits = RespLimits.builder().maxBulkLength(4).build();
    assertThatThrownBy(() -> parse(RespParser.Mode.REQUEST, "*1\r\n$5\r\n", limits))
        .isInstanceOf(RespProtocolException.class)
        .satisfies(e -> assertThat(((RespProtocolException) e).redisMessage())
            .isEqualTo("Protocol error: invalid bulk length"));
  }

  @Test
  void tooBigInlineRequest() {
    RespLimits limits = RespLimits.builder().maxInlineLength(16).build();
    assertThatThrownBy(() -> parse(RespParser.Mode.REQUEST, "GET " + "x".repeat(20), limits))
        .satisfies(e -> assertThat(((RespProtocolException) e).redisMessage())
            .isEqualTo("Protocol error: too big inline request"));
  }

  @Test
  void tooBigMultibulkCountString() {
    RespLimits limits = RespLimits.builder().maxInlineLength(16).build();
    assertThatThrownBy(() -> parse(RespParser.Mode.REQUEST, "*" + "1".repeat(20), limits))
        .satisfies(e -> assertThat(((RespProtocolException) e).redisMessage())
            .isEqualTo("Protocol error: too big mbulk count string"));
  }

  @Test
  void decoderDropsEverythingAfterAProtocolError() {
    EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder(RespParser.Mode.REPLY, RespLimits.DEFAULT));
    assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("+OK\r\n?bad\r\n+LATER\r\n", StandardCharsets.US_ASCII)))
        .isInstanceOf(RespProtocolException.class);
    assertThat((Object) channel.readInbound()).isEqualTo(RespSimpleString.OK);
    channel.writeInbound(Unpooled.copiedBuffer("+MORE\r\n", StandardCharsets.US_ASCII));
    assertThat((Object) channel.readInbound()).isNull();
    assertThat(channel.finishAndReleaseAll()).isFalse();
  }

  private static String requestError(String wire) {
    try {
      parse(RespParser.Mode.REQUEST, wire, RespLimits.DEFAULT);
    } catch (RespProtocolException e) {
      return e.redisMessage();
    }
    throw new AssertionError("no protocol error for " + wire);
  }
}
