package io.vigil.testkit.server.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeoHashTest {

  @Test
  void scoreOfAPositionIsTheOneRedisStores() {
    // GEOADD Sicily 13.361389 38.115556 Palermo; GEOSEARCH ... WITHHASH answers this score
    assertThat(GeoHash.scoreOf(13.361389, 38.115556)).isEqualTo(3479099956230698L);
    assertThat(GeoHash.scoreOf(15.087269, 37.502669)).isEqualTo(3479447370796909L);
  }

  @Test
  void aScoreDecodesToTheCentreOfItsCell() {
    double[] xy = GeoHash.pointOf(3479099956230698L);
    // GEOPOS prints these 17-decimal spellings
    assertThat(new BigDecimal(xy[0]).setScale(17, java.math.RoundingMode.HALF_EVEN).toPlainString())
        .isEqualTo("13.36138933897018433");
    assertThat(new BigDecimal(xy[1]).setScale(17, java.math.RoundingMode.HALF_EVEN).toPlainString())
        .isEqualTo("38.11555639549629859");
  }

  @Test
  void interleavingRoundTrips() {
    Random r = new Random(1);
    for (int i = 0; i < 1000; i++) {
      long x = r.nextInt() & 0xffffffffL;
      long y = r.nextInt() & 0xffffffffL;
      long separated = GeoHash.deinterleave(GeoHash.interleave(x, y));
      assertThat(separated & 0xffffffffL).isEqualTo(x);
      assertThat(separated >>> 32).isEqualTo(y);
    }
  }

  @Test
  void neighboursAreAdjacentCells() {
    GeoHash h = GeoHash.encode(2.35, 48.85, 10);
    double[] a = h.area();
    double[] east = h.moved(1, 0).area();
    double[] north = h.moved(0, 1).area();
    assertThat(east[0]).isEqualTo(a[1]);
    assertThat(north[2]).isEqualTo(a[3]);
    assertThat(h.moved(1, 0).moved(-1, 0)).isEqualTo(h);
  }

  @Test
  void negativeAndHugeScoresConvertAsX8664Does() {
    assertThat(GeoHash.toUnsigned64(-1.0)).isEqualTo(-1L);
    assertThat(GeoHash.toUnsigned64(1e30)).isEqualTo(0L);
    assertThat(GeoHash.toUnsigned64(1.5e19)).isEqualTo(Long.parseUnsignedLong("15000000000000000000"));
    assertThat(GeoHash.toUnsigned64(Double.NEGATIVE_INFINITY)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void partialSortPlacesTheWantedRangeAsAFullSortWould() {
    Random r = new Random(2);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(300);
      List<Integer> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        values.add(r.nextInt(50));
      }
      List<Integer> sorted = new ArrayList<>(values);
      sorted.sort(Comparator.naturalOrder());
      int to = r.nextInt(n);
      List<Integer> partial = new ArrayList<>(values);
      PartialSort.sort(partial, Comparator.naturalOrder(), 0, to);
      assertThat(partial.subList(0, to + 1)).isEqualTo(sorted.subList(0, to + 1));
      assertThat(partial).containsExactlyInAnyOrderElementsOf(values);
    }
  }

  @Test
  void trigonometryIsCorrectlyRounded() {
    // cos of this argument is 0x1.1d4f7fb8e7985p-1 to the nearest double
    assertThat(Trig.cos(Double.parseDouble("0x1.f59f1bc9e80a4p-1"))).isEqualTo(Double.parseDouble("0x1.1d4f7fb8e7985p-1"));
    Random r = new Random(3);
    for (int i = 0; i < 2000; i++) {
      double x = (r.nextDouble() - 0.5) * 3;
      assertThat(Math.abs(Trig.sin(x) - StrictMath.sin(x))).isLessThanOrEqualTo(Math.ulp(StrictMath.sin(x)));
      assertThat(Math.abs(Trig.cos(x) - StrictMath.cos(x))).isLessThanOrEqualTo(Math.ulp(StrictMath.cos(x)));
    }
    assertThat(Trig.asin(1.0)).isEqualTo(Math.PI / 2);
  }

  @Test
  void distanceIsTheHaversineOnRedisRadius() {
    double[] palermo = GeoHash.pointOf(3479099956230698L);
    double[] catania = GeoHash.pointOf(3479447370796909L);
    double d = GeoDistance.meters(palermo[0], palermo[1], catania[0], catania[1]);
    // GEODIST Sicily Palermo Catania answers "166274.1516"
    assertThat(new BigDecimal(d).setScale(4, java.math.RoundingMode.HALF_EVEN).toPlainString()).isEqualTo("166274.1516");
  }
}
