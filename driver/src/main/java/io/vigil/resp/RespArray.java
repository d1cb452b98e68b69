package io.vigil.resp;

import java.util.List;

/** A RESP array ({@code *2\r\n...}); elements may be of any type, nested arrays included. */
public record RespArray(List<RespValue> elements) implements RespValue {

  /** The empty array. */
  public static final RespArray EMPTY = new RespArray(List.of());

  public RespArray {
    elements = List.copyOf(elements);
  }

  /** An array of the given values. */
  public static RespArray of(RespValue... elements) {
    return new RespArray(List.of(elements));
  }

  /** The number of elements. */
  public int size() {
    return elements.size();
  }

  /** The element at {@code index}. */
  public RespValue get(int index) {
    return elements.get(index);
  }
}
