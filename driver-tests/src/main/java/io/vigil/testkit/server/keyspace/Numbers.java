package io.vigil.testkit.server.keyspace;

import io.vigil.resp.RespDoubles;
import java.nio.charset.StandardCharsets;

/** Number parsing and formatting with Redis's strictness ({@code string2ll}, {@code strtold}). */
public final class Numbers {

  private Numbers() {}

  /**
   * Parses a signed 64-bit decimal as Redis's {@code string2ll}: no spaces, no plus sign, no
   * leading zeros; null when the bytes are anything else or out of range.
   */
  public static Long parseLong(byte[] b) {
    int n = b.length;
    if (n == 0 || n > 20) {
      return null;
    }
    if (n == 1 && b[0] == '0') {
      return 0L;
    }
    int i = 0;
    boolean negative = false;
    if (b[0] == '-') {
      negative = true;
      i = 1;
      if (n == 1) {
        return null;
      }
    }
    if (b[i] < '1' || b[i] > '9') {
      return null;
    }
    long result = 0;
    for (; i < n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return null;
      }
      if (result < (Long.MIN_VALUE + d) / 10) {
        return null;
      }
      result = result * 10 - d;
    }
    if (!negative) {
      if (result == Long.MIN_VALUE) {
        return null;
      }
      return -result;
    }
    return result;
  }

  /** Parses a double as Redis does for scores and floats; null when invalid. NaN is invalid. */
  public static Double parseDouble(byte[] b) {
    if (b.length == 0 || b.length > 5000) {
      return null;
    }
    String s = new String(b, StandardCharsets.US_ASCII);
    if (s.isEmpty() || Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1))) {
      return null;
    }
    try {
      double d = RespDoubles.parse(s);
      if (Double.isNaN(d)) {
        return null;
      }
      return d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Formats a long as decimal bytes (hot: INCR and friends, so no intermediate String). */
  public static byte[] format(long value) {
    if (value == Long.MIN_VALUE) {
      return "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    }
    boolean negative = value < 0;
    long v = negative ? -value : value;
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    byte[] out = new byte[digits + (negative ? 1 : 0)];
    for (int i = out.length - 1; i >= (negative ? 1 : 0); i--) {
      out[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    if (negative) {
      out[0] = '-';
    }
    return out;
  }

  /**
   * Parses a decimal as INCRBYFLOAT reads its operands (long double precision stands in for
   * exact decimal arithmetic here); null when invalid. Infinities are returned as null too:
   * callers reject them as Redis does.
   */
  public static java.math.BigDecimal parseDecimal(byte[] b) {
    Double d = parseDouble(b);
    if (d == null || d.isInfinite()) {
      return null;
    }
    java.math.BigDecimal exact;
    try {
      exact = new java.math.BigDecimal(new String(b, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      exact = new java.math.BigDecimal(d);
    }
    return toLongDouble(exact);
  }

  /**
   * Rounds to the nearest x87 80-bit long double (64-bit significand), the type Redis does
   * INCRBYFLOAT arithmetic in, so results print digit for digit like Redis's.
   */
  public static java.math.BigDecimal toLongDouble(java.math.BigDecimal x) {
    if (x.signum() == 0) {
      return x;
    }
    java.math.BigDecimal abs = x.abs();
    java.math.BigInteger ip = abs.toBigInteger();
    int e;
    if (ip.signum() > 0) {
      e = ip.bitLength() - 1;
    } else {
      e = -1;
      while (abs.compareTo(pow2(e)) < 0) {
        e--;
      }
    }
    java.math.BigDecimal m = x.multiply(pow2(63 - e)).setScale(0, java.math.RoundingMode.HALF_EVEN);
    return m.multiply(pow2(e - 63));
  }

  private static java.math.BigDecimal pow2(int k) {
    java.math.BigDecimal p = new java.math.BigDecimal(java.math.BigInteger.ONE.shiftLeft(Math.abs(k)));
    return k >= 0 ? p : java.math.BigDecimal.ONE.divide(p);
  }

  /**
   * Formats as Redis's {@code ld2string(..., LD_STR_HUMAN)}: seventeen decimals, then trailing
   * zeros (and a bare point) removed, so no exponent.
   */
  public static byte[] formatHuman(java.math.BigDecimal value) {
    String s = value.setScale(17, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    if (s.equals("-0")) {
      s = "0";
    }
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
