package io.vigil.driver.values;

/**
 * A point on Earth as Redis's geo index stores it (a 52-bit geohash, so a position read back
 * differs from the one added by up to about 0.6 meters).
 *
 * @param longitude degrees east, -180 to 180
 * @param latitude degrees north, -85.05112878 to 85.05112878
 */
public record GeoCoordinates(double longitude, double latitude) {

  /** A point at {@code longitude}, {@code latitude}. */
  public static GeoCoordinates of(double longitude, double latitude) {
    return new GeoCoordinates(longitude, latitude);
  }
}
