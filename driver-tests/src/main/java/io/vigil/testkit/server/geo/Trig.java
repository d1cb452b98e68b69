package io.vigil.testkit.server.geo;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Sine, cosine and arcsine rounded to the nearest double, computed in double-double arithmetic
 * (about 106 bits) and then rounded once.
 *
 * <p>Why: Redis computes distances with the C library's {@code sin}, {@code cos} and
 * {@code asin}, which on glibc are correct to within a hair of half an ulp — in practice the
 * correctly rounded result. Java's {@link Math} and {@link StrictMath} are only within one ulp,
 * so their last bit differs often enough to change a stored STOREDIST score. Rounding a more
 * precise result reproduces glibc's answers. Stateless and thread-safe.
 */
final class Trig {

  /** pi/2 as the sum of three doubles, for exact argument reduction of moderate arguments. */
  private static final double PIO2_1 = 1.5707963267948966;
  private static final double PIO2_2 = 6.123233995736766E-17;
  private static final double PIO2_3 = -1.4973849048591698E-33;
  /** Taylor terms: enough for |r| <= pi/4 to 2^-110. */
  private static final int TERMS = 15;
  /** (-1)^k / (2k+1)! and (-1)^k / (2k)! as double-doubles: hi at [2k], lo at [2k+1]. */
  private static final double[] SIN_COEFFS = coefficients(1);
  private static final double[] COS_COEFFS = coefficients(0);

  private Trig() {}

  private static double[] coefficients(int offset) {
    MathContext mc = new MathContext(60);
    double[] out = new double[2 * TERMS];
    BigDecimal factorial = BigDecimal.ONE;
    int n = 1;
    for (int k = 0; k < TERMS; k++) {
      int order = 2 * k + offset;
      while (n <= order) {
        factorial = factorial.multiply(BigDecimal.valueOf(n));
        n++;
      }
      BigDecimal c = BigDecimal.ONE.divide(factorial, mc);
      if (k % 2 == 1) {
        c = c.negate();
      }
      double hi = c.doubleValue();
      out[2 * k] = hi;
      out[2 * k + 1] = c.subtract(new BigDecimal(hi), mc).doubleValue();
    }
    return out;
  }

  static double sin(double x) {
    return eval(x, false);
  }

  static double cos(double x) {
    return eval(x, true);
  }

  /** asin by one Newton step in double-double from {@link Math#asin}, which is within an ulp. */
  static double asin(double x) {
    double y = Math.asin(x);
    if (Double.isNaN(y) || y == 0 || Math.abs(x) == 1) {
      return y;
    }
    Dd s = new Dd();
    Dd c = new Dd();
    sinCos(y, s, c);
    // y - (sin(y) - x) / cos(y), the correction in double-double
    s.add(-x, 0);
    s.div(c.hi, c.lo);
    Dd r = new Dd();
    r.set(y, 0);
    r.add(-s.hi, -s.lo);
    return r.hi + r.lo;
  }

  private static double eval(double x, boolean cosine) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return Double.NaN;
    }
    if (x == 0) {
      return cosine ? 1.0 : x;
    }
    if (Math.abs(x) > 1e6) {
      return cosine ? Math.cos(x) : Math.sin(x); // never reached by geo arguments
    }
    long k = Math.round(x / PIO2_1);
    Dd r = reduce(x, k);
    // sin(x) is sin(r), cos(r), -sin(r), -cos(r) by quadrant; cos(x) one quadrant on
    int quadrant = (int) ((k + (cosine ? 1 : 0)) & 3);
    Dd v = (quadrant & 1) == 0 ? sinOf(r) : cosOf(r);
    double out = v.hi + v.lo;
    return quadrant >= 2 ? -out : out;
  }

  /** sin(x) and cos(x) as double-doubles into {@code s} and {@code c}. */
  private static void sinCos(double x, Dd s, Dd c) {
    long k = Math.round(x / PIO2_1);
    Dd r = reduce(x, k);
    Dd sr = sinOf(r);
    Dd cr = cosOf(r);
    switch ((int) (k & 3)) {
      case 0:
        s.set(sr.hi, sr.lo);
        c.set(cr.hi, cr.lo);
        break;
      case 1:
        s.set(cr.hi, cr.lo);
        c.set(-sr.hi, -sr.lo);
        break;
      case 2:
        s.set(-sr.hi, -sr.lo);
        c.set(-cr.hi, -cr.lo);
        break;
      default:
        s.set(-cr.hi, -cr.lo);
        c.set(sr.hi, sr.lo);
        break;
    }
  }

  /** x - k * pi/2, with pi/2 carried in three parts. */
  private static Dd reduce(double x, long k) {
    Dd r = new Dd();
    r.set(x, 0);
    r.addProduct(-k, PIO2_1);
    r.addProduct(-k, PIO2_2);
    r.addProduct(-k, PIO2_3);
    return r;
  }

  private static Dd sinOf(Dd r) {
    Dd r2 = new Dd();
    r2.set(r.hi, r.lo);
    r2.mul(r.hi, r.lo);
    Dd v = series(SIN_COEFFS, r2);
    v.mul(r.hi, r.lo);
    return v;
  }

  private static Dd cosOf(Dd r) {
    Dd r2 = new Dd();
    r2.set(r.hi, r.lo);
    r2.mul(r.hi, r.lo);
    return series(COS_COEFFS, r2);
  }

  /**
   * Sum of coeffs[k] * r2^k by Horner's rule in double-double, over only as many terms as r2
   * needs (small arguments, the usual case for nearby points, need few).
   */
  private static Dd series(double[] coeffs, Dd r2) {
    double x = Math.abs(r2.hi);
    int n = 1;
    double power = x;
    while (n < TERMS - 1 && power * Math.abs(coeffs[2 * n]) > 1e-34) {
      power *= x;
      n++;
    }
    Dd acc = new Dd();
    acc.set(coeffs[2 * n], coeffs[2 * n + 1]);
    for (int k = n - 1; k >= 0; k--) {
      acc.mul(r2.hi, r2.lo);
      acc.add(coeffs[2 * k], coeffs[2 * k + 1]);
    }
    return acc;
  }

  /** 2^27 + 1, which splits a double into two 26-bit halves. */
  private static final double SPLITTER = 134217729.0;

  /** A mutable double-double (Dekker's exact products, Knuth's exact sums). */
  private static final class Dd {
    double hi;
    double lo;

    void set(double h, double l) {
      hi = h;
      lo = l;
    }

    void add(double bh, double bl) {
      double s = hi + bh;
      double bb = s - hi;
      double e = (hi - (s - bb)) + (bh - bb);
      e += lo + bl;
      double h = s + e;
      lo = e - (h - s);
      hi = h;
    }

    void mul(double bh, double bl) {
      double p = hi * bh;
      double e = productError(hi, bh, p);
      e += hi * bl + lo * bh;
      double h = p + e;
      lo = e - (h - p);
      hi = h;
    }

    /** this += k * d, with k * d formed exactly. */
    void addProduct(double k, double d) {
      double p = k * d;
      add(p, productError(k, d, p));
    }

    /**
     * a * b - p exactly, for p = fl(a * b), by Dekker's splitting: plain multiplications keep it
     * fast in every JIT tier, where Math.fma may fall back to BigDecimal.
     */
    private static double productError(double a, double b, double p) {
      double ta = SPLITTER * a;
      double ah = ta - (ta - a);
      double al = a - ah;
      double tb = SPLITTER * b;
      double bh = tb - (tb - b);
      double bl = b - bh;
      return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    }

    void div(double bh, double bl) {
      double q1 = hi / bh;
      Dd p = new Dd();
      p.set(q1, 0);
      p.mul(bh, bl);
      Dd r = new Dd();
      r.set(hi, lo);
      r.add(-p.hi, -p.lo);
      double q2 = r.hi / bh;
      double h = q1 + q2;
      lo = q2 - (h - q1);
      hi = h;
    }
  }
}
