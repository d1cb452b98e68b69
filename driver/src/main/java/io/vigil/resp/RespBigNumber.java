package io.vigil.resp;

import java.math.BigInteger;
import java.util.Objects;

/** A RESP3 big number ({@code (3492890328409238509324850943850943825024385}). */
public record RespBigNumber(BigInteger value) implements RespValue {

  public RespBigNumber {
    Objects.requireNonNull(value, "value");
  }
}
