package io.vigil.driver.args;

/** How {@code CLIENT UNBLOCK} ends a blocked command. */
public enum UnblockMode {
  /** As if its timeout passed: it returns its timeout reply (a null for {@code BLPOP}). */
  TIMEOUT,
  /** With the error {@code UNBLOCKED client unblocked via CLIENT UNBLOCK}. */
  ERROR
}
