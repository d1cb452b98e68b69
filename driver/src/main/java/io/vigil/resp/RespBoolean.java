package io.vigil.resp;

/** A RESP3 boolean ({@code #t}); a RESP2 peer receives the integer 1 or 0. */
public enum RespBoolean implements RespValue {
  TRUE,
  FALSE;

  /** The boolean as a value. */
  public static RespBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** The boolean. */
  public boolean value() {
    return this == TRUE;
  }
}
