package io.vigil.resp;

import java.util.List;

/**
 * A RESP3 map ({@code %2\r\n...}), kept as alternating keys and values in wire order. A RESP2
 * peer receives it as a flat array of the same elements.
 */
public record RespMap(List<RespValue> keysAndValues) implements RespValue {

  public RespMap {
    keysAndValues = List.copyOf(keysAndValues);
    if (keysAndValues.size() % 2 != 0) {
      throw new IllegalArgumentException(
          "a map needs an even number of elements, got " + keysAndValues.size());
    }
  }

  /** The number of entries (half the number of elements). */
  public int size() {
    return keysAndValues.size() / 2;
  }

  /** The key of entry {@code index}. */
  public RespValue key(int index) {
    return keysAndValues.get(2 * index);
  }

  /** The value of entry {@code index}. */
  public RespValue value(int index) {
    return keysAndValues.get(2 * index + 1);
  }
}
