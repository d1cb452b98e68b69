package io.vigil.driver.values;

import java.util.List;
import java.util.Objects;

/**
 * What {@code XREAD} or {@code XREADGROUP} returned for one stream.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param stream the stream's key
 * @param entries its entries, oldest first; for {@code XREADGROUP} with a history ID, an entry
 *     deleted meanwhile comes with no fields
 */
public record StreamRead<K, V>(K stream, List<StreamEntry<K, V>> entries) {

  /** Copies the entries. */
  public StreamRead {
    Objects.requireNonNull(stream, "stream");
    entries = List.copyOf(entries);
  }
}
