package io.vigil.driver.args;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations of one {@code BITFIELD} call, run in order: reads, writes and increments of
 * integer fields, and the overflow behaviour for the writes and increments after it. The reply
 * has one entry per {@code GET}, {@code SET} and {@code INCRBY}.
 *
 * <pre>{@code
 * List<Long> r = redis.bitfield("counters", BitFieldArgs.none()
 *     .overflow(BitFieldOverflow.SAT).incrby(BitFieldType.unsigned(8), BitFieldOffset.index(3), 1)
 *     .get(BitFieldType.unsigned(8), BitFieldOffset.index(0)));
 * }</pre>
 *
 * <p>Immutable: each method returns a copy with one more operation.
 */
public final class BitFieldArgs {

  private static final BitFieldArgs NONE = new BitFieldArgs(List.of());

  /** One operation of a {@code BITFIELD} call. */
  public sealed interface Operation {}

  /**
   * Reads a field.
   *
   * @param type the field's encoding
   * @param offset where it starts
   */
  public record Get(BitFieldType type, BitFieldOffset offset) implements Operation {}

  /**
   * Writes a field; its entry in the reply is the previous value.
   *
   * @param type the field's encoding
   * @param offset where it starts
   * @param value the new value
   */
  public record Set(BitFieldType type, BitFieldOffset offset, long value) implements Operation {}

  /**
   * Adds to a field; its entry in the reply is the new value.
   *
   * @param type the field's encoding
   * @param offset where it starts
   * @param increment what to add (negative to subtract)
   */
  public record IncrBy(BitFieldType type, BitFieldOffset offset, long increment) implements Operation {}

  /**
   * Sets the overflow behaviour of the writes and increments that follow; no entry in the reply.
   *
   * @param behavior wrap, saturate or fail
   */
  public record Overflow(BitFieldOverflow behavior) implements Operation {}

  private final List<Operation> operations;

  private BitFieldArgs(List<Operation> operations) {
    this.operations = operations;
  }

  /** No operation yet. */
  public static BitFieldArgs none() {
    return NONE;
  }

  /** Reads the field of {@code type} starting at bit {@code bitOffset}. */
  public BitFieldArgs get(BitFieldType type, long bitOffset) {
    return get(type, BitFieldOffset.bit(bitOffset));
  }

  /** Reads the field of {@code type} at {@code offset}. */
  public BitFieldArgs get(BitFieldType type, BitFieldOffset offset) {
    return with(new Get(type(type), offset(offset)));
  }

  /** Writes {@code value} to the field of {@code type} starting at bit {@code bitOffset}. */
  public BitFieldArgs set(BitFieldType type, long bitOffset, long value) {
    return set(type, BitFieldOffset.bit(bitOffset), value);
  }

  /** Writes {@code value} to the field of {@code type} at {@code offset}. */
  public BitFieldArgs set(BitFieldType type, BitFieldOffset offset, long value) {
    return with(new Set(type(type), offset(offset), value));
  }

  /** Adds {@code increment} to the field of {@code type} starting at bit {@code bitOffset}. */
  public BitFieldArgs incrby(BitFieldType type, long bitOffset, long increment) {
    return incrby(type, BitFieldOffset.bit(bitOffset), increment);
  }

  /** Adds {@code increment} to the field of {@code type} at {@code offset}. */
  public BitFieldArgs incrby(BitFieldType type, BitFieldOffset offset, long increment) {
    return with(new IncrBy(type(type), offset(offset), increment));
  }

  /** Sets how the writes and increments after this one handle overflow. */
  public BitFieldArgs overflow(BitFieldOverflow behavior) {
    if (behavior == null) {
      throw new IllegalArgumentException("BITFIELD: the OVERFLOW behavior must not be null");
    }
    return with(new Overflow(behavior));
  }

  /** The operations, in order. */
  public List<Operation> operations() {
    return operations;
  }

  /** Whether every operation is a {@code GET}, as {@code BITFIELD_RO} requires. */
  public boolean isReadOnly() {
    return operations.stream().allMatch(o -> o instanceof Get);
  }

  private BitFieldArgs with(Operation op) {
    List<Operation> next = new ArrayList<>(operations.size() + 1);
    next.addAll(operations);
    next.add(op);
    return new BitFieldArgs(List.copyOf(next));
  }

  private static BitFieldType type(BitFieldType type) {
    if (type == null) {
      throw new IllegalArgumentException("BITFIELD: the field type must not be null");
    }
    return type;
  }

  private static BitFieldOffset offset(BitFieldOffset offset) {
    if (offset == null) {
      throw new IllegalArgumentException("BITFIELD: the offset must not be null");
    }
    return offset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitFieldArgs other && operations.equals(other.operations);
  }

  @Override
  public int hashCode() {
    return operations.hashCode();
  }

  @Override
  public String toString() {
    return "BitFieldArgs" + operations;
  }
}
