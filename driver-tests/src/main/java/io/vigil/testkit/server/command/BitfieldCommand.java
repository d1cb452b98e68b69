package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_STRING;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.keyspace.StringValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BITFIELD and BITFIELD_RO: signed (i1..i64) and unsigned (u1..u63) integers at any bit offset
 * of a string (or {@code #n} for the n-th field of that width), GET, SET and INCRBY with OVERFLOW
 * WRAP, SAT or FAIL, all parsed before anything runs, as Redis does.
 *
 * <p>A command with a write grows the string to its farthest bit even when every write then fails
 * on overflow, and only a changed field makes it a change (keyspace event {@code setbit}).
 */
final class BitfieldCommand {

  private static final String BAD_TYPE =
      "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
  private static final String BAD_OFFSET = "ERR bit offset is not an integer or out of range";

  private enum Overflow { WRAP, SAT, FAIL }

  private enum Op { GET, SET, INCRBY }

  private record Field(Op op, long offset, long value, Overflow overflow, int bits, boolean signed) {}

  private BitfieldCommand() {}

  static void install(CommandTable t) {
    t.add("bitfield", c -> bitfield(c, false));
    t.add("bitfield_ro", c -> bitfield(c, true));
  }

  private static RespValue bitfield(Call c, boolean readOnlyCommand) {
    List<Field> fields = new ArrayList<>();
    Overflow overflow = Overflow.WRAP;
    boolean readOnly = true;
    long highestWrite = 0;
    for (int j = 2; j < c.argc(); j++) {
      int remaining = c.argc() - j - 1;
      Op op;
      if (c.is(j, "GET") && remaining >= 2) {
        op = Op.GET;
      } else if (c.is(j, "SET") && remaining >= 3) {
        op = Op.SET;
      } else if (c.is(j, "INCRBY") && remaining >= 3) {
        op = Op.INCRBY;
      } else if (c.is(j, "OVERFLOW") && remaining >= 1) {
        j++;
        if (c.is(j, "WRAP")) {
          overflow = Overflow.WRAP;
        } else if (c.is(j, "SAT")) {
          overflow = Overflow.SAT;
        } else if (c.is(j, "FAIL")) {
          overflow = Overflow.FAIL;
        } else {
          throw new RedisError("ERR Invalid OVERFLOW type specified");
        }
        continue;
      } else {
        throw RedisError.syntax();
      }
      byte[] type = c.arg(j + 1);
      boolean signed = type.length > 0 && type[0] == 'i';
      if (type.length == 0 || (type[0] != 'i' && type[0] != 'u')) {
        throw new RedisError(BAD_TYPE);
      }
      Long width = Numbers.parseLong(cString(type, 1));
      if (width == null || width < 1 || (signed && width > 64) || (!signed && width > 63)) {
        throw new RedisError(BAD_TYPE);
      }
      int bits = width.intValue();
      long offset = offset(c, c.arg(j + 2), bits);
      long value = 0;
      if (op != Op.GET) {
        readOnly = false;
        highestWrite = Math.max(highestWrite, offset + bits - 1);
        value = c.longArg(j + 3);
      }
      fields.add(new Field(op, offset, value, overflow, bits, signed));
      j += op == Op.GET ? 2 : 3;
    }

    Bytes key = c.key(1);
    byte[] bytes;
    boolean grown = false;
    if (readOnly) {
      RedisValue v = c.read(key);
      if (v != null && !(v instanceof StringValue)) {
        throw RedisError.wrongType();
      }
      bytes = v == null ? null : ((StringValue) v).bytes();
    } else {
      if (readOnlyCommand) {
        throw new RedisError("ERR BITFIELD_RO only supports the GET subcommand");
      }
      StringValue v = c.lookupWrite(key, StringValue.class);
      int size = (int) ((highestWrite >>> 3) + 1);
      // Redis unshares the value into a raw string and pads it with zeros up to the last bit written
      if (v == null) {
        bytes = new byte[size];
        grown = true;
      } else {
        byte[] old = v.bytes();
        bytes = Arrays.copyOf(old, Math.max(old.length, size));
        grown = bytes.length != old.length;
      }
      c.db().putQuietly(key, StringValue.ofRaw(bytes));
    }

    List<RespValue> out = new ArrayList<>(fields.size());
    long changes = 0;
    for (Field f : fields) {
      if (f.op() == Op.GET) {
        long v = f.signed() ? signedAt(bytes, f.offset(), f.bits()) : unsignedAt(bytes, f.offset(), f.bits());
        out.add(RespInteger.of(v));
        continue;
      }
      long old = f.signed() ? signedAt(bytes, f.offset(), f.bits()) : unsignedAt(bytes, f.offset(), f.bits());
      long[] limit = new long[1];
      boolean overflowed;
      long next;
      long reply;
      if (f.op() == Op.INCRBY) {
        overflowed = f.signed() ? signedOverflow(old, f.value(), f.bits(), f.overflow(), limit) != 0
            : unsignedOverflow(old, f.value(), f.bits(), f.overflow(), limit) != 0;
        next = overflowed ? limit[0] : old + f.value();
        reply = next;
      } else {
        next = f.value();
        overflowed = f.signed() ? signedOverflow(next, 0, f.bits(), f.overflow(), limit) != 0
            : unsignedOverflow(next, 0, f.bits(), f.overflow(), limit) != 0;
        if (overflowed) {
          next = limit[0];
        }
        reply = old;
      }
      if (overflowed && f.overflow() == Overflow.FAIL) {
        out.add(RespNull.BULK);
        continue;
      }
      out.add(RespInteger.of(reply));
      write(bytes, f.offset(), f.bits(), next);
      if (grown || old != next) {
        changes++;
      }
    }
    if (changes > 0) {
      c.modified(key);
      c.notify(NOTIFY_STRING, "setbit", key);
      c.server().addDirty(changes - 1);
    }
    return new RespArray(out);
  }

  /** The bytes up to the first NUL, as C's {@code strlen} sees an argument. */
  private static byte[] cString(byte[] b, int from) {
    int end = from;
    while (end < b.length && b[end] != 0) {
      end++;
    }
    return Arrays.copyOfRange(b, from, end);
  }

  /** Redis's {@code getBitOffsetFromArgument} with {@code #n} meaning n fields of {@code bits}. */
  private static long offset(Call c, byte[] arg, int bits) {
    boolean hash = arg.length > 0 && arg[0] == '#';
    Long v = Numbers.parseLong(hash ? Arrays.copyOfRange(arg, 1, arg.length) : arg);
    if (v == null) {
      throw new RedisError(BAD_OFFSET);
    }
    long offset = hash ? v * bits : v;
    // a master's stream and the AOF are obeyed whatever the size (mustObeyClient)
    boolean obey = c.connection() == null;
    if (offset < 0 || (!obey && (offset >> 3) >= c.server().config().getLong("proto-max-bulk-len"))) {
      throw new RedisError(BAD_OFFSET);
    }
    return offset;
  }

  private static long unsignedAt(byte[] p, long offset, int bits) {
    long value = 0;
    for (int j = 0; j < bits; j++) {
      long at = offset + j;
      int byteIndex = (int) (at >>> 3);
      int bit = p != null && byteIndex < p.length ? (p[byteIndex] >> (7 - (int) (at & 7))) & 1 : 0;
      value = (value << 1) | bit;
    }
    return value;
  }

  private static long signedAt(byte[] p, long offset, int bits) {
    long value = unsignedAt(p, offset, bits);
    if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
      value |= -1L << bits;
    }
    return value;
  }

  private static void write(byte[] p, long offset, int bits, long value) {
    for (int j = 0; j < bits; j++) {
      long bitValue = (value >>> (bits - 1 - j)) & 1;
      long at = offset + j;
      int byteIndex = (int) (at >>> 3);
      int bit = 7 - (int) (at & 7);
      p[byteIndex] = (byte) ((p[byteIndex] & ~(1 << bit)) | (bitValue << bit));
    }
  }

  /**
   * Redis's {@code checkUnsignedBitfieldOverflow}: 1 on overflow, -1 on underflow, 0 when
   * {@code value + incr} fits; {@code limit[0]} is then the wrapped or saturated result.
   */
  private static int unsignedOverflow(long value, long incr, int bits, Overflow type, long[] limit) {
    long max = (1L << bits) - 1;
    long maxIncr = max - value;
    long minIncr = -value;
    if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
      if (type == Overflow.WRAP) {
        limit[0] = (value + incr) & ~(-1L << bits);
      } else if (type == Overflow.SAT) {
        limit[0] = max;
      }
      return 1;
    } else if (incr < 0 && incr < minIncr) {
      if (type == Overflow.WRAP) {
        limit[0] = (value + incr) & ~(-1L << bits);
      } else if (type == Overflow.SAT) {
        limit[0] = 0;
      }
      return -1;
    }
    return 0;
  }

  /** Redis's {@code checkSignedBitfieldOverflow}, as {@link #unsignedOverflow}. */
  private static int signedOverflow(long value, long incr, int bits, Overflow type, long[] limit) {
    long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
    long min = -max - 1;
    long maxIncr = max - value;
    long minIncr = min - value;
    if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
      if (type == Overflow.WRAP) {
        limit[0] = wrapSigned(value, incr, bits);
      } else if (type == Overflow.SAT) {
        limit[0] = max;
      }
      return 1;
    } else if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
      if (type == Overflow.WRAP) {
        limit[0] = wrapSigned(value, incr, bits);
      } else if (type == Overflow.SAT) {
        limit[0] = min;
      }
      return -1;
    }
    return 0;
  }

  private static long wrapSigned(long value, long incr, int bits) {
    long c = value + incr;
    if (bits < 64) {
      long mask = -1L << bits;
      c = (c & (1L << (bits - 1))) != 0 ? c | mask : c & ~mask;
    }
    return c;
  }
}
