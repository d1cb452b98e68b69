package io.vigil.resp;

import java.util.List;

/**
 * A RESP3 push frame ({@code >3\r\n...}): out-of-band data such as pub/sub messages and
 * invalidations. A RESP2 peer receives it as an array, as Redis sends pub/sub messages there.
 */
public record RespPush(List<RespValue> elements) implements RespValue {

  public RespPush {
    elements = List.copyOf(elements);
  }
}
