package io.vigil.driver.values;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a stream: its ID ({@code 1700000000000-0}) and its fields in the order they were
 * added.
 *
 * @param <K> the field type
 * @param <V> the value type
 * @param id the entry's ID
 * @param fields its fields and values, in order
 */
public record StreamEntry<K, V>(String id, Map<K, V> fields) {

  /** Keeps the fields' order in an unmodifiable map. */
  public StreamEntry {
    Objects.requireNonNull(id, "id");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The millisecond part of the ID. */
  public long millis() {
    int dash = id.indexOf('-');
    return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
  }
}
