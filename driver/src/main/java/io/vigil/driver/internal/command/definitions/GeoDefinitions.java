package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.GeoAddArgs;
import io.vigil.driver.args.GeoOrigin;
import io.vigil.driver.args.GeoSearchArgs;
import io.vigil.driver.args.GeoShape;
import io.vigil.driver.args.GeoUnit;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.NullableReply;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.GeoReplies;
import io.vigil.driver.values.GeoCoordinates;
import io.vigil.driver.values.GeoSearchResult;
import io.vigil.driver.values.GeoValue;
import java.util.Collection;
import java.util.List;

/**
 * Geospatial indexes: members with longitude and latitude, searched by radius or box. An index is
 * a sorted set whose scores are 52-bit geohashes, so the sorted-set commands work on it too.
 */
public interface GeoDefinitions<K, V> extends Definitions<K, V> {

  /**
   * Adds {@code member} at {@code longitude}, {@code latitude} (degrees) or moves it there; 1 when
   * it is new.
   */
  default Spec<Long> geoadd(K key, double longitude, double latitude, V member) {
    return Wire.lonLat(command("GEOADD").key(key), longitude, latitude).value(member, "member").spec(Replies.INTEGER);
  }

  /** Adds or moves {@code members}; how many were new. */
  default Spec<Long> geoadd(K key, Collection<GeoValue<V>> members) {
    return geoaddArgs(command("GEOADD").key(key), members).spec(Replies.INTEGER);
  }

  /**
   * Adds or moves {@code members} as {@code args} says: only new ones ({@code NX}), only existing
   * ones ({@code XX}); how many were added, or added and moved with {@code CH}.
   */
  default Spec<Long> geoadd(K key, GeoAddArgs args, Collection<GeoValue<V>> members) {
    Args<K, V> a = command("GEOADD").key(key);
    Check.notNull("GEOADD", "the options", args);
    a.addIf(args.isNx(), "NX").addIf(args.isXx(), "XX").addIf(args.isCh(), "CH");
    return geoaddArgs(a, members).spec(Replies.INTEGER);
  }

  /** The positions of {@code members}, null for each one not in the index (or a missing key). */
  default Spec<List<GeoCoordinates>> geopos(K key, V... members) {
    return command("GEOPOS").key(key).values(members, "members").spec(GeoReplies.POSITIONS);
  }

  /**
   * The distance between {@code member1} and {@code member2} in {@code unit}, or null when either
   * is not in the index.
   */
  @NullableReply
  default Spec<Double> geodist(K key, V member1, V member2, GeoUnit unit) {
    return command("GEODIST").key(key).value(member1, "member").value(member2, "member")
        .add(Check.notNull("GEODIST", "the unit", unit).token()).spec(Replies.DOUBLE);
  }

  /**
   * The 11-character geohashes of {@code members} (as geohash.org spells them), null for each one
   * not in the index.
   */
  default Spec<List<String>> geohash(K key, V... members) {
    return command("GEOHASH").key(key).values(members, "members").spec(GeoReplies.HASHES);
  }

  /** The members within {@code shape} around {@code origin}, unsorted. */
  default Spec<List<V>> geosearch(K key, GeoOrigin<V> origin, GeoShape shape) {
    return Wire.geoQuery(command("GEOSEARCH").key(key), origin, shape, GeoSearchArgs.none()).spec(values());
  }

  /** The members within {@code shape} around {@code origin}, ordered and limited as {@code args} says. */
  default Spec<List<V>> geosearch(K key, GeoOrigin<V> origin, GeoShape shape, GeoSearchArgs args) {
    return Wire.geoQuery(command("GEOSEARCH").key(key), origin, shape, args).spec(values());
  }

  /**
   * The members within {@code shape} around {@code origin} with their distance (in the shape's
   * unit), geohash and position ({@code WITHDIST WITHHASH WITHCOORD}), ordered and limited as
   * {@code args} says.
   */
  default Spec<List<GeoSearchResult<V>>> geosearchWithDetails(K key, GeoOrigin<V> origin, GeoShape shape,
      GeoSearchArgs args) {
    return Wire.geoQuery(command("GEOSEARCH").key(key), origin, shape, args)
        .add("WITHDIST").add("WITHHASH").add("WITHCOORD").spec(GeoReplies.searchResults(codec()));
  }

  /**
   * Stores the members of {@code source} within {@code shape} around {@code origin} in {@code
   * destination} (a geo index, replaced); how many.
   */
  default Spec<Long> geosearchstore(K destination, K source, GeoOrigin<V> origin, GeoShape shape) {
    return Wire.geoQuery(command("GEOSEARCHSTORE").key(destination, "destination").key(source, "source"),
        origin, shape, GeoSearchArgs.none()).spec(Replies.INTEGER);
  }

  /**
   * {@link #geosearchstore(Object, Object, GeoOrigin, GeoShape)} ordered and limited as {@code args}
   * says; with {@code storeDistances} the destination is a plain sorted set scored by each
   * member's distance in the shape's unit ({@code STOREDIST}) instead of a geo index.
   */
  default Spec<Long> geosearchstore(K destination, K source, GeoOrigin<V> origin, GeoShape shape,
      GeoSearchArgs args, boolean storeDistances) {
    return Wire.geoQuery(command("GEOSEARCHSTORE").key(destination, "destination").key(source, "source"),
        origin, shape, args).addIf(storeDistances, "STOREDIST").spec(Replies.INTEGER);
  }

  private Args<K, V> geoaddArgs(Args<K, V> args, Collection<GeoValue<V>> members) {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("GEOADD needs at least one member");
    }
    for (GeoValue<V> m : members) {
      Check.notNull("GEOADD", "a member", m);
      Check.notNull("GEOADD", "the coordinates of a member", m.coordinates());
      Wire.lonLat(args, m.coordinates().longitude(), m.coordinates().latitude()).value(m.value(), "member");
    }
    return args;
  }
}
