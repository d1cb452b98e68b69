package io.vigil.testkit.server.geo;

/**
 * Distances on Redis's sphere: the haversine great-circle distance with the earth's quadratic
 * mean radius for WGS-84 (6372797.560856 m), in the order of operations Redis uses.
 *
 * <p>Stateless. The trigonometry is {@link Trig}, rounded as the C library rounds it.
 */
public final class GeoDistance {

  /** Redis's earth radius, metres. */
  public static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
  private static final double D_R = Math.PI / 180.0;

  private GeoDistance() {}

  static double degRad(double ang) {
    return ang * D_R;
  }

  static double radDeg(double ang) {
    return ang / D_R;
  }

  /** Metres between two positions (longitude first, as Redis's {@code geohashGetDistance}). */
  public static double meters(double lon1d, double lat1d, double lon2d, double lat2d) {
    double lat1r = degRad(lat1d);
    double lon1r = degRad(lon1d);
    double lat2r = degRad(lat2d);
    double lon2r = degRad(lon2d);
    double u = Trig.sin((lat2r - lat1r) / 2);
    double v = Trig.sin((lon2r - lon1r) / 2);
    return 2.0 * EARTH_RADIUS_IN_METERS * Trig.asin(StrictMath.sqrt(u * u + Trig.cos(lat1r)
        * Trig.cos(lat2r) * v * v));
  }
}
