package io.vigil.driver.args;

/**
 * The options of {@code GEOADD}: a condition ({@code NX}: only add new members, {@code XX}: only
 * update existing ones) and {@code CH} (count changed members, not only added ones).
 *
 * <p>Immutable: each method returns a copy with one more option.
 */
public final class GeoAddArgs {

  private static final GeoAddArgs NONE = new GeoAddArgs(false, false, false);

  private final boolean nx;
  private final boolean xx;
  private final boolean ch;

  private GeoAddArgs(boolean nx, boolean xx, boolean ch) {
    this.nx = nx;
    this.xx = xx;
    this.ch = ch;
  }

  /** No option: add new members and update existing ones, counting the added. */
  public static GeoAddArgs none() {
    return NONE;
  }

  /** Only add new members; never update one. */
  public GeoAddArgs nx() {
    if (xx) {
      throw new IllegalArgumentException("GEOADD: XX and NX exclude each other");
    }
    return new GeoAddArgs(true, false, ch);
  }

  /** Only update existing members; never add one. */
  public GeoAddArgs xx() {
    if (nx) {
      throw new IllegalArgumentException("GEOADD: NX and XX exclude each other");
    }
    return new GeoAddArgs(false, true, ch);
  }

  /** Count the members added or moved, instead of only the added. */
  public GeoAddArgs ch() {
    return new GeoAddArgs(nx, xx, true);
  }

  /** Whether only new members are added. */
  public boolean isNx() {
    return nx;
  }

  /** Whether only existing members are updated. */
  public boolean isXx() {
    return xx;
  }

  /** Whether changed members are counted. */
  public boolean isCh() {
    return ch;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeoAddArgs other && nx == other.nx && xx == other.xx && ch == other.ch;
  }

  @Override
  public int hashCode() {
    return (nx ? 1 : 0) + (xx ? 2 : 0) + (ch ? 4 : 0);
  }

  @Override
  public String toString() {
    return "GeoAddArgs[nx=" + nx + ", xx=" + xx + ", ch=" + ch + "]";
  }
}
