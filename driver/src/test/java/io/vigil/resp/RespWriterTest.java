package io.vigil.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespWriterTest {

  private static String write(RespValue value, RespVersion version) {
    ByteBuf buf = Unpooled.buffer();
    try {
      RespWriter.write(buf, value, version);
      return buf.toString(StandardCharsets.UTF_8);
    } finally {
      buf.release();
    }
  }

  @Test
  void commandIsAnArrayOfBulkStrings() {
    ByteBuf buf = Unpooled.buffer();
    try {
      byte[][] args = {"SET".getBytes(), "k".getBytes(), new byte[0]};
      RespWriter.writeCommand(buf, args);
      assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n");
      assertThat(RespWriter.commandLength(List.of(args))).isEqualTo(buf.readableBytes());
    } finally {
      buf.release();
    }
  }

  @Test
  void mapIsAFlatArrayForResp2() {
    RespMap map = new RespMap(List.of(RespBulkString.of("a"), RespInteger.of(1)));
    assertThat(write(map, RespVersion.RESP3)).isEqualTo("%1\r\n$1\r\na\r\n:1\r\n");
    assertThat(write(map, RespVersion.RESP2)).isEqualTo("*2\r\n$1\r\na\r\n:1\r\n");
  }

  @Test
  void nullsTakeTheirResp2Spelling() {
    assertThat(write(RespNull.BULK, RespVersion.RESP2)).isEqualTo("$-1\r\n");
    assertThat(write(RespNull.ARRAY, RespVersion.RESP2)).isEqualTo("*-1\r\n");
    assertThat(write(RespNull.ARRAY, RespVersion.RESP3)).isEqualTo("_\r\n");
  }

  @Test
  void resp3ScalarsDowngradeLikeRedis() {
    assertThat(write(RespBoolean.TRUE, RespVersion.RESP2)).isEqualTo(":1\r\n");
    assertThat(write(RespBoolean.FALSE, RespVersion.RESP3)).isEqualTo("#f\r\n");
    assertThat(write(new RespDouble(1.5), RespVersion.RESP2)).isEqualTo("$3\r\n1.5\r\n");
    assertThat(write(new RespDouble(1.1), RespVersion.RESP3)).isEqualTo(",1.1000000000000001\r\n");
    assertThat(write(new RespBigNumber(BigInteger.TEN.pow(30)), RespVersion.RESP2))
        .isEqualTo("$31\r\n1000000000000000000000000000000\r\n");
    assertThat(write(RespVerbatimString.text("hi"), RespVersion.RESP2)).isEqualTo("$2\r\nhi\r\n");
    assertThat(write(RespVerbatimString.text("hi"), RespVersion.RESP3)).isEqualTo("=6\r\ntxt:hi\r\n");
    assertThat(write(new RespError("ERR x", true), RespVersion.RESP2)).isEqualTo("-ERR x\r\n");
    assertThat(write(new RespError("ERR x", true), RespVersion.RESP3)).isEqualTo("!5\r\nERR x\r\n");
  }

  @Test
  void pushIsAnArrayForResp2AndAttributesAreDropped() {
    RespPush push = new RespPush(List.of(RespBulkString.of("message")));
    assertThat(write(push, RespVersion.RESP2)).isEqualTo("*1\r\n$7\r\nmessage\r\n");
    assertThat(write(push, RespVersion.RESP3)).isEqualTo(">1\r\n$7\r\nmessage\r\n");
    RespAttribute attr = new RespAttribute(new RespMap(List.of(new RespSimpleString("a"), RespInteger.ONE)), RespInteger.ZERO);
    assertThat(write(attr, RespVersion.RESP2)).isEqualTo(":0\r\n");
    assertThat(write(attr, RespVersion.RESP3)).isEqualTo("|1\r\n+a\r\n:1\r\n:0\r\n");
  }

  @Test
  void errorTextLosesLineBreaks() {
    assertThat(write(RespError.of("ERR a\r\nb"), RespVersion.RESP2)).isEqualTo("-ERR a  b\r\n");
  }

  @Test
  void doublesAreFormattedLikeCPrintfSeventeenG() {
    // Expected texts produced by C's printf("%.17g").
    assertThat(RespDoubles.format(1.5)).isEqualTo("1.5");
    assertThat(RespDoubles.format(0.1)).isEqualTo("0.10000000000000001");
    assertThat(RespDoubles.format(3.0)).isEqualTo("3");
    assertThat(RespDoubles.format(1e17)).isEqualTo("1e+17");
    assertThat(RespDoubles.format(1e16)).isEqualTo("10000000000000000");
    assertThat(RespDoubles.format(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
    assertThat(RespDoubles.format(1e-5)).isEqualTo("1.0000000000000001e-05");
    assertThat(RespDoubles.format(0.0001)).isEqualTo("0.0001");
    assertThat(RespDoubles.format(1.0 / 3)).isEqualTo("0.33333333333333331");
    assertThat(RespDoubles.format(-2.5e-10)).isEqualTo("-2.5000000000000002e-10");
    assertThat(RespDoubles.format(1e300)).isEqualTo("1.0000000000000001e+300");
    assertThat(RespDoubles.format(Double.MIN_VALUE)).isEqualTo("4.9406564584124654e-324");
    assertThat(RespDoubles.format(100)).isEqualTo("100");
    assertThat(RespDoubles.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(RespDoubles.format(-0.0)).isEqualTo("-0");
  }

  @Test
  void errorPrefixIsTheUpperCaseFirstWord() {
    assertThat(RespError.of("WRONGTYPE Operation against a key").prefix()).isEqualTo("WRONGTYPE");
    assertThat(RespError.of("READONLY You can't write against a read only replica.").prefix()).isEqualTo("READONLY");
    assertThat(RespError.of("unprefixed message").prefix()).isEmpty();
  }
}
