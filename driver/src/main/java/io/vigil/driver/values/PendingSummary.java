package io.vigil.driver.values;

import java.util.Map;

/**
 * {@code XPENDING key group}: how many entries a group has delivered but not acknowledged.
 *
 * @param count how many pending entries
 * @param lowestId the lowest pending ID; null when none is pending
 * @param highestId the highest pending ID; null when none is pending
 * @param consumers per consumer with pending entries, how many it has
 */
public record PendingSummary(long count, String lowestId, String highestId, Map<String, Long> consumers) {

  /** Copies the consumers. */
  public PendingSummary {
    consumers = Map.copyOf(consumers);
  }
}
