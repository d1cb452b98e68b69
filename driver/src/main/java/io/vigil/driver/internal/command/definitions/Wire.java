package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.Expiry;
import io.vigil.driver.args.GeoOrigin;
import io.vigil.driver.args.GeoSearchArgs;
import io.vigil.driver.args.GeoShape;
import io.vigil.driver.args.ScanArgs;
import io.vigil.driver.internal.command.Args;

/**
 * The wire form of options several commands share ({@code SET} and {@code GETEX} expiries, the
 * {@code GEOSEARCH} and {@code GEOSEARCHSTORE} query, {@code SCAN} filters), so each is written in
 * one place.
 */
final class Wire {

  /** Redis's bounds of a geo index's coordinates (the Web Mercator square). */
  static final double MAX_LATITUDE = 85.05112878;

  private Wire() {}

  static <K, V> Args<K, V> expiry(Args<K, V> args, Expiry expiry) {
    if (expiry != null) {
      args.add(expiry.kind().name());
      if (expiry.kind().hasAmount()) {
        args.add(expiry.amount());
      }
    }
    return args;
  }

  /** Adds a checked longitude and latitude. */
  static <K, V> Args<K, V> lonLat(Args<K, V> args, double longitude, double latitude) {
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(args.name() + ": the longitude must be -180 to 180, got " + longitude);
    }
    if (!(latitude >= -MAX_LATITUDE && latitude <= MAX_LATITUDE)) {
      throw new IllegalArgumentException(args.name() + ": the latitude must be -" + MAX_LATITUDE + " to "
          + MAX_LATITUDE + ", got " + latitude);
    }
    return args.add(longitude).add(latitude);
  }

  /** {@code FROMMEMBER|FROMLONLAT … BYRADIUS|BYBOX … [ASC|DESC] [COUNT n [ANY]]}. */
  static <K, V> Args<K, V> geoQuery(Args<K, V> args, GeoOrigin<V> origin, GeoShape shape, GeoSearchArgs options) {
    if (origin == null) {
      throw new IllegalArgumentException(args.name() + ": the origin must not be null");
    }
    if (shape == null) {
      throw new IllegalArgumentException(args.name() + ": the shape must not be null");
    }
    if (options == null) {
      throw new IllegalArgumentException(args.name() + ": the options must not be null (use GeoSearchArgs.none())");
    }
    if (origin instanceof GeoOrigin.Member<V> m) {
      args.add("FROMMEMBER").value(m.member(), "member");
    } else if (origin instanceof GeoOrigin.LonLat<V> p) {
      lonLat(args.add("FROMLONLAT"), p.longitude(), p.latitude());
    }
    if (shape instanceof GeoShape.Radius r) {
      args.add("BYRADIUS").add(r.radius()).add(r.unit().token());
    } else if (shape instanceof GeoShape.Box b) {
      args.add("BYBOX").add(b.width()).add(b.height()).add(b.unit().token());
    }
    if (options.order() != null) {
      args.add(options.order().name());
    }
    if (options.count() > 0) {
      args.add("COUNT").add(options.count()).addIf(options.isAny(), "ANY");
    }
    return args;
  }

  /** {@code [MATCH pattern] [COUNT n] [TYPE type]}. */
  static <K, V> Args<K, V> scan(Args<K, V> args, ScanArgs options) {
    if (options == null) {
      throw new IllegalArgumentException(args.name() + ": the options must not be null (use ScanArgs.none())");
    }
    byte[] match = options.match();
    if (match != null) {
      args.add("MATCH").add(match);
    }
    if (options.count() > 0) {
      args.add("COUNT").add(options.count());
    }
    if (options.type() != null) {
      args.add("TYPE").add(options.type());
    }
    return args;
  }
}
