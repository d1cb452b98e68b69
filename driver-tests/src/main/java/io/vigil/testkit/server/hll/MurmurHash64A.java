package io.vigil.testkit.server.hll;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Austin Appleby's MurmurHash2, 64-bit variant A, reading 8-byte blocks little-endian as Redis's
 * endian-neutral copy does, so the same bytes hash to the same value as in Redis.
 *
 * <p>Stateless and thread-safe.
 */
public final class MurmurHash64A {

  private static final long M = 0xc6a4a7935bd1e995L;
  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int R = 47;

  private MurmurHash64A() {}

  /** The hash of {@code data} with {@code seed} (an unsigned 32-bit value, as Redis passes it). */
  public static long hash(byte[] data, long seed) {
    int len = data.length;
    long h = (seed & 0xffffffffL) ^ (len * M);
    int blocks = len - (len & 7);
    for (int i = 0; i < blocks; i += 8) {
      long k = (long) LITTLE_ENDIAN_LONG.get(data, i);
      k *= M;
      k ^= k >>> R;
      k *= M;
      h ^= k;
      h *= M;
    }
    int rest = len & 7;
    if (rest > 0) {
      for (int j = rest - 1; j >= 0; j--) {
        h ^= (data[blocks + j] & 0xffL) << (8 * j);
      }
      h *= M;
    }
    h ^= h >>> R;
    h *= M;
    h ^= h >>> R;
    return h;
  }
}
