package io.vigil.resp;

/** The protocol version a connection speaks: RESP2 by default, RESP3 after {@code HELLO 3}. */
public enum RespVersion {
  RESP2,
  RESP3
}
