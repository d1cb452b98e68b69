package io.vigil.driver.args;

/**
 * How a write sets the expiry of its key: after a time, at a time, kept as it is, or removed. Held
 * by {@link SetArgs} and {@link GetExArgs}, which validate it.
 *
 * @param kind the option Redis is sent ({@code EX}, {@code PXAT}, {@code KEEPTTL}…)
 * @param amount seconds or milliseconds, relative or since the Unix epoch, as {@code kind} says; 0
 *     for {@link Kind#KEEPTTL} and {@link Kind#PERSIST}
 */
public record Expiry(Kind kind, long amount) {

  /** Checks the kind. */
  public Expiry {
    if (kind == null) {
      throw new IllegalArgumentException("the expiry kind must not be null");
    }
  }

  /** The expiry options of {@code SET} and {@code GETEX}, named as Redis names them. */
  public enum Kind {
    /** Expire after {@code amount} seconds. */
    EX,
    /** Expire after {@code amount} milliseconds. */
    PX,
    /** Expire at {@code amount} seconds since the Unix epoch. */
    EXAT,
    /** Expire at {@code amount} milliseconds since the Unix epoch. */
    PXAT,
    /** Keep the key's current expiry ({@code SET} only). */
    KEEPTTL,
    /** Remove the key's expiry ({@code GETEX} only). */
    PERSIST;

    /** Whether the option is followed by {@link Expiry#amount()}. */
    public boolean hasAmount() {
      return this != KEEPTTL && this != PERSIST;
    }
  }
}
