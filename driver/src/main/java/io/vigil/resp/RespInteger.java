package io.vigil.resp;

/** A RESP integer ({@code :42}). */
public record RespInteger(long value) implements RespValue {

  private static final RespInteger[] SMALL = new RespInteger[1025];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new RespInteger(i - 1);
    }
  }

  /** The integer 0. */
  public static final RespInteger ZERO = of(0);
  /** The integer 1. */
  public static final RespInteger ONE = of(1);

  /** Returns an integer, reusing cached instances for -1 to 1023. */
  public static RespInteger of(long value) {
    if (value >= -1 && value < SMALL.length - 1) {
      return SMALL[(int) value + 1];
    }
    return new RespInteger(value);
  }
}
