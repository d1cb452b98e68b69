package io.vigil.driver.args;

/**
 * A range of a string for {@code BITCOUNT} and {@code BITPOS}: from {@code start} to {@code end}
 * inclusive, in bytes or bits, negative positions counting from the end ({@code -1} is the last).
 *
 * @param start the first byte or bit
 * @param end the last byte or bit
 * @param unit whether positions count bytes or bits
 */
public record BitRange(long start, long end, Unit unit) {

  /** Checks the unit. */
  public BitRange {
    if (unit == null) {
      throw new IllegalArgumentException("the bit range unit must not be null (BYTE or BIT)");
    }
  }

  /** What the positions of a range count. */
  public enum Unit {
    /** Bytes, Redis's default. */
    BYTE,
    /** Bits (Redis 7.0 and later). */
    BIT
  }

  /** Bytes {@code start} to {@code end} inclusive. */
  public static BitRange bytes(long start, long end) {
    return new BitRange(start, end, Unit.BYTE);
  }

  /** Bits {@code start} to {@code end} inclusive. */
  public static BitRange bits(long start, long end) {
    return new BitRange(start, end, Unit.BIT);
  }
}
