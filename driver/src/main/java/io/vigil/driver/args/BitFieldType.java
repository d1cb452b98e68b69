package io.vigil.driver.args;

/**
 * The integer encoding of a {@code BITFIELD} field: signed up to 64 bits ({@code i1}…{@code i64})
 * or unsigned up to 63 bits ({@code u1}…{@code u63}), as Redis allows.
 *
 * @param signed whether the field is two's complement
 * @param bits its width
 */
public record BitFieldType(boolean signed, int bits) {

  /** Checks the width against Redis's limits. */
  public BitFieldType {
    int max = signed ? 64 : 63;
    if (bits < 1 || bits > max) {
      throw new IllegalArgumentException("BITFIELD: " + (signed ? "a signed" : "an unsigned") + " field has 1 to "
          + max + " bits, got " + bits);
    }
  }

  /** A signed field of {@code bits} bits (1 to 64). */
  public static BitFieldType signed(int bits) {
    return new BitFieldType(true, bits);
  }

  /** An unsigned field of {@code bits} bits (1 to 63). */
  public static BitFieldType unsigned(int bits) {
    return new BitFieldType(false, bits);
  }

  /** The type as Redis writes it: {@code i8}, {@code u16}… */
  @Override
  public String toString() {
    return (signed ? "i" : "u") + bits;
  }
}
