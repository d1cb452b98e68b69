package io.vigil.driver;

/**
 * A {@code WRONGTYPE} error reply: The key holds a value of another type than the command works on.
 *
 * <p>Thrown by the calling method (or completing the async stage) after the server answered;
 * the connection stays usable.
 */
public final class WrongTypeException extends RedisServerException {

  /** See {@link RedisServerException#RedisServerException(String, String, String, String)}. */
  public WrongTypeException(String errorCode, String serverMessage, String command, String node) {
    super(errorCode, serverMessage, command, node);
  }
}
