package io.vigil.testkit.server.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells a search visits: the cell of the centre at a step estimated from the radius, and its
 * eight neighbours minus those the shape's bounding box cannot reach — Redis's
 * {@code geohashCalculateAreasByShapeWGS84} — in the order Redis visits them (centre, north,
 * south, east, west, north-east, north-west, south-east, south-west), without a neighbour equal
 * to the one visited just before it. Each cell is a score range of the sorted set.
 */
public final class GeoSearchArea {

  private static final double MERCATOR_MAX = 20037726.37;

  private GeoSearchArea() {}

  /** The step at which the nine cells of a search of {@code rangeMeters} at {@code lat} cover it. */
  static int estimateSteps(double rangeMeters, double lat) {
    if (rangeMeters == 0) {
      return 26;
    }
    int step = 1;
    while (rangeMeters < MERCATOR_MAX) {
      rangeMeters *= 2;
      step++;
    }
    step -= 2; // make sure the range is included in most of the base cases
    if (lat > 66 || lat < -66) {
      step--; // cells are narrower towards the poles
      if (lat > 80 || lat < -80) {
        step--;
      }
    }
    return Math.max(1, Math.min(26, step));
  }

  /** The cells to visit for {@code shape}, in visiting order. */
  public static List<GeoHash> cells(GeoShape shape) {
    double[] bounds = shape.bounds();
    double minLon = bounds[0];
    double minLat = bounds[1];
    double maxLon = bounds[2];
    double maxLat = bounds[3];
    int steps = estimateSteps(shape.radiusMeters(), shape.latitude());
    GeoHash hash = GeoHash.encode(shape.longitude(), shape.latitude(), steps);
    GeoHash[] n = neighbours(hash);
    double[] north = n[0].area();
    double[] south = n[1].area();
    double[] east = n[2].area();
    double[] west = n[3].area();
    // near a cell's edge the estimated step can leave part of the shape outside the nine cells
    boolean decrease = north[3] < maxLat || south[2] > minLat || east[1] < maxLon || west[0] > minLon;
    if (steps > 1 && decrease) {
      steps--;
      hash = GeoHash.encode(shape.longitude(), shape.latitude(), steps);
      n = neighbours(hash);
    }
    double[] area = hash.area();
    if (steps >= 2) {
      if (area[2] < minLat) {
        n[1] = GeoHash.NONE; // south
        n[7] = GeoHash.NONE; // south-west
        n[6] = GeoHash.NONE; // south-east
      }
      if (area[3] > maxLat) {
        n[0] = GeoHash.NONE; // north
        n[4] = GeoHash.NONE; // north-east
        n[5] = GeoHash.NONE; // north-west
      }
      if (area[0] < minLon) {
        n[3] = GeoHash.NONE; // west
        n[7] = GeoHash.NONE;
        n[5] = GeoHash.NONE;
      }
      if (area[1] > maxLon) {
        n[2] = GeoHash.NONE; // east
        n[6] = GeoHash.NONE;
        n[4] = GeoHash.NONE;
      }
    }
    GeoHash[] order = {hash, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]};
    List<GeoHash> out = new ArrayList<>(9);
    int lastProcessed = 0;
    for (int i = 0; i < order.length; i++) {
      if (order[i].isNone()) {
        continue;
      }
      // huge radii make adjacent neighbours equal; Redis compares with the last one it visited,
      // except when that was the centre (its index 0 reads as "none yet")
      if (lastProcessed != 0 && order[i].equals(order[lastProcessed])) {
        continue;
      }
      out.add(order[i]);
      lastProcessed = i;
    }
    return out;
  }

  /** North, south, east, west, north-east, north-west, south-east, south-west. */
  private static GeoHash[] neighbours(GeoHash h) {
    return new GeoHash[] {
        h.moved(0, 1), h.moved(0, -1), h.moved(1, 0), h.moved(-1, 0),
        h.moved(1, 1), h.moved(-1, 1), h.moved(1, -1), h.moved(-1, -1)};
  }
}
