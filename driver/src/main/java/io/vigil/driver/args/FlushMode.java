package io.vigil.driver.args;

/** How {@code FLUSHALL} and {@code FLUSHDB} free the deleted keys' memory. */
public enum FlushMode {
  /** In a background thread: the command returns at once. */
  ASYNC,
  /** Before the command returns. */
  SYNC
}
