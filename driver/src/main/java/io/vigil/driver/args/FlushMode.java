package io.vigil.driver.args;

/** How {@code FLUSHALL}, {@code FLUSHDB}, {@code SCRIPT FLUSH} and {@code FUNCTION FLUSH} free memory. */
public enum FlushMode {
  /** In a background thread: the command returns at once. */
  ASYNC,
  /** Before the command returns. */
  SYNC
}
