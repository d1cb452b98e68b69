package io.vigil.driver.values;

import java.util.List;

/**
 * One page of a {@code SCAN} iteration: the keys found and the cursor to continue from.
 *
 * @param <K> the key type
 * @param cursor pass it to the next call; {@code "0"} means the iteration is complete
 * @param keys the keys of this page (may be empty even when more follow)
 */
public record ScanPage<K>(String cursor, List<K> keys) {

  /** Copies the key list. */
  public ScanPage {
    keys = List.copyOf(keys);
  }

  /** Whether the iteration is complete. */
  public boolean isLast() {
    return "0".equals(cursor);
  }
}
