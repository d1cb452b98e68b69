package io.vigil.driver.args;

import java.util.Locale;

/** The distance units of the geo commands. */
public enum GeoUnit {
  /** Meters. */
  M,
  /** Kilometers. */
  KM,
  /** Feet. */
  FT,
  /** Miles. */
  MI;

  /** The unit as Redis writes it ({@code km}). */
  public String token() {
    return name().toLowerCase(Locale.ROOT);
  }
}
