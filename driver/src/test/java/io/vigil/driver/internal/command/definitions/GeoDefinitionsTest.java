package io.vigil.driver.internal.command.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.args.GeoAddArgs;
import io.vigil.driver.args.GeoOrigin;
import io.vigil.driver.args.GeoSearchArgs;
import io.vigil.driver.args.GeoShape;
import io.vigil.driver.args.GeoUnit;
import io.vigil.driver.values.GeoValue;
import io.vigil.resp.RespInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeoDefinitionsTest {

  private final RecordingRunner redis = new RecordingRunner(RespInteger.ONE);

  @Test
  void geoaddAndGeosearchWriteRedisForms() {
    assertThat(redis.wire(r -> r.geoadd("g", GeoAddArgs.none().xx().ch(), List.of(GeoValue.of(13.5, 38.25, "p")))))
        .containsExactly("GEOADD", "g", "XX", "CH", "13.5", "38.25", "p");
    assertThat(redis.wire(r -> r.geosearchWithDetails("g", GeoOrigin.member("p"), GeoShape.box(4, 2.5, GeoUnit.MI),
        GeoSearchArgs.none().descending().count(3).any())))
        .containsExactly("GEOSEARCH", "g", "FROMMEMBER", "p", "BYBOX", "4", "2.5", "mi", "DESC", "COUNT", "3", "ANY",
            "WITHDIST", "WITHHASH", "WITHCOORD");
    assertThat(redis.wire(r -> r.geosearchstore("d", "g", GeoOrigin.lonLat(15, -37), GeoShape.radius(200, GeoUnit.KM),
        GeoSearchArgs.none(), true)))
        .containsExactly("GEOSEARCHSTORE", "d", "g", "FROMLONLAT", "15", "-37", "BYRADIUS", "200", "km", "STOREDIST");
  }

  @Test
  void badInputIsRejectedBeforeAnythingIsSent() {
    redis.assertRejected(r -> r.geoadd("g", 181, 0, "m"), r -> r.geoadd("g", 181, 0, "m"), "GEOADD", "longitude",
        "181");
    redis.assertRejected(r -> r.geoadd("g", 0, 86, "m"), r -> r.geoadd("g", 0, 86, "m"), "GEOADD", "latitude");
    redis.assertRejected(r -> r.geoadd("g", List.of()), r -> r.geoadd("g", List.of()), "GEOADD", "at least one member");
    redis.assertRejected(r -> r.geoadd("g", 0, 0, null), r -> r.geoadd("g", 0, 0, null), "GEOADD", "member");
    redis.assertRejected(r -> r.geopos("g"), r -> r.geopos("g"), "GEOPOS", "members");
    redis.assertRejected(r -> r.geodist("g", "a", "b", null), r -> r.geodist("g", "a", "b", null), "GEODIST", "unit");
    GeoOrigin<String> far = GeoOrigin.lonLat(0, -90);
    redis.assertRejected(r -> r.geosearch("g", far, GeoShape.radius(1, GeoUnit.M)),
        r -> r.geosearch("g", far, GeoShape.radius(1, GeoUnit.M)), "GEOSEARCH", "latitude", "-90");
    redis.assertRejected(r -> r.geosearch("g", null, GeoShape.radius(1, GeoUnit.M)),
        r -> r.geosearch("g", null, GeoShape.radius(1, GeoUnit.M)), "GEOSEARCH", "origin");
    redis.assertRejected(r -> r.geosearchstore("d", "g", GeoOrigin.member("m"), null),
        r -> r.geosearchstore("d", "g", GeoOrigin.member("m"), null), "GEOSEARCHSTORE", "shape");
  }
}
