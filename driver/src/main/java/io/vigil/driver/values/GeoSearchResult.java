package io.vigil.driver.values;

/**
 * A member found by {@code GEOSEARCH}, with what {@code WITHDIST}, {@code WITHHASH} and {@code
 * WITHCOORD} report.
 *
 * @param <V> the member type
 * @param member the member
 * @param distance its distance from the search's origin, in the search shape's unit
 * @param hash its 52-bit geohash, the score it has in the underlying sorted set
 * @param coordinates its position
 */
public record GeoSearchResult<V>(V member, double distance, long hash, GeoCoordinates coordinates) {}
