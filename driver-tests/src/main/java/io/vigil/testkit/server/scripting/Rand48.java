package io.vigil.testkit.server.scripting;

/**
 * The 48-bit linear congruential generator behind Redis's {@code math.random}: the sequence
 * {@code lrand48} gives, from lrand48's default state, never reseeded except by
 * {@code math.randomseed}, so scripts see the same numbers as on Redis. Server thread only.
 */
final class Rand48 {

  private static final long A = 0x5DEECE66DL;
  private static final long C = 0xB;
  private static final long MASK = (1L << 48) - 1;
  static final int MAX = Integer.MAX_VALUE;

  private long x = 0x1234ABCD330EL;

  /** The next 31-bit value, as {@code redisLrand48}. */
  int next() {
    x = (A * x + C) & MASK;
    return (int) (x >>> 17);
  }

  /** {@code redisSrand48(seed)}. */
  void seed(int seed) {
    x = ((seed & 0xFFFFFFFFL) << 16 | 0x330E) & MASK;
  }
}
