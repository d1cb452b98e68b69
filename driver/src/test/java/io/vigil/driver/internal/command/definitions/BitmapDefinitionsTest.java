package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.args.BitFieldArgs;
import io.vigil.driver.args.BitFieldOffset;
import io.vigil.driver.args.BitFieldOverflow;
import io.vigil.driver.args.BitFieldType;
import io.vigil.driver.args.BitOperation;
import io.vigil.driver.args.BitRange;
import io.vigil.resp.RespInteger;
import org.junit.jupiter.api.Test;

class BitmapDefinitionsTest {

  private final RecordingRunner redis = new RecordingRunner(RespInteger.ONE);

  @Test
  void rangesAndOperationsWriteRedisForms() {
    assertThat(redis.wire(r -> r.setbit("k", 7, true))).containsExactly("SETBIT", "k", "7", "1");
    assertThat(redis.wire(r -> r.bitcount("k", BitRange.bits(5, 30)))).containsExactly("BITCOUNT", "k", "5", "30", "BIT");
    assertThat(redis.wire(r -> r.bitpos("k", false, 2))).containsExactly("BITPOS", "k", "0", "2");
    assertThat(redis.wire(r -> r.bitpos("k", true, BitRange.bytes(0, -1))))
        .containsExactly("BITPOS", "k", "1", "0", "-1", "BYTE");
    assertThat(redis.wire(r -> r.bitop(BitOperation.XOR, "d", "a", "b"))).containsExactly("BITOP", "XOR", "d", "a", "b");
    assertThat(redis.wire(r -> r.bitfield("k", BitFieldArgs.none().overflow(BitFieldOverflow.SAT)
        .incrby(BitFieldType.unsigned(8), BitFieldOffset.index(2), -3).get(BitFieldType.signed(64), 0)
        .set(BitFieldType.signed(4), 4, 7))))
        .containsExactly("BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "u8", "#2", "-3", "GET", "i64", "0",
            "SET", "i4", "4", "7");
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsSent() {
    redis.assertRejected(r -> r.setbit("k", -1, true), r -> r.setbit("k", -1, true), "SETBIT", "offset", "-1");
    redis.assertRejected(r -> r.getbit(null, 0), r -> r.getbit(null, 0), "GETBIT", "key");
    redis.assertRejected(r -> r.bitcount("k", null), r -> r.bitcount("k", null), "BITCOUNT", "range");
    redis.assertRejected(r -> r.bitop(BitOperation.NOT, "d", "a", "b"), r -> r.bitop(BitOperation.NOT, "d", "a", "b"),
        "BITOP NOT", "exactly one");
    redis.assertRejected(r -> r.bitop(BitOperation.AND, "d"), r -> r.bitop(BitOperation.AND, "d"), "BITOP",
        "source keys");
    redis.assertRejected(r -> r.bitop(null, "d", "a"), r -> r.bitop(null, "d", "a"), "BITOP", "operation");
    redis.assertRejected(r -> r.bitfield("k", BitFieldArgs.none()), r -> r.bitfield("k", BitFieldArgs.none()),
        "BITFIELD", "at least one operation");
    BitFieldArgs write = BitFieldArgs.none().set(BitFieldType.unsigned(8), 0, 1);
    redis.assertRejected(r -> r.bitfieldRo("k", write), r -> r.bitfieldRo("k", write), "BITFIELD_RO", "only GET");
  }
}
