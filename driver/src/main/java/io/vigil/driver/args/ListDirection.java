package io.vigil.driver.args;

/** An end of a list: where {@code LMOVE} takes and puts an element, and where {@code LMPOP} pops. */
public enum ListDirection {
  /** The head (index 0). */
  LEFT,
  /** The tail (index -1). */
  RIGHT
}
