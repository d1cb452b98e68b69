package io.vigil.testkit.server.scripting;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code struct} library (Roberto Ierusalimschy's struct 0.2) Redis bundles: {@code pack},
 * {@code unpack} and {@code size} of C-like binary layouts ({@code <>!} endianness and
 * alignment, {@code bBhHlLTiI[n]} integers, {@code f d} floats, {@code c[n] s x} strings and
 * padding), on a little-endian 64-bit layout as Redis's x86-64 builds have it.
 */
final class StructLib {

  private static final int MAXINTSIZE = 32;

  private StructLib() {}

  static ReadOnlyTable create() {
    ReadOnlyTable t = new ReadOnlyTable();
    t.define("pack", RedisApi.fn(StructLib::pack));
    t.define("unpack", RedisApi.fn(StructLib::unpack));
    t.define("size", RedisApi.fn(StructLib::size));
    return t;
  }

  /** Parsing state of one format string. */
  private static final class Format {
    final byte[] f;
    final String function;
    int i;
    boolean little = true;
    int align = 1;

    Format(byte[] f, String function) {
      this.f = f;
      this.function = function;
    }

    boolean more() {
      return i < f.length;
    }

    int number(int def) {
      if (i >= f.length || !Character.isDigit(f[i])) {
        return def;
      }
      int a = 0;
      while (i < f.length && Character.isDigit(f[i])) {
        a = a * 10 + (f[i++] - '0');
      }
      return a;
    }

    /** The size of option {@code opt}, reading its digits. */
    int optSize(char opt) {
      switch (opt) {
        case 'B': case 'b': return 1;
        case 'H': case 'h': return 2;
        case 'L': case 'l': return 8;
        case 'T': return 8;
        case 'f': return 4;
        case 'd': return 8;
        case 'x': return 1;
        case 'c': return number(1);
        case 'i': case 'I': {
          int sz = number(4);
          if (sz > MAXINTSIZE) {
            throw ScriptError.message("integral size " + sz + " is larger than limit of " + MAXINTSIZE);
          }
          return sz;
        }
        default: return 0;
      }
    }

    /** Padding before an item of {@code size} at {@code offset} under the current alignment. */
    int gap(char opt, int size, int offset) {
      if (opt == 'c' || opt == 's' || opt == 'x' || opt == ' ') {
        return 0;
      }
      int a = Math.min(size, align);
      if (a <= 1) {
        return 0;
      }
      return (a - (offset & (a - 1))) & (a - 1);
    }

    /** Handles endianness and alignment controls; false for a data option. */
    boolean control(char opt) {
      switch (opt) {
        case ' ': return true;
        case '>': little = false; return true;
        case '<': little = true; return true;
        case '!': {
          int a = number(8);
          if ((a & (a - 1)) != 0) {
            throw LibArgs.argError(1, function, "alignment " + a + " is not a power of 2");
          }
          align = a;
          return true;
        }
        default: return false;
      }
    }

    ScriptError invalid(char opt) {
      return LibArgs.argError(1, function, "invalid format option '" + opt + "'");
    }
  }

  private static Varargs pack(Varargs args) {
    Format fmt = new Format(LibArgs.string(args, 1, "pack"), "pack");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int arg = 2;
    while (fmt.more()) {
      char opt = (char) fmt.f[fmt.i++];
      if (fmt.control(opt)) {
        continue;
      }
      int size = fmt.optSize(opt);
      int gap = fmt.gap(opt, size, out.size());
      for (int g = 0; g < gap; g++) {
        out.write(0);
      }
      switch (opt) {
        case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
          double n = LibArgs.number(args, arg++, "pack");
          long v = LuaReplies.toLong(n);
          putInt(out, v, fmt.little, size);
          break;
        }
        case 'x':
          out.write(0);
          break;
        case 'f': {
          int bits = Float.floatToRawIntBits((float) LibArgs.number(args, arg++, "pack"));
          putInt(out, bits & 0xffffffffL, fmt.little, 4);
          break;
        }
        case 'd': {
          long bits = Double.doubleToRawLongBits(LibArgs.number(args, arg++, "pack"));
          putInt(out, bits, fmt.little, 8);
          break;
        }
        case 'c': case 's': {
          byte[] s = LibArgs.string(args, arg, "pack");
          int l = s.length;
          int n = opt == 'c' ? size : l + 1;
          if (opt == 'c' && size == 0) {
            n = l;
          }
          if (l < n && opt == 'c' && size != 0) {
            throw LibArgs.argError(arg, "pack", "string too short");
          }
          out.write(s, 0, Math.min(l, n));
          if (opt == 's') {
            out.write(0);
          }
          arg++;
          break;
        }
        default:
          throw fmt.invalid(opt);
      }
    }
    return LuaValue.valueOf(out.toByteArray());
  }

  private static void putInt(ByteArrayOutputStream out, long v, boolean little, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[little ? i : size - 1 - i] = (byte) (i < 8 ? (v >>> (8 * i)) : (v < 0 ? 0xff : 0));
    }
    out.write(b, 0, size);
  }

  private static long getInt(byte[] s, int at, boolean little, boolean signed, int size) {
    long v = 0;
    for (int i = 0; i < size; i++) {
      int b = s[at + (little ? size - 1 - i : i)] & 0xff;
      v = (v << 8) | b;
    }
    if (signed && size < 8) {
      long mask = 1L << (size * 8 - 1);
      v = (v ^ mask) - mask;
    }
    return v;
  }

  private static Varargs unpack(Varargs args) {
    Format fmt = new Format(LibArgs.string(args, 1, "unpack"), "unpack");
    byte[] data = LibArgs.string(args, 2, "unpack");
    int pos = (int) LibArgs.optNumber(args, 3, "unpack", 1) - 1;
    if (pos < 0) {
      throw LibArgs.argError(3, "unpack", "offset must be 1 or greater");
    }
    List<LuaValue> out = new ArrayList<>();
    while (fmt.more()) {
      char opt = (char) fmt.f[fmt.i++];
      if (fmt.control(opt)) {
        continue;
      }
      int size = fmt.optSize(opt);
      pos += fmt.gap(opt, size, pos);
      if (opt != 's' && (pos + size > data.length)) {
        throw LibArgs.argError(2, "unpack", "data string too short");
      }
      switch (opt) {
        case 'b': case 'h': case 'l': case 'i':
          out.add(LuaValue.valueOf((double) getInt(data, pos, fmt.little, true, Math.min(size, 8))));
          break;
        case 'B': case 'H': case 'L': case 'T': case 'I': {
          long v = getInt(data, pos, fmt.little, false, Math.min(size, 8));
          out.add(LuaValue.valueOf(v < 0 ? (double) (v >>> 1) * 2 + (v & 1) : (double) v));
          break;
        }
        case 'x':
          break;
        case 'f':
          out.add(LuaValue.valueOf((double) Float.intBitsToFloat((int) getInt(data, pos, fmt.little, false, 4))));
          break;
        case 'd':
          out.add(LuaValue.valueOf(Double.longBitsToDouble(getInt(data, pos, fmt.little, false, 8))));
          break;
        case 'c': {
          if (size == 0) {
            if (out.isEmpty() || out.get(out.size() - 1).type() != LuaValue.TNUMBER) {
              throw LibArgs.argError(1, "unpack", "format 'c0' needs a previous size");
            }
            size = out.remove(out.size() - 1).toint();
            if (pos + size > data.length) {
              throw LibArgs.argError(2, "unpack", "data string too short");
            }
          }
          out.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(data, pos, pos + size)));
          break;
        }
        case 's': {
          int end = pos;
          while (end < data.length && data[end] != 0) {
            end++;
          }
          if (end >= data.length) {
            throw LibArgs.argError(2, "unpack", "unfinished string in data");
          }
          size = end - pos + 1;
          out.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(data, pos, end)));
          break;
        }
        default:
          throw fmt.invalid(opt);
      }
      pos += size;
    }
    out.add(LuaValue.valueOf(pos + 1));
    return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
  }

  private static Varargs size(Varargs args) {
    Format fmt = new Format(LibArgs.string(args, 1, "size"), "size");
    int pos = 0;
    while (fmt.more()) {
      char opt = (char) fmt.f[fmt.i++];
      if (fmt.control(opt)) {
        continue;
      }
      int size = fmt.optSize(opt);
      pos += fmt.gap(opt, size, pos);
      if (opt == 's' || (opt == 'c' && size == 0)) {
        throw LibArgs.argError(1, "size", "option '" + (opt == 'c' ? "c0" : String.valueOf(opt)) + "' has no fixed size");
      }
      if ("bBhHlLTiIfdxc".indexOf(opt) < 0) {
        throw fmt.invalid(opt);
      }
      pos += size;
    }
    return LuaValue.valueOf(pos);
  }
}
