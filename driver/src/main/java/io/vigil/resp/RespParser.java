package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An incremental RESP parser: feed it whatever bytes have arrived, take out whole values.
 *
 * <p>It is a state machine ({@link State}) that consumes bytes as soon as they form a complete
 * token and keeps partly built aggregates on a stack, so input may be split at any byte. It knows
 * nothing of channels; {@link RespDecoder} adapts it to Netty.
 *
 * <p>Two modes:
 *
 * <ul>
 *   <li>{@link Mode#REPLY}: every RESP2 and RESP3 type, as a client reads replies.
 *   <li>{@link Mode#REQUEST}: what a Redis server accepts: an array of bulk strings, or an inline
 *       command line ({@code SET k "a b"}), with Redis's exact protocol error texts.
 * </ul>
 *
 * <p>Not thread-safe: one parser per connection.
 */
public final class RespParser {

  /** What the parser accepts. */
  public enum Mode {
    /** Replies of every RESP2/RESP3 type. */
    REPLY,
    /** Server requests: arrays of bulk strings or inline commands. */
    REQUEST
  }

  /** Where the parser is within the current token. */
  enum State {
    /** Expecting a type byte (or, in request mode at top level, an inline command). */
    TYPE,
    /** Expecting the rest of a CRLF-terminated header line for {@link #type}. */
    LINE,
    /** Expecting {@link #bulkLength} bytes of payload and CRLF. */
    BULK_BODY,
    /** Expecting an inline command terminated by LF. */
    INLINE
  }

  private static final RespValue[] NO_VALUES = new RespValue[0];

  private final Mode mode;
  private RespLimits limits;

  private State state = State.TYPE;
  private byte type;
  private long bulkLength;
  /** Offset of the first byte this parser has not consumed yet. */
  private long position;
  /** Offset where the value being parsed started. */
  private long valueStart;
  private long lastValueLength;

  /** Partly built aggregates; {@code depth} of them are live. */
  private Frame[] stack = new Frame[4];
  private int depth;
  /** Attribute maps waiting for the value they annotate, per nesting level (newest first). */
  private PendingAttribute[] pendingAttributes = new PendingAttribute[5];

  /** A parser with the given mode and limits. */
  public RespParser(Mode mode, RespLimits limits) {
    this.mode = mode;
    this.limits = limits;
  }

  /** Replaces the limits, effective for the next token (a server tightens them before AUTH). */
  public void limits(RespLimits limits) {
    this.limits = limits;
  }

  /** The limits in force. */
  public RespLimits limits() {
    return limits;
  }

  /** The total number of bytes consumed since this parser was created. */
  public long position() {
    return position;
  }

  /** The wire length, in bytes, of the value the last successful {@link #parse} returned. */
  public long lastValueLength() {
    return lastValueLength;
  }

  /** Whether the parser holds part of a value (a token or unfinished aggregate). */
  public boolean isMidValue() {
    return state != State.TYPE || depth > 0 || pendingAttributes[0] != null;
  }

  /**
   * Consumes bytes from {@code in} and returns the next complete top-level value, or {@code
   * null} when more bytes are needed. Call again while it returns values.
   *
   * @throws RespProtocolException when the input is not valid; the parser is then unusable
   */
  public RespValue parse(ByteBuf in) {
    while (true) {
      RespValue scalar;
      switch (state) {
        case TYPE:
          if (!in.isReadable()) {
            return null;
          }
          if (depth == 0 && pendingAttributes[0] == null) {
            valueStart = position;
          }
          byte b = in.getByte(in.readerIndex());
          if (mode == Mode.REQUEST) {
            if (depth == 0) {
              if (b != '*') {
                state = State.INLINE;
                continue;
              }
            } else if (b != '$') {
              throw error("Protocol error: expected '$', got '" + (char) (b & 0xff) + "'");
            }
          } else if (!isTypeByte(b)) {
            throw error(
                "Protocol error: unknown RESP type byte "
                    + describe(b)
                    + (depth == 0 ? " at the start of a reply" : " inside an aggregate"));
          }
          type = b;
          skip(in, 1);
          state = State.LINE;
          continue;
        case LINE:
          scalar = parseLine(in);
          if (scalar == null) {
            if (state == State.LINE) {
              return null; // line incomplete
            }
            continue; // moved to BULK_BODY, or pushed/popped an aggregate
          }
          break;
        case BULK_BODY:
          scalar = parseBulkBody(in);
          if (scalar == null) {
            return null;
          }
          break;
        case INLINE:
          RespValue inline = parseInline(in);
          if (inline == null) {
            if (state == State.INLINE) {
              return null;
            }
            continue; // an empty line was skipped
          }
          return finishTopLevel(inline);
        default:
          throw new IllegalStateException("unknown state " + state);
      }
      RespValue done = complete(scalar);
      if (done != null) {
        return done;
      }
    }
  }

  // --- header lines -------------------------------------------------------------------------

  /**
   * Parses the header line for {@link #type}. Returns a finished scalar, or null when the line
   * is incomplete (state stays LINE) or when it opened a bulk/aggregate (state changed).
   */
  private RespValue parseLine(ByteBuf in) {
    int lf = in.forEachByte(in.readerIndex(), in.readableBytes(), ByteProcessor.FIND_LF);
    long limit = lineLimit();
    if (lf < 0) {
      if (in.readableBytes() > limit) {
        throw error(tooLongLine());
      }
      return null;
    }
    int lineLength = lf - in.readerIndex(); // includes the CR
    if (lineLength > limit + 1) {
      throw error(tooLongLine());
    }
    if (lineLength == 0 || in.getByte(lf - 1) != '\r') {
      throw errorAt(position + lineLength, "Protocol error: expected CRLF, got a bare LF");
    }
    int start = in.readerIndex();
    int length = lineLength - 1;
    state = State.TYPE; // openBulk moves on to BULK_BODY
    RespValue result;
    switch (type) {
      case '+':
        result = RespSimpleString.of(utf8(in, start, length));
        break;
      case '-':
        result = RespError.of(utf8(in, start, length));
        break;
      case ':':
        result = RespInteger.of(parseLong(in, start, length, "integer"));
        break;
      case ',':
        result = parseDouble(in, start, length);
        break;
      case '#':
        result = parseBoolean(in, start, length);
        break;
      case '(':
        result = parseBigNumber(in, start, length);
        break;
      case '_':
        if (length != 0) {
          throw error("Protocol error: a RESP3 null has no payload, got '" + ascii(in, start, length) + "'");
        }
        result = RespNull.RESP3;
        break;
      case '$':
      case '!':
      case '=':
        result = openBulk(parseLength(in, start, length));
        break;
      default: // '*', '~', '>', '%', '|'
        result = openAggregate(parseLength(in, start, length));
        break;
    }
    skip(in, lineLength + 1);
    return result;
  }

  private long lineLimit() {
    switch (type) {
      case '+':
      case '-':
      case '(':
      case ',':
        return mode == Mode.REPLY ? limits.maxBulkLength() : limits.maxInlineLength();
      default:
        return limits.maxInlineLength();
    }
  }

  private String tooLongLine() {
    if (mode == Mode.REQUEST) {
      return type == '*'
          ? "Protocol error: too big mbulk count string"
          : "Protocol error: too big bulk count string";
    }
    return "Protocol error: a '" + (char) type + "' line is longer than " + lineLimit()
        + " bytes without CRLF";
  }

  private long parseLength(ByteBuf in, int start, int length) {
    long n;
    try {
      n = parseLong(in, start, length, "length");
    } catch (RespProtocolException e) {
      throw lengthError(in, start, length);
    }
    return n;
  }

  private RespProtocolException lengthError(ByteBuf in, int start, int length) {
    if (mode == Mode.REQUEST) {
      return error(type == '*'
          ? "Protocol error: invalid multibulk length"
          : "Protocol error: invalid bulk length");
    }
    return error("Protocol error: invalid " + describeType(type) + " length '"
        + ascii(in, start, Math.min(length, 32)) + "'");
  }

  /** Starts a bulk string, blob error or verbatim string of {@code n} bytes. */
  private RespValue openBulk(long n) {
    if (n == -1 && type == '$') {
      if (mode == Mode.REQUEST) {
        throw error("Protocol error: invalid bulk length");
      }
      return RespNull.BULK;
    }
    if (n < 0 || n > limits.maxBulkLength()) {
      if (mode == Mode.REQUEST) {
        throw error("Protocol error: invalid bulk length");
      }
      throw error("Protocol error: " + describeType(type) + " length " + n
          + (n < 0 ? " is negative" : " exceeds the limit of " + limits.maxBulkLength()
              + " bytes (RespLimits.maxBulkLength)"));
    }
    if (type == '=' && n < 4) {
      throw error("Protocol error: a verbatim string needs at least 4 bytes ('fmt:'), got " + n);
    }
    bulkLength = n;
    state = State.BULK_BODY;
    return null;
  }

  /** Starts an aggregate of {@code n} declared elements (entries for maps and attributes). */
  private RespValue openAggregate(long n) {
    if (n == -1 && type == '*') {
      if (mode == Mode.REQUEST) {
        // Redis ignores "*-1" as a request: nothing to execute.
        state = State.TYPE;
        return null;
      }
      state = State.TYPE;
      return RespNull.ARRAY;
    }
    if (n < 0 || n > limits.maxAggregateLength()) {
      if (mode == Mode.REQUEST) {
        throw error("Protocol error: invalid multibulk length");
      }
      throw error("Protocol error: " + describeType(type) + " length " + n
          + (n < 0 ? " is negative" : " exceeds the limit of " + limits.maxAggregateLength()
              + " elements (RespLimits.maxAggregateLength)"));
    }
    state = State.TYPE;
    boolean keyed = type == '%' || type == '|';
    long elements = keyed ? 2 * n : n;
    if (elements == 0) {
      if (mode == Mode.REQUEST) {
        return null; // "*0" is an empty request: Redis ignores it
      }
      if (type == '|') {
        pendingAttributes[depth] = new PendingAttribute(new RespMap(List.of()), pendingAttributes[depth]);
        return null;
      }
      return buildAggregate(type, NO_VALUES, 0);
    }
    if (depth >= limits.maxNestingDepth()) {
      throw error("Protocol error: aggregates nested deeper than " + limits.maxNestingDepth()
          + " levels (RespLimits.maxNestingDepth)");
    }
    push(type, elements);
    return null;
  }

  private RespValue parseBulkBody(ByteBuf in) {
    long needed = bulkLength + 2;
    if (in.readableBytes() < needed) {
      return null;
    }
    int start = in.readerIndex();
    int n = (int) bulkLength;
    if (in.getByte(start + n) != '\r' || in.getByte(start + n + 1) != '\n') {
      throw errorAt(position + n, "Protocol error: expected CRLF after a " + describeType(type)
          + " of " + n + " bytes");
    }
    RespValue value;
    switch (type) {
      case '$': {
        byte[] bytes = new byte[n];
        in.getBytes(start, bytes);
        value = RespBulkString.of(bytes);
        break;
      }
      case '!':
        value = new RespError(in.toString(start, n, StandardCharsets.UTF_8), true);
        break;
      default: { // '='
        if (in.getByte(start + 3) != ':') {
          throw errorAt(position + 3, "Protocol error: a verbatim string must start with a "
              + "three-letter format and ':'");
        }
        String format = in.toString(start, 3, StandardCharsets.US_ASCII);
        byte[] bytes = new byte[n - 4];
        in.getBytes(start + 4, bytes);
        value = RespVerbatimString.of(format, bytes);
        break;
      }
    }
    skip(in, n + 2);
    state = State.TYPE;
    return value;
  }

  // --- inline commands ----------------------------------------------------------------------

  private RespValue parseInline(ByteBuf in) {
    int lf = in.forEachByte(in.readerIndex(), in.readableBytes(), ByteProcessor.FIND_LF);
    if (lf < 0) {
      if (in.readableBytes() > limits.maxInlineLength()) {
        throw error("Protocol error: too big inline request");
      }
      return null;
    }
    int start = in.readerIndex();
    int lineLength = lf - start;
    if (lineLength > limits.maxInlineLength()) {
      throw error("Protocol error: too big inline request");
    }
    int length = lineLength;
    if (length > 0 && in.getByte(start + length - 1) == '\r') {
      length--;
    }
    byte[] line = new byte[length];
    in.getBytes(start, line);
    List<byte[]> args = InlineSplitter.split(line);
    if (args == null) {
      throw error("Protocol error: unbalanced quotes in request");
    }
    skip(in, lineLength + 1);
    state = State.TYPE;
    if (args.isEmpty()) {
      return null; // Redis skips empty lines (telnet keep-alives)
    }
    List<RespValue> values = new ArrayList<>(args.size());
    for (byte[] arg : args) {
      values.add(RespBulkString.of(arg));
    }
    return new RespArray(values);
  }

  // --- aggregates ---------------------------------------------------------------------------

  private void push(byte aggregateType, long elements) {
    if (depth == stack.length) {
      stack = java.util.Arrays.copyOf(stack, depth * 2);
    }
    if (depth + 1 >= pendingAttributes.length) {
      pendingAttributes = java.util.Arrays.copyOf(pendingAttributes, pendingAttributes.length * 2);
    }
    Frame frame = stack[depth];
    if (frame == null) {
      frame = new Frame();
      stack[depth] = frame;
    }
    frame.reset(aggregateType, elements);
    depth++;
  }

  /**
   * Hands a finished value to the innermost open aggregate, closing aggregates that become
   * full. Returns the finished top-level value, or null when more is needed.
   */
  private RespValue complete(RespValue value) {
    while (true) {
      if (value == null) {
        return null; // an aggregate was opened, or an empty request was skipped
      }
      for (PendingAttribute p = pendingAttributes[depth]; p != null; p = p.outer) {
        value = new RespAttribute(p.map, value);
      }
      pendingAttributes[depth] = null;
      if (depth == 0) {
        return finishTopLevel(value);
      }
      Frame frame = stack[depth - 1];
      frame.add(value);
      if (!frame.isFull()) {
        return null;
      }
      depth--;
      RespValue aggregate = buildAggregate(frame.type, frame.values, frame.size);
      frame.clear();
      if (frame.type == '|') {
        pendingAttributes[depth] = new PendingAttribute((RespMap) aggregate, pendingAttributes[depth]);
        return null;
      }
      value = aggregate;
    }
  }

  private RespValue finishTopLevel(RespValue value) {
    lastValueLength = position - valueStart;
    return value;
  }

  private RespValue buildAggregate(byte aggregateType, RespValue[] values, int size) {
    List<RespValue> list = size == 0 ? List.of() : List.of(java.util.Arrays.copyOf(values, size));
    switch (aggregateType) {
      case '*':
        return size == 0 ? RespArray.EMPTY : new RespArray(list);
      case '~':
        return new RespSet(list);
      case '>':
        return new RespPush(list);
      default: // '%', '|'
        return new RespMap(list);
    }
  }

  // --- scalars ------------------------------------------------------------------------------

  private long parseLong(ByteBuf in, int start, int length, String what) {
    if (length == 0 || length > 20) {
      throw error("Protocol error: invalid " + what + " '" + ascii(in, start, Math.min(length, 32)) + "'");
    }
    int i = 0;
    boolean negative = false;
    byte first = in.getByte(start);
    if (first == '-' || first == '+') {
      negative = first == '-';
      i = 1;
      if (length == 1) {
        throw error("Protocol error: invalid " + what + " '" + ascii(in, start, length) + "'");
      }
    }
    long result = 0;
    for (; i < length; i++) {
      int d = in.getByte(start + i) - '0';
      if (d < 0 || d > 9) {
        throw error("Protocol error: invalid " + what + " '" + ascii(in, start, length) + "'");
      }
      // accumulate negatively so Long.MIN_VALUE parses
      if (result < (Long.MIN_VALUE + d) / 10) {
        throw error("Protocol error: " + what + " out of range '" + ascii(in, start, length) + "'");
      }
      result = result * 10 - d;
    }
    if (!negative) {
      if (result == Long.MIN_VALUE) {
        throw error("Protocol error: " + what + " out of range '" + ascii(in, start, length) + "'");
      }
      result = -result;
    }
    return result;
  }

  private RespValue parseDouble(ByteBuf in, int start, int length) {
    String text = ascii(in, start, length);
    try {
      return new RespDouble(RespDoubles.parse(text));
    } catch (NumberFormatException e) {
      throw error("Protocol error: invalid double '" + text + "'");
    }
  }

  private RespValue parseBoolean(ByteBuf in, int start, int length) {
    if (length == 1) {
      byte b = in.getByte(start);
      if (b == 't') {
        return RespBoolean.TRUE;
      }
      if (b == 'f') {
        return RespBoolean.FALSE;
      }
    }
    throw error("Protocol error: invalid boolean '" + ascii(in, start, length) + "' (expected t or f)");
  }

  private RespValue parseBigNumber(ByteBuf in, int start, int length) {
    String text = ascii(in, start, length);
    try {
      return new RespBigNumber(new BigInteger(text));
    } catch (NumberFormatException e) {
      throw error("Protocol error: invalid big number '" + text + "'");
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private void skip(ByteBuf in, int n) {
    in.skipBytes(n);
    position += n;
  }

  private RespProtocolException error(String message) {
    return new RespProtocolException(message, position);
  }

  private static RespProtocolException errorAt(long offset, String message) {
    return new RespProtocolException(message, offset);
  }

  private static boolean isTypeByte(byte b) {
    switch (b) {
      case '+': case '-': case ':': case '$': case '*': case '_': case ',': case '#':
      case '(': case '!': case '=': case '%': case '~': case '>': case '|':
        return true;
      default:
        return false;
    }
  }

  private static String describe(byte b) {
    StringBuilder sb = new StringBuilder("'");
    RespText.appendPrintable(sb, b);
    return sb.append("' (0x").append(String.format("%02x", b & 0xff)).append(')').toString();
  }

  private static String describeType(byte t) {
    switch (t) {
      case '$': return "bulk string";
      case '!': return "blob error";
      case '=': return "verbatim string";
      case '*': return "array";
      case '~': return "set";
      case '>': return "push";
      case '%': return "map";
      case '|': return "attribute";
      default: return "'" + (char) t + "'";
    }
  }

  private static String ascii(ByteBuf in, int start, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      byte b = in.getByte(start + i);
      if (b >= 0x20 && b < 0x7f) {
        sb.append((char) b);
      } else {
        RespText.appendPrintable(sb, b);
      }
    }
    return sb.toString();
  }

  private static String utf8(ByteBuf in, int start, int length) {
    return in.toString(start, length, StandardCharsets.UTF_8);
  }

  /** An attribute read before the value it annotates; {@code outer} was read before it. */
  private record PendingAttribute(RespMap map, PendingAttribute outer) {}

  /** One aggregate being filled. Reused across values to avoid garbage. */
  private static final class Frame {
    byte type;
    long expected;
    RespValue[] values = new RespValue[8];
    int size;

    void reset(byte type, long expected) {
      this.type = type;
      this.expected = expected;
      this.size = 0;
    }

    void add(RespValue value) {
      if (size == values.length) {
        // grow gradually: the declared count is not trusted for allocation
        values = java.util.Arrays.copyOf(values, Math.max(8, Math.min((int) Math.min(expected, Integer.MAX_VALUE - 8), size * 2)));
      }
      values[size++] = value;
    }

    boolean isFull() {
      return size == expected;
    }

    void clear() {
      if (values.length > 1024) {
        values = new RespValue[8];
      } else {
        java.util.Arrays.fill(values, 0, size, null);
      }
      size = 0;
    }
  }
}
