package io.vigil.testkit.server.hll;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HyperLogLogTest {

  /** What Redis 7.0.15 stores after {@code PFADD h a b c} (its GET reply). */
  private static final String REDIS_ABC = "HYLL\u0001\0\0\0\0\0\0\0\0\0\0\u0080`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BZ";
  /** The same after {@code PFCOUNT h}: the cache holds 3. */
  private static final String REDIS_ABC_COUNTED = "HYLL\u0001\0\0\0\u0003\0\0\0\0\0\0\0`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BZ";
  private static final long SPARSE_MAX = 3000;

  private static HyperLogLog withElements(int n, String prefix) {
    HyperLogLog hll = HyperLogLog.create();
    for (int i = 0; i < n; i++) {
      hll.add((prefix + i).getBytes(UTF_8), SPARSE_MAX);
    }
    return hll;
  }

  @Test
  void addingWritesTheSparseBytesRedisWrites() {
    HyperLogLog hll = HyperLogLog.create();
    for (String e : new String[] {"a", "b", "c"}) {
      assertThat(hll.add(e.getBytes(UTF_8), SPARSE_MAX)).isTrue();
    }
    assertThat(new String(hll.toBytes(), ISO_8859_1)).isEqualTo(REDIS_ABC);
    assertThat(hll.decodeSparse()).isEqualTo("Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603");
  }

  @Test
  void countingARedisValueCachesTheCardinalityInTheHeader() {
    HyperLogLog hll = HyperLogLog.wrap(REDIS_ABC.getBytes(ISO_8859_1));
    assertThat(hll.cacheValid()).isFalse();
    assertThat(hll.count()).isEqualTo(3);
    assertThat(hll.modified()).isTrue();
    assertThat(new String(hll.toBytes(), ISO_8859_1)).isEqualTo(REDIS_ABC_COUNTED);
    HyperLogLog again = HyperLogLog.wrap(hll.toBytes());
    assertThat(again.count()).isEqualTo(3);
    assertThat(again.modified()).isFalse();
  }

  @Test
  void addingAnElementAlreadyCountedChangesNothing() {
    byte[] stored = REDIS_ABC.getBytes(ISO_8859_1);
    HyperLogLog hll = HyperLogLog.wrap(stored);
    assertThat(hll.add("b".getBytes(UTF_8), SPARSE_MAX)).isFalse();
    assertThat(hll.modified()).isFalse();
    assertThat(hll.toBytes()).isSameAs(stored);
  }

  @Test
  void changesNeverTouchTheWrappedArray() {
    byte[] stored = REDIS_ABC.getBytes(ISO_8859_1);
    byte[] before = stored.clone();
    HyperLogLog hll = HyperLogLog.wrap(stored);
    hll.add("d".getBytes(UTF_8), SPARSE_MAX);
    hll.count();
    assertThat(stored).isEqualTo(before);
  }

  @Test
  void sparseIsPromotedToDenseBeyondTheConfiguredSize() {
    HyperLogLog small = withElements(200, "e");
    assertThat(small.isSparse()).isTrue();
    HyperLogLog capped = HyperLogLog.create();
    for (int i = 0; i < 200 && capped.isSparse(); i++) {
      capped.add(("e" + i).getBytes(UTF_8), 100);
      assertThat(capped.toBytes().length <= 100 || !capped.isSparse()).isTrue();
    }
    assertThat(capped.isSparse()).isFalse();
    assertThat(capped.toBytes()).hasSize(HyperLogLog.DENSE_SIZE);
  }

  @Test
  void aRegisterAboveThirtyTwoCannotStaySparse() {
    HyperLogLog hll = withElements(10, "e");
    assertThat(hll.set(1234, 33, SPARSE_MAX)).isTrue();
    assertThat(hll.isSparse()).isFalse();
    assertThat(hll.registers()[1234]).isEqualTo(33);
    assertThat(hll.cacheValid()).isFalse();
  }

  @Test
  void sparseAndDenseFormsEstimateTheSame() {
    HyperLogLog sparse = withElements(1500, "x");
    assertThat(sparse.isSparse()).isTrue();
    HyperLogLog dense = HyperLogLog.wrap(sparse.toBytes());
    assertThat(dense.toDense()).isTrue();
    assertThat(dense.estimateRegisters()).isEqualTo(sparse.estimateRegisters());
    assertThat(dense.registers()).isEqualTo(HyperLogLog.wrap(sparse.toBytes()).registers());
  }

  @Test
  void estimatesStayWithinTheStandardErrorBound() {
    HyperLogLog hll = withElements(100_000, "k");
    assertThat(hll.isSparse()).isFalse();
    assertThat((double) hll.count()).isCloseTo(100_000, org.assertj.core.data.Percentage.withPercentage(3));
  }

  @Test
  void mergingTakesTheMaximumOfEachRegister() {
    HyperLogLog a = withElements(300, "a");
    HyperLogLog b = withElements(300, "b");
    byte[] max = new byte[HyperLogLog.REGISTERS];
    a.mergeInto(max);
    b.mergeInto(max);
    HyperLogLog both = withElements(300, "a");
    for (int i = 0; i < 300; i++) {
      both.add(("b" + i).getBytes(UTF_8), SPARSE_MAX);
    }
    assertThat(HyperLogLog.countRegisters(max)).isEqualTo(both.count());
  }

  @Test
  void corruptSparseRegistersAreReported() {
    byte[] bad = REDIS_ABC.getBytes(ISO_8859_1);
    bad[bad.length - 1]--; // the last run now ends one register short of 16384
    HyperLogLog hll = HyperLogLog.wrap(bad);
    assertThat(HyperLogLog.isValid(bad)).isTrue();
    assertThatThrownBy(hll::count).isInstanceOf(InvalidHllException.class);
    assertThatThrownBy(hll::toDense).isInstanceOf(InvalidHllException.class);
  }

  @Test
  void headerCheckRejectsWhatRedisRejects() {
    assertThat(HyperLogLog.isValid("HYLL".getBytes(UTF_8))).isFalse();
    assertThat(HyperLogLog.isValid(new byte[HyperLogLog.DENSE_SIZE])).isFalse();
    byte[] dense = new byte[HyperLogLog.DENSE_SIZE];
    System.arraycopy("HYLL".getBytes(UTF_8), 0, dense, 0, 4);
    assertThat(HyperLogLog.isValid(dense)).isTrue();
    assertThat(HyperLogLog.isValid(java.util.Arrays.copyOf(dense, dense.length - 1))).isFalse();
    byte[] unknownEncoding = REDIS_ABC.getBytes(ISO_8859_1);
    unknownEncoding[4] = 2;
    assertThat(HyperLogLog.isValid(unknownEncoding)).isFalse();
  }

  @Test
  void selfTestPasses() {
    assertThat(HllSelfTest.run(new Random(7), SPARSE_MAX)).isNull();
  }
}
