package io.vigil.driver.commands;

import static io.vigil.driver.commands.Scenarios.assertUnknownCommand;
import static io.vigil.driver.commands.Scenarios.assertWrongType;
import static io.vigil.driver.commands.Scenarios.blockingAndAsync;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.RedisCommands;
import io.vigil.driver.args.BitFieldArgs;
import io.vigil.driver.args.BitFieldOffset;
import io.vigil.driver.args.BitFieldOverflow;
import io.vigil.driver.args.BitFieldType;
import io.vigil.driver.args.BitOperation;
import io.vigil.driver.args.BitRange;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BitmapCommandsTest {

  /** Bitmap commands the Java server does not implement yet. */
  private static final Set<String> GAPS = Set.of();

  private static final String TARGETS = "io.vigil.driver.commands.Target#all";

  @ParameterizedTest
  @MethodSource(TARGETS)
  void setbitReturnsThePreviousBitAndGetbitReadsIt(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      assertThat(redis.setbit("b", 7, true)).isFalse();
      assertThat(redis.setbit("b", 7, true)).isTrue();
      assertThat(redis.getbit("b", 7)).isTrue();
      assertThat(redis.getbit("b", 6)).isFalse();
      assertThat(redis.getbit("b", 1000)).isFalse();
      assertThat(redis.getbit("missing", 0)).isFalse();
      assertThat(redis.get("b")).isEqualTo("\u0001");
      assertThat(redis.setbit("b", 7, false)).isTrue();
      assertThat(redis.setbit("grown", 23, false)).isFalse();
      assertThat(redis.strlen("grown")).isEqualTo(3);
      redis.rpush("list", "x");
      assertWrongType(() -> redis.setbit("list", 0, true), "SETBIT", "list");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void bitcountCountsSetBitsInByteAndBitRanges(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      redis.set("k", "foobar");
      assertThat(redis.bitcount("k")).isEqualTo(26);
      assertThat(redis.bitcount("k", BitRange.bytes(0, 0))).isEqualTo(4);
      assertThat(redis.bitcount("k", BitRange.bytes(1, 1))).isEqualTo(6);
      assertThat(redis.bitcount("k", BitRange.bytes(-2, -1))).isEqualTo(7);
      assertThat(redis.bitcount("k", BitRange.bits(5, 30))).isEqualTo(17);
      assertThat(redis.bitcount("missing")).isZero();
      assertThat(redis.bitcount("missing", BitRange.bits(0, 100))).isZero();
      redis.rpush("list", "x");
      assertWrongType(() -> redis.bitcount("list"), "BITCOUNT", "list");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void bitposFindsTheFirstMatchingBitWithPaddingOnlyWithoutAnEnd(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      // 0xff 0xf0 0x00, Redis's documented example
      ones(redis, "k", 0, 12);
      redis.setbit("k", 23, false);
      assertThat(redis.bitpos("k", false)).isEqualTo(12);
      assertThat(redis.bitpos("k", true)).isZero();
      assertThat(redis.bitpos("k", true, 2)).isEqualTo(-1);
      assertThat(redis.bitpos("k", true, BitRange.bits(7, 15))).isEqualTo(7);
      assertThat(redis.bitpos("k", false, BitRange.bytes(0, 0))).isEqualTo(-1);
      assertThat(redis.bitpos("k", false, BitRange.bytes(1, -1))).isEqualTo(12);

      ones(redis, "full", 0, 16);
      assertThat(redis.bitpos("full", false)).isEqualTo(16); // padded with zeros on the right
      assertThat(redis.bitpos("full", false, 1)).isEqualTo(16);
      assertThat(redis.bitpos("full", false, BitRange.bytes(0, -1))).isEqualTo(-1); // an end: no padding

      assertThat(redis.bitpos("missing", false)).isZero();
      assertThat(redis.bitpos("missing", true)).isEqualTo(-1);
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void bitopCombinesSourcesIntoTheDestination(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      redis.set("a", "a"); // 0x61
      redis.set("b", "bb"); // 0x62 0x62
      assertThat(redis.bitop(BitOperation.AND, "and", "a", "b")).isEqualTo(2);
      assertThat(redis.get("and")).isEqualTo("`\0"); // 0x60, then 0x62 & padding
      assertThat(redis.bitop(BitOperation.OR, "or", "a", "b")).isEqualTo(2);
      assertThat(redis.get("or")).isEqualTo("cb");
      assertThat(redis.bitop(BitOperation.XOR, "xor", "a", "b", "missing")).isEqualTo(2);
      assertThat(redis.get("xor")).isEqualTo("\u0003b");
      assertThat(redis.bitop(BitOperation.NOT, "not", "a")).isEqualTo(1);
      assertThat(redis.bitcount("not")).isEqualTo(8 - 3);
      assertThat(redis.bitop(BitOperation.OR, "empty", "missing")).isZero();
      assertThat(redis.exists("empty")).isZero();
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void bitfieldReadsWritesAndIncrementsIntegersWithEachOverflow(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      BitFieldType u8 = BitFieldType.unsigned(8);
      BitFieldType i8 = BitFieldType.signed(8);
      BitFieldArgs ops = BitFieldArgs.none()
          .set(u8, 0, 255)
          .incrby(u8, 0, 10)
          .overflow(BitFieldOverflow.SAT).incrby(u8, 0, 300)
          .overflow(BitFieldOverflow.FAIL).incrby(u8, 0, 1)
          .set(i8, BitFieldOffset.index(1), -5)
          .get(i8, BitFieldOffset.index(1))
          .get(u8, 8);
      if (target.lacks("bitfield", GAPS)) {
        assertUnknownCommand(() -> redis.bitfield("bf", ops));
        return;
      }
      // previous 0; 255+10 wraps to 9; saturates at 255; fails (null); previous 0; -5; -5 as unsigned
      assertThat(redis.bitfield("bf", ops)).containsExactly(0L, 9L, 255L, null, 0L, -5L, 251L);
      assertThat(redis.getbit("bf", 7)).isTrue();
      assertThat(redis.bitfield("bf", BitFieldArgs.none().get(BitFieldType.signed(64), 0)))
          .containsExactly(0xfffb000000000000L);
      assertThat(redis.bitfield("missing", BitFieldArgs.none().get(u8, 100))).containsExactly(0L);
      redis.rpush("list", "x");
      assertWrongType(() -> redis.bitfield("list", BitFieldArgs.none().get(u8, 0)), "BITFIELD", "list");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void bitfieldRoReadsFields(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      redis.set("k", "AB"); // 0x41 0x42
      BitFieldArgs gets = BitFieldArgs.none().get(BitFieldType.unsigned(8), BitFieldOffset.index(1))
          .get(BitFieldType.unsigned(16), 0).get(BitFieldType.signed(4), 4);
      if (target.lacks("bitfield_ro", GAPS)) {
        assertUnknownCommand(() -> redis.bitfieldRo("k", gets));
        return;
      }
      assertThat(redis.bitfieldRo("k", gets)).containsExactly(0x42L, 0x4142L, 1L);
      assertThat(redis.bitfieldRo("missing", gets)).containsExactly(0L, 0L, 0L);
    });
  }

  /** Sets bits {@code from} to {@code to} (exclusive) of {@code key}. */
  private static void ones(RedisCommands<String, String> redis, String key, int from, int to) {
    for (int bit = from; bit < to; bit++) {
      redis.setbit(key, bit, true);
    }
  }
}
