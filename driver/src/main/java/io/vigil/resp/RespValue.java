package io.vigil.resp;

/**
 * One value of the Redis serialization protocol, RESP2 or RESP3.
 *
 * <p>Values are immutable and know nothing of connections or commands. RESP3-only types
 * (map, set, double, boolean, big number, verbatim string, push, attribute) are written in
 * their RESP2 form when encoded for a RESP2 peer, exactly as Redis downgrades its replies; see
 * {@link RespEncoder}.
 */
public sealed interface RespValue
    permits RespSimpleString, RespError, RespInteger, RespBulkString, RespNull, RespArray,
        RespMap, RespSet, RespPush, RespDouble, RespBoolean, RespBigNumber, RespVerbatimString,
        RespAttribute {

  /** Whether this value is an error reply (simple or blob). */
  default boolean isError() {
    return false;
  }

  /** Whether this value is a null of any kind. */
  default boolean isNull() {
    return false;
  }
}
