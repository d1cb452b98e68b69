package io.vigil.driver.args;

/**
 * The conditions of {@code ZADD}: add only new members ({@code NX}) or only update existing ones
 * ({@code XX}), update only to a greater ({@code GT}) or lesser ({@code LT}) score, and count
 * changed members rather than added ones ({@code CH}).
 *
 * <pre>{@code
 * redis.zadd("leaderboard", ZAddArgs.defaults().gt().ch(), 420, "ada"); // keep each player's best score
 * redis.zadd("queue", ZAddArgs.defaults().nx(), now, "job-7");         // never move a queued job
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a copy. Combinations Redis refuses throw
 * {@link IllegalArgumentException} at once: {@code NX} with {@code XX}, {@code GT} or {@code LT},
 * and {@code GT} with {@code LT}.
 */
public final class ZAddArgs {

  private static final ZAddArgs DEFAULTS = new ZAddArgs(false, false, false, false, false);

  private final boolean nx;
  private final boolean xx;
  private final boolean gt;
  private final boolean lt;
  private final boolean ch;

  private ZAddArgs(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch) {
    if (nx && xx) {
      throw new IllegalArgumentException("ZADD: NX and XX exclude each other (NX only adds, XX only updates)");
    }
    if (nx && (gt || lt)) {
      throw new IllegalArgumentException("ZADD: NX excludes " + (gt ? "GT" : "LT")
          + " (NX never updates a score; use XX with it to only update)");
    }
    if (gt && lt) {
      throw new IllegalArgumentException("ZADD: GT and LT exclude each other");
    }
    this.nx = nx;
    this.xx = xx;
    this.gt = gt;
    this.lt = lt;
    this.ch = ch;
  }

  /** No condition: members are added or updated, and the reply counts added ones. */
  public static ZAddArgs defaults() {
    return DEFAULTS;
  }

  /** Only add new members; never update an existing one ({@code NX}). */
  public ZAddArgs nx() {
    return new ZAddArgs(true, xx, gt, lt, ch);
  }

  /** Only update existing members; never add one ({@code XX}). */
  public ZAddArgs xx() {
    return new ZAddArgs(nx, true, gt, lt, ch);
  }

  /** Update an existing member only to a greater score; new members are still added ({@code GT}). */
  public ZAddArgs gt() {
    return new ZAddArgs(nx, xx, true, lt, ch);
  }

  /** Update an existing member only to a lesser score; new members are still added ({@code LT}). */
  public ZAddArgs lt() {
    return new ZAddArgs(nx, xx, gt, true, ch);
  }

  /** Reply with the number of members added or whose score changed ({@code CH}). */
  public ZAddArgs ch() {
    return new ZAddArgs(nx, xx, gt, lt, true);
  }

  /** Whether {@code NX} is set. */
  public boolean isNx() {
    return nx;
  }

  /** Whether {@code XX} is set. */
  public boolean isXx() {
    return xx;
  }

  /** Whether {@code GT} is set. */
  public boolean isGt() {
    return gt;
  }

  /** Whether {@code LT} is set. */
  public boolean isLt() {
    return lt;
  }

  /** Whether {@code CH} is set. */
  public boolean isCh() {
    return ch;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZAddArgs a && nx == a.nx && xx == a.xx && gt == a.gt && lt == a.lt && ch == a.ch;
  }

  @Override
  public int hashCode() {
    return (nx ? 16 : 0) | (xx ? 8 : 0) | (gt ? 4 : 0) | (lt ? 2 : 0) | (ch ? 1 : 0);
  }

  /** The tokens set, such as {@code ZAddArgs[XX GT CH]}. */
  @Override
  public String toString() {
    java.util.StringJoiner tokens = new java.util.StringJoiner(" ", "ZAddArgs[", "]");
    if (nx) {
      tokens.add("NX");
    }
    if (xx) {
      tokens.add("XX");
    }
    if (gt) {
      tokens.add("GT");
    }
    if (lt) {
      tokens.add("LT");
    }
    if (ch) {
      tokens.add("CH");
    }
    return tokens.toString();
  }
}
