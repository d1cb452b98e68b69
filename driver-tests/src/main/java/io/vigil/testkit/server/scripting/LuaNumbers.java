package io.vigil.testkit.server.scripting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number to text as C's {@code printf("%.<n>g")} writes it: Lua 5.1 turns numbers into strings
 * with {@code %.14g}, and Redis turns a number passed to {@code redis.call} into an argument
 * with {@code %.17g}. Java's own {@code %g} differs (trailing zeros, exponent form), hence this.
 * Stateless.
 */
final class LuaNumbers {

  private LuaNumbers() {}

  /** {@code v} as {@code %.<precision>g}. */
  static String formatG(double v, int precision) {
    if (Double.isNaN(v)) {
      // glibc prints the NaN that x86 arithmetic produces (sign bit set) as "-nan"
      return "-nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    if (v == Math.rint(v) && Math.abs(v) < Math.pow(10, precision)) {
      return Long.toString((long) v);
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= precision) {
      String digits = rounded.unscaledValue().abs().toString();
      digits = stripZeros(digits);
      StringBuilder sb = new StringBuilder();
      if (rounded.signum() < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
      return sb.toString();
    }
    String plain = rounded.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_EVEN)
        .toPlainString();
    if (plain.indexOf('.') >= 0) {
      plain = stripZeros(plain);
      if (plain.endsWith(".")) {
        plain = plain.substring(0, plain.length() - 1);
      }
    }
    return plain;
  }

  private static String stripZeros(String s) {
    int end = s.length();
    while (end > 1 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }

  /** How Lua 5.1 prints a number ({@code tostring}, concatenation): {@code %.14g}. */
  static String luaToString(double v) {
    return formatG(v, 14);
  }
}
