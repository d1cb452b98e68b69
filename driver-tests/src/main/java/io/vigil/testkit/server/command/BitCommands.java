package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_STRING;

import io.vigil.resp.RespInteger;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.StringValue;
import java.util.Arrays;

/** Bitmaps on strings: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP. */
final class BitCommands {

  private static final long MAX_BIT = 4L * 1024 * 1024 * 1024 - 1; // 512 MB of bits

  private BitCommands() {}

  static void install(CommandTable t) {
    t.add("setbit", BitCommands::setbit);
    t.add("getbit", c -> {
      long offset = offset(c, 2);
      StringValue v = c.read(c.key(1), StringValue.class);
      return RespInteger.of(v == null ? 0 : bit(v.bytes(), offset));
    });
    t.add("bitcount", BitCommands::bitcount);
    t.add("bitpos", BitCommands::bitpos);
    t.add("bitop", BitCommands::bitop);
  }

  private static long offset(Call c, int i) {
    Long v = Numbers.parseLong(c.arg(i));
    if (v == null || v < 0 || v > MAX_BIT) {
      throw new RedisError("ERR bit offset is not an integer or out of range");
    }
    return v;
  }

  private static int bit(byte[] b, long offset) {
    long index = offset >>> 3;
    if (index >= b.length) {
      return 0;
    }
    return (b[(int) index] >> (7 - (int) (offset & 7))) & 1;
  }

  private static RespValue setbit(Call c) {
    long offset = offset(c, 2);
    Long value = Numbers.parseLong(c.arg(3));
    if (value == null || (value != 0 && value != 1)) {
      throw new RedisError("ERR bit is not an integer or out of range");
    }
    Bytes key = c.key(1);
    StringValue old = c.lookupWrite(key, StringValue.class);
    byte[] cur = old == null ? new byte[0] : old.bytes();
    int index = (int) (offset >>> 3);
    boolean grown = old == null || index >= cur.length;
    int previous = bit(cur, offset);
    if (!grown && previous == value) {
      // Redis 7.0 writes nothing, but it has already unshared the value into a raw string
      c.db().putQuietly(key, StringValue.ofRaw(cur));
      return RespInteger.of(previous);
    }
    byte[] out = Arrays.copyOf(cur, Math.max(cur.length, index + 1));
    int mask = 1 << (7 - (int) (offset & 7));
    out[index] = (byte) (value == 1 ? out[index] | mask : out[index] & ~mask);
    c.db().put(key, StringValue.ofRaw(out), true);
    c.notify(NOTIFY_STRING, "setbit", key);
    return RespInteger.of(previous);
  }

  /** Resolves start/end (bytes or bits) against a length, Redis style; null when empty. */
  private static long[] range(long start, long end, long length) {
    if (start < 0) {
      start = length + start;
    }
    if (end < 0) {
      end = length + end;
    }
    if (start < 0) {
      start = 0;
    }
    if (end < 0) {
      end = 0;
    }
    if (end >= length) {
      end = length - 1;
    }
    return start > end ? null : new long[] {start, end};
  }

  private static boolean bitMode(Call c, int i) {
    if (i >= c.argc()) {
      return false;
    }
    if (c.is(i, "BIT")) {
      return true;
    }
    if (c.is(i, "BYTE")) {
      return false;
    }
    throw RedisError.syntax();
  }

  private static RespValue bitcount(Call c) {
    StringValue v = c.read(c.key(1), StringValue.class); // Redis looks the key up first
    if (v == null) {
      return RespInteger.ZERO;
    }
    if (c.argc() == 3 || c.argc() > 5) {
      throw RedisError.syntax();
    }
    long start = 0;
    long end = -1;
    boolean bits = false;
    if (c.argc() >= 4) {
      start = c.longArg(2);
      end = c.longArg(3);
      bits = bitMode(c, 4);
    }
    if (start < 0 && end < 0 && start > end) {
      return RespInteger.ZERO;
    }
    byte[] b = v.bytes();
    long length = bits ? (long) b.length * 8 : b.length;
    long[] r = range(start, end, length);
    if (r == null) {
      return RespInteger.ZERO;
    }
    long count = 0;
    if (bits) {
      for (long i = r[0]; i <= r[1]; i++) {
        count += bit(b, i);
      }
    } else {
      for (long i = r[0]; i <= r[1]; i++) {
        count += Integer.bitCount(b[(int) i] & 0xff);
      }
    }
    return RespInteger.of(count);
  }

  private static RespValue bitpos(Call c) {
    Long target = Numbers.parseLong(c.arg(2));
    if (target == null || (target != 0 && target != 1)) {
      throw new RedisError("ERR The bit argument must be 1 or 0.");
    }
    StringValue v = c.read(c.key(1), StringValue.class); // after the bit, before the range
    if (v == null) {
      return RespInteger.of(target == 1 ? -1 : 0);
    }
    if (c.argc() > 6) {
      throw RedisError.syntax();
    }
    long start = 0;
    long end = -1;
    boolean endGiven = false;
    boolean bits = false;
    if (c.argc() >= 4) {
      start = c.longArg(3);
    }
    if (c.argc() >= 5) {
      end = c.longArg(4);
      endGiven = true;
    }
    if (c.argc() == 6) {
      bits = bitMode(c, 5);
    }
    byte[] b = v.bytes();
    long length = bits ? (long) b.length * 8 : b.length;
    long[] r = range(start, end, length);
    if (r == null) {
      return RespInteger.of(-1);
    }
    long firstBit = bits ? r[0] : r[0] * 8;
    long lastBit = bits ? r[1] : r[1] * 8 + 7;
    for (long i = firstBit; i <= lastBit; i++) {
      if (bit(b, i) == target) {
        return RespInteger.of(i);
      }
    }
    // Looking for a clear bit with no explicit end: the string is padded with zeros on the right.
    if (target == 0 && !endGiven) {
      return RespInteger.of(lastBit + 1);
    }
    return RespInteger.of(-1);
  }

  private static RespValue bitop(Call c) {
    String op = c.option(1);
    if (!op.equals("AND") && !op.equals("OR") && !op.equals("XOR") && !op.equals("NOT")) {
      throw RedisError.syntax();
    }
    if (op.equals("NOT") && c.argc() != 4) {
      throw new RedisError("ERR BITOP NOT must be called with a single source key.");
    }
    int n = c.argc() - 3;
    byte[][] sources = new byte[n][];
    int max = 0;
    for (int i = 0; i < n; i++) {
      StringValue v = c.lookupWrite(c.key(3 + i), StringValue.class);
      sources[i] = v == null ? new byte[0] : v.bytes();
      max = Math.max(max, sources[i].length);
    }
    Bytes dst = c.key(2);
    if (max == 0) {
      if (c.db().delete(dst)) {
        c.notify(NOTIFY_GENERIC, "del", dst);
      }
      return RespInteger.ZERO;
    }
    byte[] out = new byte[max];
    for (int j = 0; j < max; j++) {
      int acc = j < sources[0].length ? sources[0][j] & 0xff : 0;
      if (op.equals("NOT")) {
        acc = ~acc & 0xff;
      }
      for (int i = 1; i < n; i++) {
        int x = j < sources[i].length ? sources[i][j] & 0xff : 0;
        switch (op) {
          case "AND": acc &= x; break;
          case "OR": acc |= x; break;
          default: acc ^= x; break;
        }
      }
      out[j] = (byte) acc;
    }
    c.db().put(dst, StringValue.ofRaw(out), false);
    c.notify(NOTIFY_STRING, "set", dst);
    return RespInteger.of(max);
  }
}
