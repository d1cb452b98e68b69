package io.vigil.resp;

import java.util.Objects;

/**
 * A RESP3 attribute ({@code |1\r\n...}) together with the reply it annotates. On the wire the
 * attribute map precedes the reply; the decoder joins them into one value. A RESP2 peer
 * receives the reply alone.
 */
public record RespAttribute(RespMap attributes, RespValue value) implements RespValue {

  public RespAttribute {
    Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(value, "value");
  }
}
