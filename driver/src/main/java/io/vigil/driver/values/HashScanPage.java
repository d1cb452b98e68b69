package io.vigil.driver.values;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One page of an {@code HSCAN} iteration: fields with their values and the cursor to continue
 * from. A field may show up again on a later page (Redis guarantees every field present for the
 * whole iteration is returned at least once); fields added or removed meanwhile may or may not be.
 *
 * @param <K> the field type
 * @param <V> the value type
 * @param cursor pass it to the next call; {@code "0"} means the iteration is complete
 * @param entries the fields and values of this page in server order (may be empty even when more
 *     follow)
 */
public record HashScanPage<K, V>(String cursor, Map<K, V> entries) {

  /** Copies the entries, keeping their order. */
  public HashScanPage {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** Whether the iteration is complete. */
  public boolean isLast() {
    return "0".equals(cursor);
  }
}
