package io.vigil.driver.commands;

import static io.vigil.driver.commands.Scenarios.assertUnknownCommand;
import static io.vigil.driver.commands.Scenarios.assertWrongType;
import static io.vigil.driver.commands.Scenarios.blockingAndAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.driver.RedisCommands;
import io.vigil.driver.RedisServerException;
import io.vigil.driver.args.GeoAddArgs;
import io.vigil.driver.args.GeoOrigin;
import io.vigil.driver.args.GeoSearchArgs;
import io.vigil.driver.args.GeoShape;
import io.vigil.driver.args.GeoUnit;
import io.vigil.driver.values.GeoCoordinates;
import io.vigil.driver.values.GeoSearchResult;
import io.vigil.driver.values.GeoValue;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Positions and distances are Redis's documented Sicily examples. */
class GeoCommandsTest {

  /** Geo commands the Java server does not implement yet. */
  private static final Set<String> GAPS = Set.of();

  private static final String TARGETS = "io.vigil.driver.commands.Target#all";

  /** How far a position read back may be from the one added (52-bit geohash precision). */
  private static final double DEGREES = 1e-5;

  @ParameterizedTest
  @MethodSource(TARGETS)
  void geoaddAddsOrMovesMembersAsItsOptionsSay(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      if (target.lacks("geoadd", GAPS)) {
        assertUnknownCommand(() -> redis.geoadd("Sicily", 13.361389, 38.115556, "Palermo"));
        return;
      }
      assertThat(redis.geoadd("Sicily", 13.361389, 38.115556, "Palermo")).isOne();
      assertThat(redis.geoadd("Sicily", 13.361389, 38.115556, "Palermo")).isZero();
      assertThat(redis.geoadd("Sicily", List.of(GeoValue.of(15.087269, 37.502669, "Catania"),
          GeoValue.of(13.583333, 37.316667, "Agrigento")))).isEqualTo(2);

      assertThat(redis.geoadd("Sicily", GeoAddArgs.none().xx(), List.of(GeoValue.of(14.0, 37.0, "Messina")))).isZero();
      assertThat(redis.geoadd("Sicily", GeoAddArgs.none().nx(), List.of(GeoValue.of(1, 1, "Palermo")))).isZero();
      assertThat(redis.geoadd("Sicily", GeoAddArgs.none().xx().ch(),
          List.of(GeoValue.of(13.6, 37.3, "Agrigento"), GeoValue.of(14.0, 37.0, "Messina")))).isOne();
      assertThat(redis.geoadd("Sicily", GeoAddArgs.none().ch(),
          List.of(GeoValue.of(15.55, 38.19, "Messina"), GeoValue.of(15.087269, 37.502669, "Catania")))).isOne();

      List<GeoCoordinates> positions = redis.geopos("Sicily", "Palermo", "Agrigento", "Nowhere");
      assertThat(positions).hasSize(3);
      assertThat(positions.get(0).longitude()).isCloseTo(13.361389, within(DEGREES));
      assertThat(positions.get(0).latitude()).isCloseTo(38.115556, within(DEGREES));
      assertThat(positions.get(1).longitude()).isCloseTo(13.6, within(DEGREES));
      assertThat(positions.get(2)).isNull();
      assertThat(redis.geopos("missing", "Palermo")).containsExactly((GeoCoordinates) null);
      assertThat(redis.zcard("Sicily")).isEqualTo(4);

      assertThatThrownBy(() -> redis.execute("GEOADD", "Sicily", "200", "10", "Bad"))
          .isInstanceOf(RedisServerException.class).hasMessageContaining("invalid longitude,latitude pair");
      redis.set("s", "v");
      assertWrongType(() -> redis.geoadd("s", 1, 1, "m"), "GEOADD", "s");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void geodistMeasuresInEachUnitAndIsNullForMissingMembers(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      if (target.lacks("geodist", GAPS)) {
        assertUnknownCommand(() -> redis.geodist("Sicily", "Palermo", "Catania", GeoUnit.KM));
        return;
      }
      sicily(redis);
      assertThat(redis.geodist("Sicily", "Palermo", "Catania", GeoUnit.M)).isEqualTo(166274.1516);
      assertThat(redis.geodist("Sicily", "Palermo", "Catania", GeoUnit.KM)).isEqualTo(166.2742);
      assertThat(redis.geodist("Sicily", "Palermo", "Catania", GeoUnit.MI)).isEqualTo(103.3182);
      assertThat(redis.geodist("Sicily", "Palermo", "Catania", GeoUnit.FT)).isCloseTo(545518.8700, within(0.01));
      assertThat(redis.geodist("Sicily", "Palermo", "Nowhere", GeoUnit.KM)).isNull();
      assertThat(redis.geodist("missing", "Palermo", "Catania", GeoUnit.KM)).isNull();
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void geohashSpellsStandardGeohashes(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      if (target.lacks("geohash", GAPS)) {
        assertUnknownCommand(() -> redis.geohash("Sicily", "Palermo"));
        return;
      }
      sicily(redis);
      assertThat(redis.geohash("Sicily", "Palermo", "Nowhere", "Catania"))
          .containsExactly("sqc8b49rny0", null, "sqdtr74hyu0");
      assertThat(redis.geohash("missing", "Palermo")).containsExactly((String) null);
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void geosearchFindsMembersByRadiusOrBoxFromAMemberOrAPoint(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      GeoOrigin<String> point = GeoOrigin.lonLat(15, 37);
      if (target.lacks("geosearch", GAPS)) {
        assertUnknownCommand(() -> redis.geosearch("Sicily", point, GeoShape.radius(200, GeoUnit.KM)));
        return;
      }
      sicily(redis);
      redis.geoadd("Sicily", List.of(GeoValue.of(12.758489, 38.788135, "edge1"),
          GeoValue.of(17.241510, 38.788135, "edge2")));

      assertThat(redis.geosearch("Sicily", point, GeoShape.radius(200, GeoUnit.KM), GeoSearchArgs.none().ascending()))
          .containsExactly("Catania", "Palermo");
      assertThat(redis.geosearch("Sicily", point, GeoShape.radius(200, GeoUnit.KM)))
          .containsExactlyInAnyOrder("Catania", "Palermo");
      assertThat(redis.geosearch("Sicily", point, GeoShape.box(400, 400, GeoUnit.KM),
          GeoSearchArgs.none().descending()))
          .containsExactly("edge1", "edge2", "Palermo", "Catania");
      assertThat(redis.geosearch("Sicily", GeoOrigin.member("Palermo"), GeoShape.radius(200, GeoUnit.KM),
          GeoSearchArgs.none().ascending())).containsExactly("Palermo", "edge1", "Catania");
      assertThat(redis.geosearch("Sicily", point, GeoShape.box(400, 400, GeoUnit.KM),
          GeoSearchArgs.none().ascending().count(2))).containsExactly("Catania", "Palermo");
      assertThat(redis.geosearch("Sicily", point, GeoShape.box(400, 400, GeoUnit.KM),
          GeoSearchArgs.none().count(1).any())).hasSize(1);
      assertThat(redis.geosearch("Sicily", point, GeoShape.radius(1, GeoUnit.M))).isEmpty();
      assertThat(redis.geosearch("missing", point, GeoShape.radius(200, GeoUnit.KM))).isEmpty();

      List<GeoSearchResult<String>> details = redis.geosearchWithDetails("Sicily", point,
          GeoShape.box(400, 400, GeoUnit.KM), GeoSearchArgs.none().ascending());
      assertThat(details).extracting(GeoSearchResult::member).containsExactly("Catania", "Palermo", "edge2", "edge1");
      assertThat(details).extracting(GeoSearchResult::distance).containsExactly(56.4413, 190.4424, 279.7403, 279.7405);
      assertThat(details.get(0).hash()).isEqualTo(3479447370796909L);
      assertThat(details.get(0).coordinates().longitude()).isCloseTo(15.087269, within(DEGREES));
      assertThat(details.get(0).coordinates().latitude()).isCloseTo(37.502669, within(DEGREES));

      assertThatThrownBy(() -> redis.geosearch("Sicily", GeoOrigin.member("Nowhere"), GeoShape.radius(1, GeoUnit.KM)))
          .isInstanceOf(RedisServerException.class).hasMessageContaining("could not decode requested zset member");
      redis.set("s", "v");
      assertWrongType(() -> redis.geosearch("s", point, GeoShape.radius(1, GeoUnit.KM)), "GEOSEARCH", "s");
    });
  }

  @ParameterizedTest
  @MethodSource(TARGETS)
  void geosearchstoreStoresAnIndexOrTheDistances(Target target) throws Exception {
    blockingAndAsync(target, (redis, client) -> {
      GeoOrigin<String> point = GeoOrigin.lonLat(15, 37);
      if (target.lacks("geosearchstore", GAPS)) {
        assertUnknownCommand(() -> redis.geosearchstore("near", "Sicily", point, GeoShape.radius(200, GeoUnit.KM)));
        return;
      }
      sicily(redis);
      assertThat(redis.geosearchstore("near", "Sicily", point, GeoShape.radius(200, GeoUnit.KM))).isEqualTo(2);
      assertThat(redis.geopos("near", "Catania").get(0).longitude()).isCloseTo(15.087269, within(DEGREES));

      assertThat(redis.geosearchstore("dist", "Sicily", point, GeoShape.radius(200, GeoUnit.KM),
          GeoSearchArgs.none().ascending().count(1), true)).isOne();
      assertThat(redis.zscore("dist", "Catania")).isCloseTo(56.4413, within(1e-3));
      assertThat(redis.zcard("dist")).isOne();

      assertThat(redis.geosearchstore("near", "missing", point, GeoShape.radius(200, GeoUnit.KM))).isZero();
      assertThat(redis.exists("near")).isZero();
    });
  }

  private static void sicily(RedisCommands<String, String> redis) {
    redis.geoadd("Sicily", List.of(GeoValue.of(13.361389, 38.115556, "Palermo"),
        GeoValue.of(15.087269, 37.502669, "Catania")));
  }
}
