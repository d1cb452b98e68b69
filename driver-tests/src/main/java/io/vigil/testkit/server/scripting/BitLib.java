package io.vigil.testkit.server.scripting;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The {@code bit} library (LuaBitOp 1.0) Redis bundles: 32-bit operations on Lua numbers,
 * results as signed 32-bit values.
 */
final class BitLib {

  private BitLib() {}

  /** LuaBitOp's {@code barg}: the number's integer value modulo 2^32, rounding to nearest. */
  static int tobit(double d) {
    double r = Math.rint(d);
    if (Double.isNaN(r) || Double.isInfinite(r)) {
      return 0;
    }
    return (int) (long) (r % 4294967296.0);
  }

  private static int arg(Varargs args, int i, String f) {
    return tobit(LibArgs.number(args, i, f));
  }

  private interface Op {
    int apply(int a, int b);
  }

  private static LuaValue fold(String name, Op op) {
    return RedisApi.fn(args -> {
      int r = arg(args, 1, name);
      for (int i = 2; i <= args.narg(); i++) {
        r = op.apply(r, arg(args, i, name));
      }
      return LuaValue.valueOf(r);
    });
  }

  private static LuaValue shift(String name, Op op) {
    return RedisApi.fn(args -> LuaValue.valueOf(op.apply(arg(args, 1, name), arg(args, 2, name) & 31)));
  }

  static ReadOnlyTable create() {
    ReadOnlyTable t = new ReadOnlyTable();
    t.define("tobit", RedisApi.fn(args -> LuaValue.valueOf(arg(args, 1, "tobit"))));
    t.define("bnot", RedisApi.fn(args -> LuaValue.valueOf(~arg(args, 1, "bnot"))));
    t.define("band", fold("band", (a, b) -> a & b));
    t.define("bor", fold("bor", (a, b) -> a | b));
    t.define("bxor", fold("bxor", (a, b) -> a ^ b));
    t.define("lshift", shift("lshift", (a, n) -> a << n));
    t.define("rshift", shift("rshift", (a, n) -> a >>> n));
    t.define("arshift", shift("arshift", (a, n) -> a >> n));
    t.define("rol", shift("rol", Integer::rotateLeft));
    t.define("ror", shift("ror", Integer::rotateRight));
    t.define("bswap", RedisApi.fn(args -> LuaValue.valueOf(Integer.reverseBytes(arg(args, 1, "bswap")))));
    t.define("tohex", RedisApi.fn(args -> {
      int b = arg(args, 1, "tohex");
      int n = args.isnoneornil(2) ? 8 : arg(args, 2, "tohex");
      boolean upper = false;
      if (n < 0) {
        n = -n;
        upper = true;
      }
      if (n > 8) {
        n = 8;
      }
      String hex = String.format("%08x", b);
      hex = hex.substring(8 - n);
      return LuaValue.valueOf(upper ? hex.toUpperCase(java.util.Locale.ROOT) : hex);
    }));
    return t;
  }
}
