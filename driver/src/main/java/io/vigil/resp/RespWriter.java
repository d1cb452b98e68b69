package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes RESP values and commands into a {@link ByteBuf}.
 *
 * <p>Stateless and thread-safe. RESP3-only types are downgraded when writing for a RESP2 peer,
 * as Redis downgrades its replies: maps and sets become arrays, doubles and big numbers become
 * bulk strings, booleans become the integers 1 and 0, verbatim strings lose their format, push
 * frames become arrays, attributes are dropped, and nulls take their RESP2 spelling.
 */
public final class RespWriter {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[][] SMALL_NUMBERS = new byte[512][];

  static {
    for (int i = 0; i < SMALL_NUMBERS.length; i++) {
      SMALL_NUMBERS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private RespWriter() {}

  /** Writes a command as an array of bulk strings, the only form Redis accepts from clients. */
  public static void writeCommand(ByteBuf out, byte[]... args) {
    out.writeByte('*');
    writeNumber(out, args.length);
    for (byte[] arg : args) {
      writeBulk(out, arg);
    }
  }

  /** Writes a command as an array of bulk strings. */
  public static void writeCommand(ByteBuf out, List<byte[]> args) {
    out.writeByte('*');
    writeNumber(out, args.size());
    for (byte[] arg : args) {
      writeBulk(out, arg);
    }
  }

  /** Writes one bulk string ({@code $<len>\r\n<bytes>\r\n}). */
  public static void writeBulk(ByteBuf out, byte[] bytes) {
    out.writeByte('$');
    writeNumber(out, bytes.length);
    out.writeBytes(bytes);
    out.writeBytes(CRLF);
  }

  /** Writes {@code value} as {@code version} spells it. */
  public static void write(ByteBuf out, RespValue value, RespVersion version) {
    boolean resp3 = version == RespVersion.RESP3;
    if (value instanceof RespBulkString bulk) {
      writeBulk(out, bulk.bytes());
    } else if (value instanceof RespSimpleString simple) {
      out.writeByte('+');
      writeLine(out, simple.value());
    } else if (value instanceof RespInteger integer) {
      out.writeByte(':');
      writeNumber(out, integer.value());
    } else if (value instanceof RespArray array) {
      writeAggregate(out, '*', array.elements(), version);
    } else if (value instanceof RespError error) {
      if (error.blob() && resp3) {
        byte[] bytes = error.message().getBytes(StandardCharsets.UTF_8);
        out.writeByte('!');
        writeNumber(out, bytes.length);
        out.writeBytes(bytes);
        out.writeBytes(CRLF);
      } else {
        out.writeByte('-');
        writeLine(out, oneLine(error.message()));
      }
    } else if (value instanceof RespNull nul) {
      if (resp3) {
        out.writeByte('_');
        out.writeBytes(CRLF);
      } else {
        out.writeByte(nul == RespNull.ARRAY ? '*' : '$');
        out.writeByte('-');
        out.writeByte('1');
        out.writeBytes(CRLF);
      }
    } else if (value instanceof RespMap map) {
      if (resp3) {
        out.writeByte('%');
        writeNumber(out, map.size());
        for (RespValue element : map.keysAndValues()) {
          write(out, element, version);
        }
      } else {
        writeAggregate(out, '*', map.keysAndValues(), version);
      }
    } else if (value instanceof RespSet set) {
      writeAggregate(out, resp3 ? '~' : '*', set.elements(), version);
    } else if (value instanceof RespPush push) {
      writeAggregate(out, resp3 ? '>' : '*', push.elements(), version);
    } else if (value instanceof RespDouble dbl) {
      String text = RespDoubles.format(dbl.value());
      if (resp3) {
        out.writeByte(',');
        writeLine(out, text);
      } else {
        writeBulk(out, text.getBytes(StandardCharsets.US_ASCII));
      }
    } else if (value instanceof RespBoolean bool) {
      if (resp3) {
        out.writeByte('#');
        out.writeByte(bool.value() ? 't' : 'f');
        out.writeBytes(CRLF);
      } else {
        out.writeByte(':');
        out.writeByte(bool.value() ? '1' : '0');
        out.writeBytes(CRLF);
      }
    } else if (value instanceof RespBigNumber big) {
      String text = big.value().toString();
      if (resp3) {
        out.writeByte('(');
        writeLine(out, text);
      } else {
        writeBulk(out, text.getBytes(StandardCharsets.US_ASCII));
      }
    } else if (value instanceof RespVerbatimString verbatim) {
      if (resp3) {
        out.writeByte('=');
        writeNumber(out, verbatim.bytes().length + 4L);
        out.writeBytes(verbatim.format().getBytes(StandardCharsets.US_ASCII));
        out.writeByte(':');
        out.writeBytes(verbatim.bytes());
        out.writeBytes(CRLF);
      } else {
        writeBulk(out, verbatim.bytes());
      }
    } else if (value instanceof RespAttribute attribute) {
      if (resp3) {
        out.writeByte('|');
        writeNumber(out, attribute.attributes().size());
        for (RespValue element : attribute.attributes().keysAndValues()) {
          write(out, element, version);
        }
      }
      write(out, attribute.value(), version);
    } else {
      throw new IllegalArgumentException("unknown RESP value " + value);
    }
  }

  /** The encoded size of a command, in bytes; replication offsets advance by it. */
  public static long commandLength(List<byte[]> args) {
    long n = 1 + digits(args.size()) + 2;
    for (byte[] arg : args) {
      n += 1 + digits(arg.length) + 2 + arg.length + 2;
    }
    return n;
  }

  private static void writeAggregate(ByteBuf out, char type, List<RespValue> elements, RespVersion version) {
    out.writeByte(type);
    writeNumber(out, elements.size());
    for (RespValue element : elements) {
      write(out, element, version);
    }
  }

  private static void writeLine(ByteBuf out, String text) {
    ByteBufUtil.writeUtf8(out, text);
    out.writeBytes(CRLF);
  }

  /** Simple strings and errors cannot hold CR or LF: Redis replaces them with spaces. */
  private static String oneLine(String text) {
    if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
      return text;
    }
    return text.replace('\r', ' ').replace('\n', ' ');
  }

  private static void writeNumber(ByteBuf out, long n) {
    if (n >= 0 && n < SMALL_NUMBERS.length) {
      out.writeBytes(SMALL_NUMBERS[(int) n]);
    } else {
      ByteBufUtil.writeAscii(out, Long.toString(n));
    }
    out.writeBytes(CRLF);
  }

  private static int digits(long n) {
    return Long.toString(n).length();
  }
}
