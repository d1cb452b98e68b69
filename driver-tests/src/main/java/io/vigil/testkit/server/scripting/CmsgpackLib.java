package io.vigil.testkit.server.scripting;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code cmsgpack} library (lua-cmsgpack 0.4.0) Redis bundles: {@code pack} of any number
 * of values, {@code unpack}, {@code unpack_one} and {@code unpack_limit}, with its encodings
 * (smallest integer form, float32 when exact, arrays for tables keyed 1..n) and error texts.
 */
final class CmsgpackLib {

  /** Tables nested deeper than this pack as nil, as lua-cmsgpack's LUACMSGPACK_MAX_NESTING. */
  private static final int MAX_NESTING = 16;

  private CmsgpackLib() {}

  static ReadOnlyTable create() {
    ReadOnlyTable t = new ReadOnlyTable();
    t.define("_NAME", LuaValue.valueOf("cmsgpack"));
    t.define("_VERSION", LuaValue.valueOf("lua-cmsgpack 0.4.0"));
    t.define("_COPYRIGHT", LuaValue.valueOf("Copyright (C) 2012, Salvatore Sanfilippo"));
    t.define("_DESCRIPTION", LuaValue.valueOf("MessagePack C implementation for Lua"));
    t.define("pack", RedisApi.fn(args -> {
      if (args.narg() == 0) {
        throw LibArgs.argError(0, "pack", "MessagePack pack needs input.");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 1; i <= args.narg(); i++) {
        encode(args.arg(i), out, 0);
      }
      return LuaValue.valueOf(out.toByteArray());
    }));
    t.define("unpack", RedisApi.fn(args -> unpack(LibArgs.string(args, 1, "unpack"), 0, 0, false)));
    t.define("unpack_one", RedisApi.fn(args -> unpack(LibArgs.string(args, 1, "unpack_one"), 1,
        (int) LibArgs.optNumber(args, 2, "unpack_one", 0), true)));
    t.define("unpack_limit", RedisApi.fn(args -> unpack(LibArgs.string(args, 1, "unpack_limit"),
        (int) LibArgs.number(args, 2, "unpack_limit"), (int) LibArgs.optNumber(args, 3, "unpack_limit", 0), true)));
    return t;
  }

  private static void encode(LuaValue v, ByteArrayOutputStream out, int level) {
    switch (v.type()) {
      case LuaValue.TSTRING -> bytes(LuaValues.bytes(v), out);
      case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
      case LuaValue.TNUMBER -> number(v.todouble(), out);
      case LuaValue.TTABLE -> {
        if (level == MAX_NESTING) {
          out.write(0xc0);
        } else {
          table((LuaTable) v, out, level);
        }
      }
      default -> out.write(0xc0);
    }
  }

  private static void bytes(byte[] s, ByteArrayOutputStream out) {
    int len = s.length;
    if (len < 32) {
      out.write(0xa0 | len);
    } else if (len <= 0xff) {
      out.write(0xd9);
      out.write(len);
    } else if (len <= 0xffff) {
      out.write(0xda);
      be(out, len, 2);
    } else {
      out.write(0xdb);
      be(out, len, 4);
    }
    out.write(s, 0, len);
  }

  private static void be(ByteArrayOutputStream out, long v, int n) {
    for (int i = n - 1; i >= 0; i--) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }

  private static void number(double d, ByteArrayOutputStream out) {
    if (!Double.isInfinite(d) && !Double.isNaN(d) && (double) (long) d == d
        && d >= -9.223372036854775808E18 && d < 9.223372036854775807E18) {
      integer((long) d, out);
      return;
    }
    float f = (float) d;
    if ((double) f == d) {
      out.write(0xca);
      be(out, Float.floatToRawIntBits(f) & 0xffffffffL, 4);
    } else {
      out.write(0xcb);
      be(out, Double.doubleToRawLongBits(d), 8);
    }
  }

  private static void integer(long n, ByteArrayOutputStream out) {
    if (n >= 0) {
      if (n <= 127) {
        out.write((int) n);
      } else if (n <= 0xff) {
        out.write(0xcc);
        out.write((int) n);
      } else if (n <= 0xffff) {
        out.write(0xcd);
        be(out, n, 2);
      } else if (n <= 0xffffffffL) {
        out.write(0xce);
        be(out, n, 4);
      } else {
        out.write(0xcf);
        be(out, n, 8);
      }
    } else if (n >= -32) {
      out.write((int) (n & 0xff));
    } else if (n >= -128) {
      out.write(0xd0);
      out.write((int) (n & 0xff));
    } else if (n >= -32768) {
      out.write(0xd1);
      be(out, n, 2);
    } else if (n >= -2147483648L) {
      out.write(0xd2);
      be(out, n, 4);
    } else {
      out.write(0xd3);
      be(out, n, 8);
    }
  }

  private static void table(LuaTable t, ByteArrayOutputStream out, int level) {
    int count = 0;
    double max = 0;
    boolean array = true;
    List<LuaValue[]> pairs = new ArrayList<>();
    LuaValue k = LuaValue.NIL;
    while (true) {
      Varargs n = t.next(k);
      if ((k = n.arg1()).isnil()) {
        break;
      }
      pairs.add(new LuaValue[] {k, n.arg(2)});
      if (array) {
        if (k.type() != LuaValue.TNUMBER || Math.floor(k.todouble()) != k.todouble() || k.todouble() < 1) {
          array = false;
        } else {
          count++;
          max = Math.max(max, k.todouble());
        }
      }
    }
    if (array && max == count) {
      int len = t.length();
      if (len < 16) {
        out.write(0x90 | len);
      } else if (len <= 0xffff) {
        out.write(0xdc);
        be(out, len, 2);
      } else {
        out.write(0xdd);
        be(out, len, 4);
      }
      for (int i = 1; i <= len; i++) {
        encode(t.rawget(i), out, level + 1);
      }
      return;
    }
    int len = pairs.size();
    if (len < 16) {
      out.write(0x80 | len);
    } else if (len <= 0xffff) {
      out.write(0xde);
      be(out, len, 2);
    } else {
      out.write(0xdf);
      be(out, len, 4);
    }
    for (LuaValue[] p : pairs) {
      encode(p[0], out, level + 1);
      encode(p[1], out, level + 1);
    }
  }

  /** lua-cmsgpack's {@code mp_unpack_full}. */
  private static Varargs unpack(byte[] s, int limit, int offset, boolean withOffset) {
    if (offset < 0 || limit < 0) {
      throw ScriptError.message("Invalid request to unpack with offset of " + offset + " and limit of " + limit + ".");
    }
    if (offset > s.length) {
      throw ScriptError.message("Start offset " + offset + " greater than input length " + s.length + ".");
    }
    int max = limit == 0 ? Integer.MAX_VALUE : limit;
    Cursor c = new Cursor(s, offset);
    List<LuaValue> out = new ArrayList<>();
    for (int cnt = 0; c.pos < s.length && cnt < max; cnt++) {
      out.add(c.decode());
    }
    if (withOffset) {
      out.add(0, LuaValue.valueOf(c.pos >= s.length ? -1 : c.pos));
    }
    return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
  }

  private static final class Cursor {
    private final byte[] s;
    int pos;

    Cursor(byte[] s, int pos) {
      this.s = s;
      this.pos = pos;
    }

    private void need(int n) {
      if (pos + n > s.length) {
        throw ScriptError.message("Missing bytes in input.");
      }
    }

    private long be(int n) {
      need(n);
      long v = 0;
      for (int i = 0; i < n; i++) {
        v = (v << 8) | (s[pos++] & 0xff);
      }
      return v;
    }

    private LuaValue str(int len) {
      need(len);
      byte[] b = java.util.Arrays.copyOfRange(s, pos, pos + len);
      pos += len;
      return LuaValue.valueOf(b);
    }

    private LuaValue array(long n) {
      LuaTable t = new LuaTable();
      for (int i = 1; i <= n; i++) {
        LuaValue v = decode();
        if (!v.isnil()) {
          t.rawset(i, v);
        }
      }
      return t;
    }

    private LuaValue map(long n) {
      LuaTable t = new LuaTable();
      for (long i = 0; i < n; i++) {
        LuaValue k = decode();
        LuaValue v = decode();
        if (!k.isnil()) {
          t.rawset(k, v);
        }
      }
      return t;
    }

    LuaValue decode() {
      need(1);
      int b = s[pos++] & 0xff;
      if (b <= 0x7f) {
        return LuaValue.valueOf(b);
      }
      if (b >= 0xe0) {
        return LuaValue.valueOf((byte) b);
      }
      if ((b & 0xf0) == 0x80) {
        return map(b & 0x0f);
      }
      if ((b & 0xf0) == 0x90) {
        return array(b & 0x0f);
      }
      if ((b & 0xe0) == 0xa0) {
        return str(b & 0x1f);
      }
      switch (b) {
        case 0xc0: return LuaValue.NIL;
        case 0xc2: return LuaValue.FALSE;
        case 0xc3: return LuaValue.TRUE;
        case 0xd9: return str((int) be(1));
        case 0xda: return str((int) be(2));
        case 0xdb: return str((int) be(4));
        case 0xca: return LuaValue.valueOf((double) Float.intBitsToFloat((int) be(4)));
        case 0xcb: return LuaValue.valueOf(Double.longBitsToDouble(be(8)));
        case 0xcc: return LuaValue.valueOf((int) be(1));
        case 0xcd: return LuaValue.valueOf((int) be(2));
        case 0xce: return LuaValues.number(be(4));
        case 0xcf: {
          long v = be(8);
          return LuaValue.valueOf(v < 0 ? (double) (v >>> 1) * 2 + (v & 1) : (double) v);
        }
        case 0xd0: return LuaValue.valueOf((byte) be(1));
        case 0xd1: return LuaValue.valueOf((short) be(2));
        case 0xd2: return LuaValue.valueOf((int) be(4));
        case 0xd3: return LuaValue.valueOf((double) be(8));
        case 0xdc: return array(be(2));
        case 0xdd: return array(be(4));
        case 0xde: return map(be(2));
        case 0xdf: return map(be(4));
        default:
          throw ScriptError.message("Bad data format in input.");
      }
    }
  }
}
