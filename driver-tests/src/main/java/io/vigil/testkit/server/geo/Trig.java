package io.vigil.testkit.server.geo;

/**
 * Sine, cosine and arcsine rounded to the nearest double, computed in double-double arithmetic
 * (about 106 bits) and then rounded once.
 *
 * <p>Why: Redis computes distances with the C library's {@code sin}, {@code cos} and
 * {@code asin}, which on glibc are correct to within a hair of half an ulp — in practice the
 * correctly rounded result. Java's {@link Math} and {@link StrictMath} are only within one ulp,
 * so their last bit differs often enough to change a stored STOREDIST score. Rounding a more
 * precise result reproduces glibc's answers. Stateless; a call costs well under a microsecond.
 */
final class Trig {

  /** pi/2 as the sum of three doubles, for exact argument reduction of moderate arguments. */
  private static final double PIO2_1 = 1.5707963267948966;
  private static final double PIO2_2 = 6.123233995736766E-17;
  private static final double PIO2_3 = -1.4973849048591698E-33;

  private Trig() {}

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
    double[] s = new double[2];
    double[] c = new double[2];
    sinCos(y, s, c);
    // delta = (sin(y) - x) / cos(y), in double-double
    double[] num = add(s[0], s[1], -x, 0);
    double[] delta = div(num[0], num[1], c[0], c[1]);
    double[] r = add(y, 0, -delta[0], -delta[1]);
    return r[0] + r[1];
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
    double[] s = new double[2];
    double[] c = new double[2];
    sinCos(x, s, c);
    return cosine ? c[0] + c[1] : s[0] + s[1];
  }

  /** sin(x) and cos(x) as double-doubles into {@code s} and {@code c}. */
  private static void sinCos(double x, double[] s, double[] c) {
    long k = Math.round(x / PIO2_1);
    // r = x - k * pi/2, with pi/2 carried in three parts
    double[] r = mulAdd(x, 0, -k, PIO2_1);
    r = mulAdd(r[0], r[1], -k, PIO2_2);
    r = mulAdd(r[0], r[1], -k, PIO2_3);
    double[] sr = taylorSin(r[0], r[1]);
    double[] cr = taylorCos(r[0], r[1]);
    switch ((int) (k & 3)) {
      case 0:
        s[0] = sr[0]; s[1] = sr[1]; c[0] = cr[0]; c[1] = cr[1];
        break;
      case 1:
        s[0] = cr[0]; s[1] = cr[1]; c[0] = -sr[0]; c[1] = -sr[1];
        break;
      case 2:
        s[0] = -sr[0]; s[1] = -sr[1]; c[0] = -cr[0]; c[1] = -cr[1];
        break;
      default:
        s[0] = -cr[0]; s[1] = -cr[1]; c[0] = sr[0]; c[1] = sr[1];
        break;
    }
  }

  /** sin(r) for |r| <= pi/4: r - r^3/3! + r^5/5! ... until the terms vanish. */
  private static double[] taylorSin(double rh, double rl) {
    double[] r2 = mul(rh, rl, rh, rl);
    double[] term = {rh, rl};
    double[] sum = {rh, rl};
    for (int n = 2; n < 60; n += 2) {
      term = mul(term[0], term[1], r2[0], r2[1]);
      term = divSmall(term[0], term[1], (double) n * (n + 1));
      term[0] = -term[0];
      term[1] = -term[1];
      sum = add(sum[0], sum[1], term[0], term[1]);
      if (Math.abs(term[0]) < Math.abs(sum[0]) * 1e-34) {
        break;
      }
    }
    return sum;
  }

  /** cos(r) for |r| <= pi/4: 1 - r^2/2! + r^4/4! ... */
  private static double[] taylorCos(double rh, double rl) {
    double[] r2 = mul(rh, rl, rh, rl);
    double[] term = {1, 0};
    double[] sum = {1, 0};
    for (int n = 1; n < 60; n += 2) {
      term = mul(term[0], term[1], r2[0], r2[1]);
      term = divSmall(term[0], term[1], (double) n * (n + 1));
      term[0] = -term[0];
      term[1] = -term[1];
      sum = add(sum[0], sum[1], term[0], term[1]);
      if (Math.abs(term[0]) < Math.abs(sum[0]) * 1e-34) {
        break;
      }
    }
    return sum;
  }

  // ---- double-double arithmetic (Dekker, Knuth; exact products through fma) -----------------

  private static double[] add(double ah, double al, double bh, double bl) {
    double s = ah + bh;
    double bb = s - ah;
    double e = (ah - (s - bb)) + (bh - bb);
    e += al + bl;
    double h = s + e;
    return new double[] {h, e - (h - s)};
  }

  private static double[] mul(double ah, double al, double bh, double bl) {
    double p = ah * bh;
    double e = Math.fma(ah, bh, -p);
    e += ah * bl + al * bh;
    double h = p + e;
    return new double[] {h, e - (h - p)};
  }

  /** (ah, al) + k * d, with k * d formed exactly. */
  private static double[] mulAdd(double ah, double al, double k, double d) {
    double p = k * d;
    double e = Math.fma(k, d, -p);
    double[] t = add(ah, al, p, e);
    return t;
  }

  private static double[] divSmall(double ah, double al, double d) {
    double q = ah / d;
    // remainder a - q * d, exactly for the high part
    double p = q * d;
    double pe = Math.fma(q, d, -p);
    double rem = ((ah - p) - pe) + al;
    double q2 = rem / d;
    double h = q + q2;
    return new double[] {h, q2 - (h - q)};
  }

  private static double[] div(double ah, double al, double bh, double bl) {
    double q1 = ah / bh;
    double[] p = mul(q1, 0, bh, bl);
    double[] r = add(ah, al, -p[0], -p[1]);
    double q2 = r[0] / bh;
    double h = q1 + q2;
    return new double[] {h, q2 - (h - q1)};
  }
}
