package io.vigil.driver.args;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The options of {@code SET}: a condition ({@code NX} or {@code XX}) and an expiry ({@code EX},
 * {@code PX}, {@code EXAT}, {@code PXAT} or {@code KEEPTTL}). Options that exclude each other
 * throw {@link IllegalArgumentException} naming both.
 *
 * <pre>{@code
 * boolean locked = redis.set("lock:order:7", token, SetArgs.none().nx().px(Duration.ofSeconds(30)));
 * }</pre>
 *
 * <p>Immutable: each method returns a copy with one more option.
 */
public final class SetArgs {

  private static final SetArgs NONE = new SetArgs(null, null);

  /** The conditions of {@code SET}. */
  public enum Condition {
    /** Set only when the key does not exist. */
    NX,
    /** Set only when the key exists. */
    XX
  }

  private final Condition condition;
  private final Expiry expiry;

  private SetArgs(Condition condition, Expiry expiry) {
    this.condition = condition;
    this.expiry = expiry;
  }

  /** No option: set unconditionally and remove any expiry. */
  public static SetArgs none() {
    return NONE;
  }

  /** Set only when the key does not exist. */
  public SetArgs nx() {
    return withCondition(Condition.NX);
  }

  /** Set only when the key exists. */
  public SetArgs xx() {
    return withCondition(Condition.XX);
  }

  /** Expire after {@code ttl}, a positive whole number of seconds. */
  public SetArgs ex(Duration ttl) {
    return withExpiry(Expiry.Kind.EX, Expiries.after("SET", Expiry.Kind.EX, ttl));
  }

  /** Expire after {@code ttl}, a positive whole number of milliseconds. */
  public SetArgs px(Duration ttl) {
    return withExpiry(Expiry.Kind.PX, Expiries.after("SET", Expiry.Kind.PX, ttl));
  }

  /** Expire at the second {@code when} falls in (use {@link #pxAt} for millisecond precision). */
  public SetArgs exAt(Instant when) {
    return withExpiry(Expiry.Kind.EXAT, Expiries.at("SET", Expiry.Kind.EXAT, when));
  }

  /** Expire at the millisecond {@code when} falls in. */
  public SetArgs pxAt(Instant when) {
    return withExpiry(Expiry.Kind.PXAT, Expiries.at("SET", Expiry.Kind.PXAT, when));
  }

  /** Keep the key's current expiry instead of removing it. */
  public SetArgs keepTtl() {
    return withExpiry(Expiry.Kind.KEEPTTL, new Expiry(Expiry.Kind.KEEPTTL, 0));
  }

  /** The condition, or null when the value is set unconditionally. */
  public Condition condition() {
    return condition;
  }

  /** The expiry option, or null when {@code SET} removes any expiry. */
  public Expiry expiry() {
    return expiry;
  }

  private SetArgs withCondition(Condition c) {
    if (condition != null && condition != c) {
      throw new IllegalArgumentException("SET: " + condition + " and " + c + " exclude each other");
    }
    return new SetArgs(c, expiry);
  }

  private SetArgs withExpiry(Expiry.Kind kind, Expiry e) {
    Expiries.exclusive("SET", expiry, kind);
    return new SetArgs(condition, e);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SetArgs other && condition == other.condition && Objects.equals(expiry, other.expiry);
  }

  @Override
  public int hashCode() {
    return Objects.hash(condition, expiry);
  }

  @Override
  public String toString() {
    return "SetArgs[condition=" + condition + ", expiry=" + expiry + "]";
  }
}
