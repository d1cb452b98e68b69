package io.vigil.driver.args;

import java.time.Duration;
import java.time.Instant;

/**
 * The expiry option of {@code GETEX}: one of {@code EX}, {@code PX}, {@code EXAT}, {@code PXAT}
 * or {@code PERSIST}, made by the factory of its name.
 *
 * <pre>{@code
 * String session = redis.getex("session:42", GetExArgs.ex(Duration.ofMinutes(30))); // sliding expiry
 * }</pre>
 *
 * <p>Immutable.
 */
public final class GetExArgs {

  private final Expiry expiry;

  private GetExArgs(Expiry expiry) {
    this.expiry = expiry;
  }

  /** Expire after {@code ttl}, a positive whole number of seconds. */
  public static GetExArgs ex(Duration ttl) {
    return new GetExArgs(Expiries.after("GETEX", Expiry.Kind.EX, ttl));
  }

  /** Expire after {@code ttl}, a positive whole number of milliseconds. */
  public static GetExArgs px(Duration ttl) {
    return new GetExArgs(Expiries.after("GETEX", Expiry.Kind.PX, ttl));
  }

  /** Expire at the second {@code when} falls in (use {@link #pxAt} for millisecond precision). */
  public static GetExArgs exAt(Instant when) {
    return new GetExArgs(Expiries.at("GETEX", Expiry.Kind.EXAT, when));
  }

  /** Expire at the millisecond {@code when} falls in. */
  public static GetExArgs pxAt(Instant when) {
    return new GetExArgs(Expiries.at("GETEX", Expiry.Kind.PXAT, when));
  }

  /** Remove the key's expiry. */
  public static GetExArgs persist() {
    return new GetExArgs(new Expiry(Expiry.Kind.PERSIST, 0));
  }

  /** The expiry option. */
  public Expiry expiry() {
    return expiry;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GetExArgs other && expiry.equals(other.expiry);
  }

  @Override
  public int hashCode() {
    return expiry.hashCode();
  }

  @Override
  public String toString() {
    return "GetExArgs[" + expiry + "]";
  }
}
