package io.vigil.driver;

/**
 * A {@code NOSCRIPT} error reply: EVALSHA named a script the node does not have; load it or use EVAL.
 *
 * <p>Thrown by the calling method (or completing the async stage) after the server answered;
 * the connection stays usable.
 */
public final class NoScriptException extends RedisServerException {

  /** See {@link RedisServerException#RedisServerException(String, String, String, String)}. */
  public NoScriptException(String errorCode, String serverMessage, String command, String node) {
    super(errorCode, serverMessage, command, node);
  }
}
