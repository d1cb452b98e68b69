package io.vigil.testkit.server.geo;

/**
 * A geohash cell: {@code step} bits of latitude interleaved with {@code step} bits of longitude
 * (latitude in the even bits), over Redis's ranges — longitude -180..180, latitude
 * -85.05112878..85.05112878 (the Web Mercator limits). Immutable.
 *
 * <p>A member's sorted-set score is its step-26 cell aligned to 52 bits ({@link #scoreOf}); a
 * score decodes to the centre of its cell ({@link #pointOf}). A cell with zero bits and step is
 * "no cell" ({@link #NONE}), as Redis's {@code GZERO}.
 */
public record GeoHash(long bits, int step) {

  /** The finest step, 52 bits in all. */
  public static final int STEP_MAX = 26;
  public static final double LONG_MIN = -180;
  public static final double LONG_MAX = 180;
  public static final double LAT_MIN = -85.05112878;
  public static final double LAT_MAX = 85.05112878;
  /** No cell (a neighbour excluded from a search). */
  public static final GeoHash NONE = new GeoHash(0, 0);

  /** Whether this is {@link #NONE}. */
  public boolean isNone() {
    return bits == 0 && step == 0;
  }

  /** Whether {@code longitude, latitude} is a position Redis indexes. */
  public static boolean inRange(double longitude, double latitude) {
    return !(longitude < LONG_MIN || longitude > LONG_MAX || latitude < LAT_MIN || latitude > LAT_MAX);
  }

  /** The cell of {@code step} containing the position over Redis's ranges (null outside them). */
  public static GeoHash encode(double longitude, double latitude, int step) {
    return encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, longitude, latitude, step);
  }

  /**
   * The cell over the given ranges (GEOHASH re-encodes with latitude -90..90); null when the
   * position is outside Redis's ranges or the given ones, as {@code geohashEncode} fails.
   */
  public static GeoHash encode(double longMin, double longMax, double latMin, double latMax, double longitude,
      double latitude, int step) {
    if (step > 32 || step == 0 || !inRange(longitude, latitude)) {
      return null;
    }
    if (latitude < latMin || latitude > latMax || longitude < longMin || longitude > longMax) {
      return new GeoHash(0, step);
    }
    double latOffset = (latitude - latMin) / (latMax - latMin);
    double longOffset = (longitude - longMin) / (longMax - longMin);
    latOffset *= (1L << step);
    longOffset *= (1L << step);
    // C converts the doubles to uint32_t; within the ranges they fit
    return new GeoHash(interleave((long) latOffset & 0xffffffffL, (long) longOffset & 0xffffffffL), step);
  }

  /** The score GEOADD gives a position: its step-26 cell as a 52-bit integer. */
  public static long scoreOf(double longitude, double latitude) {
    return encode(longitude, latitude, STEP_MAX).align52();
  }

  /** This cell's bits shifted to 52 bits (the lowest score inside it). */
  public long align52() {
    return bits << (52 - step * 2);
  }

  /** The cell after this one in score order (same step), whose aligned bits bound a range. */
  public GeoHash next() {
    return new GeoHash(bits + 1, step);
  }

  /** The bounds of this cell: {@code {longMin, longMax, latMin, latMax}}. */
  public double[] area() {
    long separated = deinterleave(bits);
    long latCell = separated & 0xffffffffL;
    long longCell = separated >>> 32;
    double latScale = LAT_MAX - LAT_MIN;
    double longScale = LONG_MAX - LONG_MIN;
    double cells = (double) (1L << step);
    return new double[] {
        LONG_MIN + (longCell * 1.0 / cells) * longScale,
        LONG_MIN + (((longCell + 1) & 0xffffffffL) * 1.0 / cells) * longScale,
        LAT_MIN + (latCell * 1.0 / cells) * latScale,
        LAT_MIN + (((latCell + 1) & 0xffffffffL) * 1.0 / cells) * latScale}; // C adds in uint32_t
  }

  /** The centre of this cell clamped to Redis's ranges: {@code {longitude, latitude}}. */
  public double[] center() {
    double[] a = area();
    double lon = (a[0] + a[1]) / 2;
    lon = Math.max(LONG_MIN, Math.min(LONG_MAX, lon));
    double lat = (a[2] + a[3]) / 2;
    lat = Math.max(LAT_MIN, Math.min(LAT_MAX, lat));
    return new double[] {lon, lat};
  }

  /**
   * The position a sorted-set score stands for: the centre of the step-26 cell of the score
   * converted to an unsigned 64-bit integer as x86-64 C converts it (so any score decodes, as in
   * Redis).
   */
  public static double[] pointOf(double score) {
    return new GeoHash(toUnsigned64(score), STEP_MAX).center();
  }

  /** {@code (uint64_t) d} as GCC compiles it for x86-64 (cvttsd2si, with 2^63 bias for large values). */
  static long toUnsigned64(double d) {
    final double twoTo63 = 9.223372036854775808E18;
    if (!(d >= twoTo63)) {
      return d != d ? Long.MIN_VALUE : (long) d;
    }
    double biased = d - twoTo63;
    long truncated = biased >= twoTo63 ? Long.MIN_VALUE : (long) biased;
    return truncated ^ Long.MIN_VALUE;
  }

  /** The cell moved by {@code dx} columns (longitude) and {@code dy} rows (latitude), wrapping. */
  public GeoHash moved(int dx, int dy) {
    long b = bits;
    if (dx != 0) {
      long x = b & 0xaaaaaaaaaaaaaaaaL;
      long y = b & 0x5555555555555555L;
      long zz = 0x5555555555555555L >>> (64 - step * 2);
      if (dx > 0) {
        x = x + (zz + 1);
      } else {
        x = x | zz;
        x = x - (zz + 1);
      }
      x &= (0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2));
      b = x | y;
    }
    if (dy != 0) {
      long x = b & 0xaaaaaaaaaaaaaaaaL;
      long y = b & 0x5555555555555555L;
      long zz = 0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2);
      if (dy > 0) {
        y = y + (zz + 1);
      } else {
        y = y | zz;
        y = y - (zz + 1);
      }
      y &= (0x5555555555555555L >>> (64 - step * 2));
      b = x | y;
    }
    return new GeoHash(b, step);
  }

  /** Spreads the low 32 bits of {@code x} to the even bits and of {@code y} to the odd bits. */
  static long interleave(long x, long y) {
    return spread(x) | (spread(y) << 1);
  }

  private static long spread(long v) {
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
    v = (v | (v << 2)) & 0x3333333333333333L;
    v = (v | (v << 1)) & 0x5555555555555555L;
    return v;
  }

  /** Gathers the even bits into the low 32 bits and the odd bits into the high 32. */
  static long deinterleave(long interleaved) {
    return gather(interleaved) | (gather(interleaved >>> 1) << 32);
  }

  private static long gather(long v) {
    v &= 0x5555555555555555L;
    v = (v | (v >>> 1)) & 0x3333333333333333L;
    v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
    v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
    v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
    v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
    return v;
  }
}
