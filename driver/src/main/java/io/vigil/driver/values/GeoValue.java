package io.vigil.driver.values;

/**
 * A member of a geo index with its position, as {@code GEOADD} takes it.
 *
 * @param <V> the member type
 * @param coordinates where it is
 * @param value the member
 */
public record GeoValue<V>(GeoCoordinates coordinates, V value) {

  /** {@code value} at {@code longitude}, {@code latitude}. */
  public static <V> GeoValue<V> of(double longitude, double latitude, V value) {
    return new GeoValue<>(new GeoCoordinates(longitude, latitude), value);
  }
}
