package io.vigil.testkit.server.hll;

import java.util.Random;

/**
 * PFSELFTEST: checks that every dense register can be written and read back without disturbing
 * its neighbours, then adds ten million distinct elements to a dense and a sparse HyperLogLog at
 * once, checking at every power of ten that the sparse one is still sparse while small, that
 * both estimate the same, and that the error stays within six standard errors.
 *
 * <p>Runs in well under a second; blocking, on the calling thread.
 */
public final class HllSelfTest {

  private static final int CYCLES = 1000;

  private HllSelfTest() {}

  /**
   * Runs the test.
   *
   * @return null when it passed, else Redis's {@code TESTFAILED ...} text
   */
  public static String run(Random random, long sparseMaxBytes) {
    byte[] dense = new byte[HyperLogLog.DENSE_SIZE];
    int[] expected = new int[HyperLogLog.REGISTERS];
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
        int r = random.nextInt(64);
        expected[i] = r;
        HyperLogLog.denseSet(dense, i, r);
      }
      for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
        int got = HyperLogLog.denseGet(dense, i);
        if (got != expected[i]) {
          return "TESTFAILED Register " + i + " should be " + expected[i] + " but is " + got;
        }
      }
    }

    java.util.Arrays.fill(dense, (byte) 0);
    byte[] header = HyperLogLog.create().toBytes();
    System.arraycopy(header, 0, dense, 0, 4);
    HyperLogLog denseHll = HyperLogLog.wrap(dense);
    HyperLogLog sparseHll = HyperLogLog.create();
    double relativeError = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
    long checkpoint = 1;
    long seed = random.nextLong();
    byte[] element = new byte[8];
    for (long j = 1; j <= 10_000_000; j++) {
      long e = j ^ seed;
      for (int b = 0; b < 8; b++) {
        element[b] = (byte) (e >>> (8 * b)); // the C test hashes the integer's little-endian bytes
      }
      denseHll.add(element, sparseMaxBytes);
      sparseHll.add(element, sparseMaxBytes);
      if (j != checkpoint) {
        continue;
      }
      if (j < sparseMaxBytes / 2 && !sparseHll.isSparse()) {
        return "TESTFAILED sparse encoding not used";
      }
      long estimate = denseHll.estimateRegisters();
      if (estimate != sparseHll.estimateRegisters()) {
        return "TESTFAILED dense/sparse disagree";
      }
      long maxError = (long) Math.ceil(relativeError * 6 * checkpoint);
      if (j == 10) {
        maxError = 1; // collisions make cardinality 10 noisier than the bound allows
      }
      long absError = Math.abs(checkpoint - estimate);
      if (absError > maxError) {
        return "TESTFAILED Too big error. card:" + checkpoint + " abserr:" + absError;
      }
      checkpoint *= 10;
    }
    return null;
  }
}
