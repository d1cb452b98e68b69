package io.vigil.testkit.server.command;

import static io.vigil.testkit.server.command.Call.bytes;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_GENERIC;
import static io.vigil.testkit.server.command.ServerContext.NOTIFY_ZSET;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespDouble;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespNull;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.geo.GeoDistance;
import io.vigil.testkit.server.geo.GeoHash;
import io.vigil.testkit.server.geo.GeoSearchArea;
import io.vigil.testkit.server.geo.GeoShape;
import io.vigil.testkit.server.geo.PartialSort;
import io.vigil.testkit.server.keyspace.Bytes;
import io.vigil.testkit.server.keyspace.Numbers;
import io.vigil.testkit.server.keyspace.ZSetValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Geo commands on sorted sets whose scores are 52-bit geohashes: GEOADD (run as the ZADD it
 * stands for, and propagated as that ZADD), GEOPOS, GEODIST, GEOHASH, GEOSEARCH,
 * GEOSEARCHSTORE and the legacy GEORADIUS/GEORADIUSBYMEMBER (and their _RO forms) with STORE and
 * STOREDIST. Searches visit Redis's nine cells in Redis's order and sort as Redis does, so the
 * members, their order and the printed numbers match.
 *
 * <p>Coordinates are printed as Redis's {@code ld2string} human form (17 decimals, trailing zeros
 * removed); over RESP3 they go out as doubles of the value that text stands for.
 */
final class GeoCommands {

  private static final int COORDS = 1;
  private static final int MEMBER = 1 << 1;
  private static final int NOSTORE = 1 << 2;
  private static final int SEARCH = 1 << 3;
  private static final int SEARCHSTORE = 1 << 4;
  private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

  private GeoCommands() {}

  static void install(CommandTable t) {
    Command zadd = t.get("zadd");
    if (zadd == null) {
      throw new IllegalStateException("install the sorted-set commands before the geo commands: GEOADD runs ZADD");
    }
    t.add("geoadd", c -> geoadd(c, zadd));
    t.add("geopos", GeoCommands::geopos);
    t.add("geodist", GeoCommands::geodist);
    t.add("geohash", GeoCommands::geohash);
    t.add("georadius", c -> search(c, 1, COORDS));
    t.add("georadius_ro", c -> search(c, 1, COORDS | NOSTORE));
    t.add("georadiusbymember", c -> search(c, 1, MEMBER));
    t.add("georadiusbymember_ro", c -> search(c, 1, MEMBER | NOSTORE));
    t.add("geosearch", c -> search(c, 1, SEARCH));
    t.add("geosearchstore", c -> search(c, 2, SEARCH | SEARCHSTORE));
  }

  // ---- arguments ----------------------------------------------------------------------------

  private static double number(Call c, int i, String error) {
    Double v = Numbers.parseDouble(c.arg(i));
    if (v == null) {
      throw new RedisError(error);
    }
    return v;
  }

  /** Longitude then latitude at {@code i}, within Redis's ranges. */
  private static double[] lonLat(Call c, int i) {
    double lon = number(c, i, RedisError.NOT_FLOAT);
    double lat = number(c, i + 1, RedisError.NOT_FLOAT);
    if (!GeoHash.inRange(lon, lat)) {
      throw new RedisError("ERR invalid longitude,latitude pair " + fixed(lon, 6) + "," + fixed(lat, 6));
    }
    return new double[] {lon, lat};
  }

  /** Metres per unit, as Redis's {@code extractUnitOrReply}. */
  private static double unit(Call c, int i) {
    switch (c.str(i).toLowerCase(java.util.Locale.ROOT)) {
      case "m": return 1;
      case "km": return 1000;
      case "ft": return 0.3048;
      case "mi": return 1609.34;
      default: throw new RedisError("ERR unsupported unit provided. please use M, KM, FT, MI");
    }
  }

  // ---- formatting ---------------------------------------------------------------------------

  /** C's {@code %.Nf}: the exact binary value rounded half-even, {@code inf}/{@code -inf} as C prints them. */
  private static String fixed(double d, int decimals) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    String s = new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    // C keeps the sign of a negative value that rounds to zero (and of -0)
    return Double.doubleToRawLongBits(d) < 0 && s.charAt(0) != '-' ? "-" + s : s;
  }

  /** A distance as Redis prints it ({@code %.4f}), a bulk string in both protocols. */
  private static RespValue distance(double d) {
    return RespBulkString.of(fixed(d, 4).getBytes(StandardCharsets.US_ASCII));
  }

  /** A coordinate as Redis's {@code addReplyHumanLongDouble}. */
  private static RespValue coordinate(Call c, double d) {
    byte[] human = Numbers.formatHuman(new BigDecimal(d));
    if (!c.resp3()) {
      return RespBulkString.of(human);
    }
    // the RESP3 codec spells doubles %.17g; send the value Redis's spelling stands for
    return new RespDouble(Double.parseDouble(new String(human, StandardCharsets.US_ASCII)));
  }

  private static RespValue position(Call c, double[] xy) {
    return RespArray.of(coordinate(c, xy[0]), coordinate(c, xy[1]));
  }

  // ---- GEOADD, GEOPOS, GEODIST, GEOHASH -----------------------------------------------------

  private static RespValue geoadd(Call c, Command zadd) {
    boolean nx = false;
    boolean xx = false;
    int first = 2;
    for (; first < c.argc(); first++) {
      if (c.is(first, "NX")) {
        nx = true;
      } else if (c.is(first, "XX")) {
        xx = true;
      } else if (!c.is(first, "CH")) {
        break;
      }
    }
    if ((c.argc() - first) % 3 != 0 || (xx && nx)) {
      throw RedisError.syntax();
    }
    int elements = (c.argc() - first) / 3;
    byte[][] args = new byte[first + elements * 2][];
    args[0] = bytes("zadd");
    System.arraycopy(c.argv(), 1, args, 1, first - 1);
    for (int i = 0; i < elements; i++) {
      double[] xy = lonLat(c, first + i * 3);
      args[first + i * 2] = Numbers.format(GeoHash.scoreOf(xy[0], xy[1]));
      args[first + i * 2 + 1] = c.arg(first + i * 3 + 2);
    }
    return c.delegate(zadd, args);
  }

  private static RespValue geopos(Call c) {
    ZSetValue z = c.read(c.key(1), ZSetValue.class);
    List<RespValue> out = new ArrayList<>(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      Double score = z == null ? null : z.score(c.key(i));
      out.add(score == null ? RespNull.ARRAY : position(c, GeoHash.pointOf(score)));
    }
    return new RespArray(out);
  }

  private static RespValue geodist(Call c) {
    double toMeters = 1;
    if (c.argc() == 5) {
      toMeters = unit(c, 4);
    } else if (c.argc() > 5) {
      throw RedisError.syntax();
    }
    ZSetValue z = c.read(c.key(1), ZSetValue.class);
    if (z == null) {
      return RespNull.BULK;
    }
    Double s1 = z.score(c.key(2));
    Double s2 = z.score(c.key(3));
    if (s1 == null || s2 == null) {
      return RespNull.BULK;
    }
    double[] a = GeoHash.pointOf(s1);
    double[] b = GeoHash.pointOf(s2);
    return distance(GeoDistance.meters(a[0], a[1], b[0], b[1]) / toMeters);
  }

  private static RespValue geohash(Call c) {
    ZSetValue z = c.read(c.key(1), ZSetValue.class);
    List<RespValue> out = new ArrayList<>(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      Double score = z == null ? null : z.score(c.key(i));
      if (score == null) {
        out.add(RespNull.BULK);
        continue;
      }
      // the standard geohash spans latitude -90..90, not Redis's Mercator limits: re-encode
      double[] xy = GeoHash.pointOf(score);
      GeoHash h = GeoHash.encode(-180, 180, -90, 90, xy[0], xy[1], 26);
      long bits = h == null ? 0 : h.bits();
      char[] text = new char[11];
      for (int j = 0; j < 11; j++) {
        // 52 bits make ten characters; the eleventh is always '0', as Redis writes it
        int idx = j == 10 ? 0 : (int) ((bits >>> (52 - (j + 1) * 5)) & 0x1f);
        text[j] = ALPHABET.charAt(idx);
      }
      out.add(RespBulkString.of(new String(text).getBytes(StandardCharsets.US_ASCII)));
    }
    return new RespArray(out);
  }

  // ---- searches -----------------------------------------------------------------------------

  /** One member found by a search. */
  private record Point(Bytes member, double score, double longitude, double latitude, double dist) {}

  /** Redis's {@code georadiusGeneric}, for every search command. */
  private static RespValue search(Call c, int srcKeyIndex, int flags) {
    Bytes storeKey = null;
    boolean storeDist = false;
    ZSetValue z = c.read(c.key(srcKeyIndex), ZSetValue.class);

    int baseArgs;
    double[] center = null;
    double radius = 0;
    double width = 0;
    double height = 0;
    double conversion = 0;
    boolean box = false;
    if ((flags & COORDS) != 0) {
      baseArgs = 6;
      center = lonLat(c, 2);
      radius = radius(c, baseArgs - 2);
      conversion = unit(c, baseArgs - 1);
    } else if ((flags & MEMBER) != 0 && z == null) {
      baseArgs = 5; // parse the rest to learn whether a STORE reply is due
    } else if ((flags & MEMBER) != 0) {
      baseArgs = 5;
      center = memberPosition(z, c.key(2));
      radius = radius(c, baseArgs - 2);
      conversion = unit(c, baseArgs - 1);
    } else {
      baseArgs = 2;
      if ((flags & SEARCHSTORE) != 0) {
        baseArgs = 3;
        storeKey = c.key(1);
      }
    }

    boolean withDist = false;
    boolean withHash = false;
    boolean withCoords = false;
    boolean fromMember = false;
    boolean fromLonLat = false;
    boolean byRadius = false;
    boolean byBox = false;
    int sort = 0; // 0 none, 1 ascending, 2 descending
    boolean any = false;
    long count = 0;
    boolean search = (flags & SEARCH) != 0;
    boolean storeAllowed = (flags & NOSTORE) == 0 && !search;
    int remaining = c.argc() - baseArgs;
    for (int i = 0; i < remaining; i++) {
      int at = baseArgs + i;
      if (c.is(at, "WITHDIST")) {
        withDist = true;
      } else if (c.is(at, "WITHHASH")) {
        withHash = true;
      } else if (c.is(at, "WITHCOORD")) {
        withCoords = true;
      } else if (c.is(at, "ANY")) {
        any = true;
      } else if (c.is(at, "ASC")) {
        sort = 1;
      } else if (c.is(at, "DESC")) {
        sort = 2;
      } else if (c.is(at, "COUNT") && i + 1 < remaining) {
        count = c.longArg(at + 1);
        if (count <= 0) {
          throw new RedisError("ERR COUNT must be > 0");
        }
        i++;
      } else if (c.is(at, "STORE") && i + 1 < remaining && storeAllowed) {
        storeKey = c.key(at + 1);
        storeDist = false;
        i++;
      } else if (c.is(at, "STOREDIST") && i + 1 < remaining && storeAllowed) {
        storeKey = c.key(at + 1);
        storeDist = true;
        i++;
      } else if (c.is(at, "STOREDIST") && search && (flags & SEARCHSTORE) != 0) {
        storeDist = true;
      } else if (c.is(at, "FROMMEMBER") && i + 1 < remaining && search && !fromLonLat) {
        if (z != null) {
          center = memberPosition(z, c.key(at + 1));
        }
        fromMember = true;
        i++;
      } else if (c.is(at, "FROMLONLAT") && i + 2 < remaining && search && !fromMember) {
        center = lonLat(c, at + 1);
        fromLonLat = true;
        i += 2;
      } else if (c.is(at, "BYRADIUS") && i + 2 < remaining && search && !byBox) {
        radius = radius(c, at + 1);
        conversion = unit(c, at + 2);
        box = false;
        byRadius = true;
        i += 2;
      } else if (c.is(at, "BYBOX") && i + 3 < remaining && search && !byRadius) {
        width = number(c, at + 1, "ERR need numeric width");
        height = number(c, at + 2, "ERR need numeric height");
        if (height < 0 || width < 0) {
          throw new RedisError("ERR height or width cannot be negative");
        }
        conversion = unit(c, at + 3);
        box = true;
        byBox = true;
        i += 3;
      } else {
        throw RedisError.syntax();
      }
    }
    if (storeKey != null && (withDist || withHash || withCoords)) {
      throw new RedisError("ERR " + ((flags & SEARCHSTORE) != 0 ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
          + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
    }
    if (search && !(fromMember || fromLonLat)) {
      throw new RedisError("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + c.str(0));
    }
    if (search && !(byRadius || byBox)) {
      throw new RedisError("ERR exactly one of BYRADIUS and BYBOX can be specified for " + c.str(0));
    }
    if (any && count == 0) {
      throw new RedisError("ERR the ANY argument requires COUNT argument");
    }

    if (z == null) {
      if (storeKey == null) {
        return RespArray.EMPTY;
      }
      if (c.db().delete(storeKey)) {
        c.notify(NOTIFY_GENERIC, "del", storeKey);
      }
      return RespInteger.ZERO;
    }
    if (count != 0 && sort == 0 && !any) {
      sort = 1; // the nearest N need an order
    }
    GeoShape shape = box ? GeoShape.box(center[0], center[1], width, height, conversion)
        : GeoShape.circle(center[0], center[1], radius, conversion);
    List<Point> found = collect(z, shape, any ? count : 0);
    if (found.isEmpty() && storeKey == null) {
      return RespArray.EMPTY;
    }
    int returned = (int) (count == 0 || found.size() < count ? found.size() : count);
    if (sort != 0) {
      Comparator<Point> byDistance = (a, b) -> a.dist() > b.dist() ? 1 : a.dist() == b.dist() ? 0 : -1;
      Comparator<Point> order = sort == 1 ? byDistance : (a, b) -> -byDistance.compare(a, b);
      if (returned == found.size()) {
        found.sort(order); // glibc's qsort is a stable merge sort here
      } else {
        PartialSort.sort(found, order, 0, returned - 1);
      }
    }

    if (storeKey == null) {
      List<RespValue> out = new ArrayList<>(returned);
      boolean options = withDist || withHash || withCoords;
      for (int i = 0; i < returned; i++) {
        Point p = found.get(i);
        RespValue name = RespBulkString.of(p.member().bytes());
        if (!options) {
          out.add(name);
          continue;
        }
        List<RespValue> item = new ArrayList<>(4);
        item.add(name);
        if (withDist) {
          item.add(distance(p.dist() / conversion));
        }
        if (withHash) {
          item.add(RespInteger.of((long) p.score()));
        }
        if (withCoords) {
          item.add(position(c, new double[] {p.longitude(), p.latitude()}));
        }
        out.add(new RespArray(item));
      }
      return new RespArray(out);
    }

    if (returned > 0) {
      ZSetValue stored = new ZSetValue();
      for (int i = 0; i < returned; i++) {
        Point p = found.get(i);
        stored.put(p.member(), storeDist ? p.dist() / conversion : p.score(), c.server());
      }
      c.db().put(storeKey, stored, false);
      c.notify(NOTIFY_ZSET, search ? "geosearchstore" : "georadiusstore", storeKey);
      c.server().addDirty(returned - 1); // Redis counts each stored member
    } else if (c.db().delete(storeKey)) {
      c.notify(NOTIFY_GENERIC, "del", storeKey);
    }
    return RespInteger.of(returned);
  }

  private static double radius(Call c, int i) {
    double d = number(c, i, "ERR need numeric radius");
    if (d < 0) {
      throw new RedisError("ERR radius cannot be negative");
    }
    return d;
  }

  private static double[] memberPosition(ZSetValue z, Bytes member) {
    Double score = z.score(member);
    if (score == null) {
      throw new RedisError("ERR could not decode requested zset member");
    }
    return GeoHash.pointOf(score);
  }

  /**
   * The members inside {@code shape}, cell by cell in Redis's visiting order and by score within
   * a cell, stopping once {@code limit} (when not 0) are found, as {@code membersOfAllNeighbors}.
   */
  private static List<Point> collect(ZSetValue z, GeoShape shape, long limit) {
    List<Point> found = new ArrayList<>();
    Bytes lowest = Bytes.wrap(new byte[0]);
    for (GeoHash cell : GeoSearchArea.cells(shape)) {
      if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
        break;
      }
      double min = cell.align52();
      double max = cell.next().align52();
      for (ZSetValue.Entry e : z.entries().tailSet(new ZSetValue.Entry(min, lowest), true)) {
        if (!(e.score() < max)) {
          break;
        }
        double[] xy = GeoHash.pointOf(e.score());
        double dist = shape.distanceIfInside(xy[0], xy[1]);
        if (dist >= 0) {
          found.add(new Point(e.member(), e.score(), xy[0], xy[1], dist));
        }
        if (!found.isEmpty() && limit != 0 && found.size() >= limit) {
          break;
        }
      }
    }
    return found;
  }
}
