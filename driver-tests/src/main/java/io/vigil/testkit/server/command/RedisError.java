package io.vigil.testkit.server.command;

import io.vigil.resp.RespError;

/**
 * An error reply thrown from a command handler, carrying Redis's exact text (prefix included:
 * {@code ERR syntax error}, {@code WRONGTYPE ...}). Stack-less: it is control flow, not a bug.
 */
public final class RedisError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code ERR syntax error}. */
  public static final String SYNTAX = "ERR syntax error";
  /** The WRONGTYPE text. */
  public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
  /** The integer parse error text. */
  public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
  /** The float parse error text. */
  public static final String NOT_FLOAT = "ERR value is not a valid float";

  public RedisError(String message) {
    super(message, null, false, false);
  }

  /** The reply. */
  public RespError reply() {
    return RespError.of(getMessage());
  }

  /** {@code ERR syntax error}. */
  public static RedisError syntax() {
    return new RedisError(SYNTAX);
  }

  /** WRONGTYPE. */
  public static RedisError wrongType() {
    return new RedisError(WRONGTYPE);
  }
}
