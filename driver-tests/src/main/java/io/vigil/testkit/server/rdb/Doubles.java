package io.vigil.testkit.server.rdb;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/** Score text as Redis 7.0 writes it ({@code d2string}) and reads it ({@code strtod}). */
final class Doubles {

  private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

  private Doubles() {}

  /**
   * Redis 7.0's {@code d2string}: "nan", "inf", "-inf", "0", "-0", plain integers inside
   * (-2^52, 2^52), otherwise C's {@code %.17g}.
   */
  static String format(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value < 0 ? "-inf" : "inf";
    }
    if (value == 0) {
      return 1.0 / value < 0 ? "-0" : "0";
    }
    if (value > -4503599627370495d && value < 4503599627370496d && value == (double) (long) value) {
      return Long.toString((long) value);
    }
    return percent17g(value);
  }

  /** C's {@code printf("%.17g")} for a finite non-zero double (glibc rounds the exact value half-even). */
  private static String percent17g(double value) {
    BigDecimal rounded = new BigDecimal(value).round(SEVENTEEN);
    int exponent = rounded.precision() - rounded.scale() - 1;
    String sign = rounded.signum() < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 17) {
      String digits = rounded.unscaledValue().abs().toString();
      // strip the zeros %g drops (no '#' flag)
      int end = digits.length();
      while (end > 1 && digits.charAt(end - 1) == '0') {
        end--;
      }
      StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
      if (end > 1) {
        sb.append('.').append(digits, 1, end);
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      return sb.append(abs).toString();
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  static byte[] formatBytes(double value) {
    return format(value).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses score text as {@code strtod} does for the forms Redis writes, including "inf",
   * "-inf", "+inf", "infinity" and "nan".
   *
   * @throws NumberFormatException when it is not a number
   */
  static double parse(byte[] text) {
    String s = new String(text, StandardCharsets.US_ASCII);
    String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    boolean negative = s.startsWith("-");
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (body.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (body.isEmpty() || !Character.isDigit(body.charAt(body.length() - 1)) && body.charAt(body.length() - 1) != '.') {
      // Java also accepts "1d", "1f", "Infinity", "NaN" in other spellings; strtod does not.
      throw new NumberFormatException("not a number: '" + s + "'");
    }
    return Double.parseDouble(s);
  }
}
