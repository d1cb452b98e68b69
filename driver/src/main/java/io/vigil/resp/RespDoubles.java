package io.vigil.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats and parses doubles the way Redis 7.0 writes them ({@code %.17g}, {@code inf}). */
public final class RespDoubles {

  private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

  private RespDoubles() {}

  /**
   * Formats like C's {@code printf("%.17g")}: 17 significant digits, trailing zeros removed,
   * exponent form below 1e-4 and from 1e17; infinities as {@code inf}/{@code -inf}, NaN as
   * {@code nan}.
   */
  public static String format(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN);
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 17) {
      String digits = rounded.unscaledValue().abs().toString();
      int end = digits.length();
      while (end > 1 && digits.charAt(end - 1) == '0') {
        end--;
      }
      StringBuilder sb = new StringBuilder(24);
      if (rounded.signum() < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (end > 1) {
        sb.append('.').append(digits, 1, end);
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
      return sb.toString();
    }
    BigDecimal plain = rounded.stripTrailingZeros();
    if (plain.scale() < 0) {
      plain = plain.setScale(0);
    }
    return plain.toPlainString();
  }

  /**
   * Parses a double as Redis accepts it on the wire: an optional sign, digits with an optional
   * fraction and exponent, or {@code inf}/{@code -inf}/{@code +inf}/{@code nan}
   * (case-insensitive).
   *
   * @throws NumberFormatException when the text is anything else (Java-only spellings such as
   *     {@code 1d}, {@code 0x1p3} or {@code Infinity} are refused)
   */
  public static double parse(CharSequence text) {
    String s = text.toString();
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
      case "-nan":
        return Double.NaN;
      default:
        break;
    }
    if (!isDecimal(s)) {
      throw new NumberFormatException("not a double: '" + s + "'");
    }
    return Double.parseDouble(s);
  }

  private static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }
}
