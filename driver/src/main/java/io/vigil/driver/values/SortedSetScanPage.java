package io.vigil.driver.values;

import java.util.List;

/**
 * One page of a {@code ZSCAN} iteration: members with their scores and the cursor to continue
 * from. A member may show up again on a later page; members added or removed meanwhile may or may
 * not be returned.
 *
 * @param <V> the member type
 * @param cursor pass it to the next call; {@code "0"} means the iteration is complete
 * @param members the members of this page with their scores (may be empty even when more follow)
 */
public record SortedSetScanPage<V>(String cursor, List<ScoredValue<V>> members) {

  /** Copies the member list. */
  public SortedSetScanPage {
    members = List.copyOf(members);
  }

  /** Whether the iteration is complete. */
  public boolean isLast() {
    return "0".equals(cursor);
  }
}
