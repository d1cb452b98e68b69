package io.vigil.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample is fed split at every byte boundary; the result must not depend on the split. */
class RespParserSplitTest {

  static Stream<Arguments> replies() {
    return Stream.of(
        Arguments.of("+OK\r\n", RespSimpleString.OK),
        Arguments.of("-ERR unknown command 'foo'\r\n", RespError.of("ERR unknown command 'foo'")),
        Arguments.of(":0\r\n", RespInteger.of(0)),
        Arguments.of(":-9223372036854775808\r\n", RespInteger.of(Long.MIN_VALUE)),
        Arguments.of(":9223372036854775807\r\n", RespInteger.of(Long.MAX_VALUE)),
        Arguments.of("$5\r\nhello\r\n", RespBulkString.of("hello")),
        Arguments.of("$0\r\n\r\n", RespBulkString.EMPTY),
        Arguments.of("$4\r\na\r\nb\r\n", RespBulkString.of("a\r\nb")),
        Arguments.of("$-1\r\n", RespNull.BULK),
        Arguments.of("*-1\r\n", RespNull.ARRAY),
        Arguments.of("_\r\n", RespNull.RESP3),
        Arguments.of("*0\r\n", RespArray.EMPTY),
        Arguments.of("*3\r\n:1\r\n$1\r\na\r\n*1\r\n+x\r\n",
            RespArray.of(RespInteger.of(1), RespBulkString.of("a"), RespArray.of(new RespSimpleString("x")))),
        Arguments.of("%2\r\n+a\r\n:1\r\n+b\r\n#f\r\n",
            new RespMap(List.of(new RespSimpleString("a"), RespInteger.of(1), new RespSimpleString("b"), RespBoolean.FALSE))),
        Arguments.of("~2\r\n$1\r\nx\r\n$1\r\ny\r\n",
            new RespSet(List.of(RespBulkString.of("x"), RespBulkString.of("y")))),
        Arguments.of(",3.14\r\n", new RespDouble(3.14)),
        Arguments.of(",-inf\r\n", new RespDouble(Double.NEGATIVE_INFINITY)),
        Arguments.of(",1e10\r\n", new RespDouble(1e10)),
        Arguments.of("#t\r\n", RespBoolean.TRUE),
        Arguments.of("(3492890328409238509324850943850943825024385\r\n",
            new RespBigNumber(new BigInteger("3492890328409238509324850943850943825024385"))),
        Arguments.of("=15\r\ntxt:Some string\r\n",
            RespVerbatimString.of("txt", "Some string".getBytes(StandardCharsets.UTF_8))),
        Arguments.of("!21\r\nSYNTAX invalid syntax\r\n", new RespError("SYNTAX invalid syntax", true)),
        Arguments.of(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n",
            new RespPush(List.of(RespBulkString.of("message"), RespBulkString.of("ch"), RespBulkString.of("hi")))),
        Arguments.of("|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*1\r\n:2\r\n",
            new RespAttribute(
                new RespMap(List.of(new RespSimpleString("key-popularity"),
                    new RespMap(List.of(RespBulkString.of("a"), new RespDouble(0.19))))),
                RespArray.of(RespInteger.of(2)))),
        Arguments.of("*2\r\n|1\r\n+ttl\r\n:3\r\n$1\r\nv\r\n:7\r\n",
            RespArray.of(
                new RespAttribute(new RespMap(List.of(new RespSimpleString("ttl"), RespInteger.of(3))),
                    RespBulkString.of("v")),
                RespInteger.of(7))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void replyDecodesTheSameAtEverySplit(String wire, RespValue expected) {
    byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
    for (int split = 0; split <= bytes.length; split++) {
      RespParser parser = new RespParser(RespParser.Mode.REPLY, RespLimits.DEFAULT);
      List<RespValue> values = feed(parser, bytes, split);
      assertThat(values).as("split at %d", split).containsExactly(expected);
      assertThat(parser.isMidValue()).as("left over after split at %d", split).isFalse();
      assertThat(parser.lastValueLength()).isEqualTo(bytes.length);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void replyDecodesByteByByte(String wire, RespValue expected) {
    byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
    RespParser parser = new RespParser(RespParser.Mode.REPLY, RespLimits.DEFAULT);
    ByteBuf buf = Unpooled.buffer();
    List<RespValue> values = new ArrayList<>();
    try {
      for (byte b : bytes) {
        buf.writeByte(b);
        RespValue v;
        while ((v = parser.parse(buf)) != null) {
          values.add(v);
        }
        buf.discardReadBytes();
      }
      assertThat(values).containsExactly(expected);
      assertThat(buf.readableBytes()).isZero();
    } finally {
      buf.release();
    }
  }

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n", List.of(List.of("GET", "key"))),
        Arguments.of("PING\r\n", List.of(List.of("PING"))),
        Arguments.of("PING\n", List.of(List.of("PING"))),
        Arguments.of("set k \"a b\\x41\\n\"\r\n", List.of(List.of("set", "k", "a bA\n"))),
        Arguments.of("set k 'it\\'s'\r\n", List.of(List.of("set", "k", "it's"))),
        Arguments.of("\r\n\r\nPING\r\n", List.of(List.of("PING"))),
        Arguments.of("*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n", List.of(List.of("PING"))),
        Arguments.of("ECHO \"\"\r\n*1\r\n$4\r\nQUIT\r\n", List.of(List.of("ECHO", ""), List.of("QUIT"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestDecodesTheSameAtEverySplit(String wire, List<List<String>> expected) {
    byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
    for (int split = 0; split <= bytes.length; split++) {
      RespParser parser = new RespParser(RespParser.Mode.REQUEST, RespLimits.DEFAULT);
      List<RespValue> values = feed(parser, bytes, split);
      List<List<String>> commands = new ArrayList<>();
      for (RespValue v : values) {
        List<String> args = new ArrayList<>();
        for (RespValue arg : ((RespArray) v).elements()) {
          args.add(((RespBulkString) arg).asString());
        }
        commands.add(args);
      }
      assertThat(commands).as("split at %d", split).isEqualTo(expected);
      assertThat(parser.isMidValue()).isFalse();
    }
  }

  private static List<RespValue> feed(RespParser parser, byte[] bytes, int split) {
    List<RespValue> values = new ArrayList<>();
    ByteBuf buf = Unpooled.buffer();
    try {
      buf.writeBytes(bytes, 0, split);
      RespValue v;
      while ((v = parser.parse(buf)) != null) {
        values.add(v);
      }
      buf.writeBytes(bytes, split, bytes.length - split);
      while ((v = parser.parse(buf)) != null) {
        values.add(v);
      }
      assertThat(buf.readableBytes()).as("unconsumed bytes").isZero();
    } finally {
      buf.release();
    }
    return values;
  }
}
