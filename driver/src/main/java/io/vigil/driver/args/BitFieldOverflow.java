package io.vigil.driver.args;

/** What {@code BITFIELD} does when a {@code SET} or {@code INCRBY} leaves a field's range. */
public enum BitFieldOverflow {
  /** Wrap around, as integers overflow in C (the default). */
  WRAP,
  /** Saturate at the field's minimum or maximum. */
  SAT,
  /** Change nothing and answer null for that operation. */
  FAIL
}
