package io.vigil.resp;

/**
 * A RESP null. RESP2 has two spellings, the null bulk string ({@code $-1}) and the null array
 * ({@code *-1}); RESP3 has one ({@code _}). The kind says which RESP2 spelling the value takes
 * when encoded for a RESP2 peer; under RESP3 every kind is written as {@code _}.
 */
public enum RespNull implements RespValue {
  /** {@code $-1} in RESP2. */
  BULK,
  /** {@code *-1} in RESP2. */
  ARRAY,
  /** Decoded from RESP3 {@code _}; written as {@code $-1} to a RESP2 peer. */
  RESP3;

  @Override
  public boolean isNull() {
    return true;
  }
}
