package io.vigil.driver.args;

/**
 * The area a {@code GEOSEARCH} covers around its origin: a circle ({@code BYRADIUS}) or an
 * axis-aligned box ({@code BYBOX}); distances in the results are in the shape's unit.
 */
public sealed interface GeoShape {

  /** The unit of the shape's sizes and of the distances reported. */
  GeoUnit unit();

  /** A circle of {@code radius} (not negative) in {@code unit}. */
  static GeoShape radius(double radius, GeoUnit unit) {
    return new Radius(radius, unit);
  }

  /** A box {@code width} by {@code height} (not negative) in {@code unit}, centred on the origin. */
  static GeoShape box(double width, double height, GeoUnit unit) {
    return new Box(width, height, unit);
  }

  /**
   * {@code BYRADIUS}.
   *
   * @param radius not negative
   * @param unit its unit
   */
  record Radius(double radius, GeoUnit unit) implements GeoShape {

    /** Checks the radius and unit. */
    public Radius {
      check("radius", radius, unit);
    }
  }

  /**
   * {@code BYBOX}.
   *
   * @param width east to west, not negative
   * @param height north to south, not negative
   * @param unit their unit
   */
  record Box(double width, double height, GeoUnit unit) implements GeoShape {

    /** Checks the sizes and unit. */
    public Box {
      check("width", width, unit);
      check("height", height, unit);
    }
  }

  private static void check(String what, double size, GeoUnit unit) {
    if (!(size >= 0) || Double.isInfinite(size)) {
      throw new IllegalArgumentException("GEOSEARCH: the " + what + " must be a finite number, not negative, got " + size);
    }
    if (unit == null) {
      throw new IllegalArgumentException("GEOSEARCH: the unit of the " + what + " must not be null");
    }
  }
}
