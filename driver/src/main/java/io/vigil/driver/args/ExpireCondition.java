package io.vigil.driver.args;

/**
 * When {@code EXPIRE} and its kin change a key's expiry; a key without an expiry counts as one
 * that never expires ({@code GT} never applies to it, {@code LT} always does).
 */
public enum ExpireCondition {
  /** Only when the key has no expiry. */
  NX,
  /** Only when the key has an expiry. */
  XX,
  /** Only when the new expiry is later than the current one. */
  GT,
  /** Only when the new expiry is earlier than the current one. */
  LT
}
