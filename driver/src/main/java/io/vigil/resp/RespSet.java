package io.vigil.resp;

import java.util.List;

/** A RESP3 set ({@code ~3\r\n...}), kept in wire order; a RESP2 peer receives an array. */
public record RespSet(List<RespValue> elements) implements RespValue {

  public RespSet {
    elements = List.copyOf(elements);
  }
}
