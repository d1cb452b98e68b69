package io.vigil.testkit.server.geo;

/**
 * What a search covers: a circle of {@code radius}, or an axis-aligned box of {@code width} by
 * {@code height}, around a centre, in a unit whose size in metres is {@code conversion}. Immutable.
 */
public final class GeoShape {

  private final double longitude;
  private final double latitude;
  private final boolean circle;
  private final double radius;
  private final double width;
  private final double height;
  private final double conversion;

  private GeoShape(double longitude, double latitude, boolean circle, double radius, double width, double height,
      double conversion) {
    this.longitude = longitude;
    this.latitude = latitude;
    this.circle = circle;
    this.radius = radius;
    this.width = width;
    this.height = height;
    this.conversion = conversion;
  }

  /** A circle (BYRADIUS, GEORADIUS). */
  public static GeoShape circle(double longitude, double latitude, double radius, double conversion) {
    return new GeoShape(longitude, latitude, true, radius, 0, 0, conversion);
  }

  /** A box (BYBOX). */
  public static GeoShape box(double longitude, double latitude, double width, double height, double conversion) {
    return new GeoShape(longitude, latitude, false, 0, width, height, conversion);
  }

  /** The centre's longitude. */
  public double longitude() {
    return longitude;
  }

  /** The centre's latitude. */
  public double latitude() {
    return latitude;
  }

  /** Metres per unit of the search. */
  public double conversion() {
    return conversion;
  }

  /**
   * The distance from the centre in metres when the position is inside the shape, else -1
   * (Redis's {@code geohashGetDistanceIfInRadiusWGS84} and {@code geohashGetDistanceIfInRectangle}).
   */
  public double distanceIfInside(double lon, double lat) {
    if (circle) {
      double d = GeoDistance.meters(longitude, latitude, lon, lat);
      return d > radius * conversion ? -1 : d;
    }
    double lonDistance = GeoDistance.meters(lon, lat, longitude, lat);
    double latDistance = GeoDistance.meters(lon, lat, lon, latitude);
    if (lonDistance > width * conversion / 2 || latDistance > height * conversion / 2) {
      return -1;
    }
    return GeoDistance.meters(longitude, latitude, lon, lat);
  }

  /** The bounding box {@code {minLon, minLat, maxLon, maxLat}}, as {@code geohashBoundingBox}. */
  double[] bounds() {
    double h = conversion * (circle ? radius : height / 2);
    double w = conversion * (circle ? radius : width / 2);
    double latDelta = GeoDistance.radDeg(h / GeoDistance.EARTH_RADIUS_IN_METERS);
    double longDeltaTop = GeoDistance.radDeg(w / GeoDistance.EARTH_RADIUS_IN_METERS
        / Trig.cos(GeoDistance.degRad(latitude + latDelta)));
    double longDeltaBottom = GeoDistance.radDeg(w / GeoDistance.EARTH_RADIUS_IN_METERS
        / Trig.cos(GeoDistance.degRad(latitude - latDelta)));
    // the box's wider edge is the one nearer the equator
    boolean southern = latitude < 0;
    return new double[] {
        southern ? longitude - longDeltaBottom : longitude - longDeltaTop,
        latitude - latDelta,
        southern ? longitude + longDeltaBottom : longitude + longDeltaTop,
        latitude + latDelta};
  }

  /** The radius that decides the search step: the circle's, or the box's half diagonal, in metres. */
  double radiusMeters() {
    double r = circle ? radius : StrictMath.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2));
    return r * conversion;
  }
}
