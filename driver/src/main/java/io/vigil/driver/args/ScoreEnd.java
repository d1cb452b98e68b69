package io.vigil.driver.args;

/** An end of a sorted set: which members {@code ZMPOP} and {@code BZMPOP} pop. */
public enum ScoreEnd {
  /** The members with the lowest scores. */
  MIN,
  /** The members with the highest scores. */
  MAX
}
