package io.vigil.driver.args;

/**
 * Where a {@code GEOSEARCH} is centred: on a member of the index ({@code FROMMEMBER}) or on a
 * longitude and latitude ({@code FROMLONLAT}).
 *
 * @param <V> the member type
 */
public sealed interface GeoOrigin<V> {

  /** Centred on {@code member}, which must be in the index (else Redis answers an error). */
  static <V> GeoOrigin<V> member(V member) {
    return new Member<>(member);
  }

  /** Centred on {@code longitude}, {@code latitude} (degrees). */
  static <V> GeoOrigin<V> lonLat(double longitude, double latitude) {
    return new LonLat<>(longitude, latitude);
  }

  /**
   * {@code FROMMEMBER}.
   *
   * @param <V> the member type
   * @param member the member the search is centred on
   */
  record Member<V>(V member) implements GeoOrigin<V> {

    /** Checks the member. */
    public Member {
      if (member == null) {
        throw new IllegalArgumentException("GEOSEARCH: the FROMMEMBER member must not be null");
      }
    }
  }

  /**
   * {@code FROMLONLAT}; the command checks the ranges.
   *
   * @param <V> the member type
   * @param longitude degrees, -180 to 180
   * @param latitude degrees, -85.05112878 to 85.05112878
   */
  record LonLat<V>(double longitude, double latitude) implements GeoOrigin<V> {}
}
