package io.vigil.testkit.server.command;

import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.StreamId;
import java.util.Arrays;

/**
 * Parses stream IDs from command arguments as Redis's {@code streamGenericParseIDOrReply}: {@code
 * <ms>-<seq>} or {@code <ms>} (the sequence then given by the caller), {@code -} and {@code +}
 * unless strict, {@code <ms>-*} for XADD, and {@code (} for an exclusive range bound. Each part
 * is read like {@code string2ull}, so {@code 007} and {@code +7} are 7 but {@code -7} is
 * invalid. Stateless.
 */
final class StreamIds {

  static final String INVALID = "ERR Invalid stream ID specified as stream command argument";

  private StreamIds() {}

  /** An XADD ID: {@code seqGiven} is false for {@code <ms>-*}. */
  record AddId(StreamId id, boolean seqGiven) {}

  /** Parses an ID; {@code missingSeq} fills a bare {@code <ms>}; strict refuses {@code -}/{@code +}. */
  static StreamId parse(byte[] arg, long missingSeq, boolean strict) {
    StreamId id = tryParse(arg, missingSeq, strict);
    if (id == null) {
      throw new RedisError(INVALID);
    }
    return id;
  }

  /** Like {@link #parse} but null when invalid, for callers that go on to parse options. */
  static StreamId tryParse(byte[] arg, long missingSeq, boolean strict) {
    AddId id = parseGeneric(arg, missingSeq, strict, false);
    return id == null ? null : id.id();
  }

  /** Parses XADD's ID argument, which may be {@code <ms>-*}. */
  static AddId parseForAdd(byte[] arg) {
    AddId id = parseGeneric(arg, 0, true, true);
    if (id == null) {
      throw new RedisError(INVALID);
    }
    return id;
  }

  /**
   * Parses a range bound: a leading {@code (} makes it exclusive (and strict) and moves it one ID
   * inwards, failing with Redis's "invalid start/end ID for the interval" when that overflows.
   */
  static StreamId parseBound(byte[] arg, long missingSeq, boolean start) {
    if (arg.length > 1 && arg[0] == '(') {
      StreamId id = parse(Arrays.copyOfRange(arg, 1, arg.length), missingSeq, true);
      StreamId moved = start ? id.next() : id.previous();
      if (moved == null) {
        throw new RedisError(start ? "ERR invalid start ID for the interval" : "ERR invalid end ID for the interval");
      }
      return moved;
    }
    return parse(arg, missingSeq, false);
  }

  private static AddId parseGeneric(byte[] raw, long missingSeq, boolean strict, boolean allowAutoSeq) {
    if (raw.length > 127) {
      return null;
    }
    byte[] arg = raw;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == 0) { // Redis reads the argument as a C string
        arg = Arrays.copyOf(raw, i);
        break;
      }
    }
    if (arg.length == 1 && (arg[0] == '-' || arg[0] == '+')) {
      if (strict) {
        return null;
      }
      return new AddId(arg[0] == '-' ? StreamId.MIN : StreamId.MAX, true);
    }
    int dash = -1;
    for (int i = 0; i < arg.length; i++) {
      if (arg[i] == '-') {
        dash = i;
        break;
      }
    }
    Long ms = unsigned(arg, 0, dash < 0 ? arg.length : dash);
    if (ms == null) {
      return null;
    }
    if (dash < 0) {
      return new AddId(new StreamId(ms, missingSeq), true);
    }
    if (allowAutoSeq && arg.length - dash - 1 == 1 && arg[dash + 1] == '*') {
      return new AddId(new StreamId(ms, 0), false);
    }
    Long seq = unsigned(arg, dash + 1, arg.length);
    return seq == null ? null : new AddId(new StreamId(ms, seq), true);
  }

  /** Redis's {@code string2ull}: {@code string2ll} when non-negative, else {@code strtoull}. */
  private static Long unsigned(byte[] b, int from, int to) {
    byte[] part = Arrays.copyOfRange(b, from, to);
    Long strict = Numbers.parseLong(part);
    if (strict != null) {
      return strict < 0 ? null : strict;
    }
    int i = 0;
    while (i < part.length && isSpace(part[i])) {
      i++;
    }
    boolean negative = false;
    if (i < part.length && (part[i] == '+' || part[i] == '-')) {
      negative = part[i] == '-';
      i++;
    }
    if (i >= part.length) {
      return null;
    }
    long v = 0;
    for (; i < part.length; i++) {
      int d = part[i] - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
        return null; // ERANGE
      }
      long next = v * 10 + d;
      if (Long.compareUnsigned(next, v * 10) < 0) {
        return null; // ERANGE
      }
      v = next;
    }
    return negative ? -v : v;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }
}
