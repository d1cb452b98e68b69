package io.vigil.driver.args;

/** The bitwise operations of {@code BITOP}; {@link #NOT} takes exactly one source key. */
public enum BitOperation {
  /** Bitwise and of every source. */
  AND,
  /** Bitwise or of every source. */
  OR,
  /** Bitwise exclusive or of every source. */
  XOR,
  /** The complement of one source. */
  NOT
}
