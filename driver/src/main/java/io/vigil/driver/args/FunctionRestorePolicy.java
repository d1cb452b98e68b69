package io.vigil.driver.args;

/** What {@code FUNCTION RESTORE} does with the libraries the server already has. */
public enum FunctionRestorePolicy {
  /** Deletes them first. */
  FLUSH,
  /** Adds the dumped libraries; fails on a name already loaded (Redis's default). */
  APPEND,
  /** Adds the dumped libraries, replacing those with the same name. */
  REPLACE
}
