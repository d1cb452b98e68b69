package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.BitFieldArgs;
import io.vigil.driver.args.BitOperation;
import io.vigil.driver.args.BitRange;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.BitmapReplies;
import java.util.List;

/** Bitmaps: bits of string values, counted, searched and combined, and {@code BITFIELD} integers. */
public interface BitmapDefinitions<K, V> extends Definitions<K, V> {

  /**
   * Sets or clears the bit at {@code offset} (0 is the most significant bit of the first byte),
   * growing the string as needed; the bit's previous value.
   */
  default Spec<Boolean> setbit(K key, long offset, boolean value) {
    return command("SETBIT").key(key).add(Check.notNegative("SETBIT", "the offset", offset)).add(value ? 1 : 0)
        .spec(Replies.BOOLEAN);
  }

  /** The bit at {@code offset}; false beyond the end of the string or when the key is missing. */
  default Spec<Boolean> getbit(K key, long offset) {
    return command("GETBIT").key(key).add(Check.notNegative("GETBIT", "the offset", offset)).spec(Replies.BOOLEAN);
  }

  /** The number of set bits in the value at {@code key}; 0 when it is missing. */
  default Spec<Long> bitcount(K key) {
    return command("BITCOUNT").key(key).spec(Replies.INTEGER);
  }

  /** The number of set bits within {@code range} (bytes or bits, {@code BYTE}/{@code BIT}). */
  default Spec<Long> bitcount(K key, BitRange range) {
    return range(command("BITCOUNT").key(key), range).spec(Replies.INTEGER);
  }

  /**
   * The position of the first bit equal to {@code bit}, or -1 when there is none. Looking for a
   * clear bit in a string of set bits answers the first bit after its end, as if it were padded
   * with zeros; a missing key answers 0 for a clear bit and -1 for a set one.
   */
  default Spec<Long> bitpos(K key, boolean bit) {
    return command("BITPOS").key(key).add(bit ? 1 : 0).spec(Replies.INTEGER);
  }

  /**
   * {@link #bitpos(Object, boolean)} from byte {@code start} (negative counts from the end) to the
   * end of the string, padding included.
   */
  default Spec<Long> bitpos(K key, boolean bit, long start) {
    return command("BITPOS").key(key).add(bit ? 1 : 0).add(start).spec(Replies.INTEGER);
  }

  /**
   * The position of the first bit equal to {@code bit} within {@code range} (bytes or bits), or
   * -1 when the range holds none: with an end given, no padding is assumed.
   */
  default Spec<Long> bitpos(K key, boolean bit, BitRange range) {
    return range(command("BITPOS").key(key).add(bit ? 1 : 0), range).spec(Replies.INTEGER);
  }

  /**
   * Stores the bitwise {@code operation} of the values at {@code sources} (missing ones read as
   * zeros, shorter ones padded with zeros) at {@code destination}; the length of the result.
   * {@link BitOperation#NOT} takes exactly one source.
   */
  default Spec<Long> bitop(BitOperation operation, K destination, K... sources) {
    Check.notNull("BITOP", "the operation", operation);
    if (operation == BitOperation.NOT && sources != null && sources.length != 1) {
      throw new IllegalArgumentException("BITOP NOT takes exactly one source key, got " + sources.length);
    }
    return command("BITOP").add(operation.name()).key(destination, "destination").keys(sources, "source keys")
        .spec(Replies.INTEGER);
  }

  /**
   * Runs {@code operations} on the integer fields of the value at {@code key} ({@code BITFIELD});
   * one entry per {@code GET}, {@code SET} (the previous value) and {@code INCRBY} (the new
   * value), null where {@code OVERFLOW FAIL} stopped a write.
   */
  default Spec<List<Long>> bitfield(K key, BitFieldArgs operations) {
    return bitfieldArgs(command("BITFIELD").key(key), operations).spec(BitmapReplies.BITFIELD);
  }

  /**
   * Reads integer fields of the value at {@code key} ({@code BITFIELD_RO}, which replicas serve):
   * {@code operations} may hold only {@code GET}s.
   */
  default Spec<List<Long>> bitfieldRo(K key, BitFieldArgs operations) {
    Check.notNull("BITFIELD_RO", "the operations", operations);
    if (!operations.isReadOnly()) {
      throw new IllegalArgumentException("BITFIELD_RO accepts only GET operations, got " + operations.operations());
    }
    return bitfieldArgs(command("BITFIELD_RO").key(key), operations).spec(BitmapReplies.BITFIELD);
  }

  private Args<K, V> range(Args<K, V> args, BitRange range) {
    Check.notNull(args.name(), "the range", range);
    return args.add(range.start()).add(range.end()).add(range.unit().name());
  }

  private Args<K, V> bitfieldArgs(Args<K, V> args, BitFieldArgs operations) {
    Check.notNull(args.name(), "the operations", operations);
    if (operations.operations().isEmpty()) {
      throw new IllegalArgumentException(args.name() + " needs at least one operation");
    }
    for (BitFieldArgs.Operation op : operations.operations()) {
      if (op instanceof BitFieldArgs.Get g) {
        args.add("GET").add(g.type().toString()).add(g.offset().toString());
      } else if (op instanceof BitFieldArgs.Set s) {
        args.add("SET").add(s.type().toString()).add(s.offset().toString()).add(s.value());
      } else if (op instanceof BitFieldArgs.IncrBy i) {
        args.add("INCRBY").add(i.type().toString()).add(i.offset().toString()).add(i.increment());
      } else if (op instanceof BitFieldArgs.Overflow o) {
        args.add("OVERFLOW").add(o.behavior().name());
      }
    }
    return args;
  }
}
