package io.vigil.driver.args;

/**
 * Where a {@code BITFIELD} field starts: at a bit, or at an index multiplied by the field's width
 * (Redis's {@code #n}, so {@code #2} of an {@code u8} is bit 16).
 *
 * @param value the bit or the index, not negative
 * @param scaled whether {@code value} is an index counted in field widths
 */
public record BitFieldOffset(long value, boolean scaled) {

  /** Checks the value. */
  public BitFieldOffset {
    if (value < 0) {
      throw new IllegalArgumentException("BITFIELD: an offset must not be negative, got " + value);
    }
  }

  /** The field starts at bit {@code bit}. */
  public static BitFieldOffset bit(long bit) {
    return new BitFieldOffset(bit, false);
  }

  /** The field is the {@code index}-th of its width ({@code #index}). */
  public static BitFieldOffset index(long index) {
    return new BitFieldOffset(index, true);
  }

  /** The offset as Redis writes it: {@code 16} or {@code #2}. */
  @Override
  public String toString() {
    return scaled ? "#" + value : Long.toString(value);
  }
}
