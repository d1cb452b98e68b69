package io.vigil.driver.args;

/** Where {@code LINSERT} puts the new element relative to the pivot. */
public enum InsertPosition {
  /** Just before the pivot, nearer the head. */
  BEFORE,
  /** Just after the pivot, nearer the tail. */
  AFTER
}
