package io.vigil.driver;

/**
 * A {@code BUSY} error reply: The node is running a script or function that has not yielded yet.
 *
 * <p>Thrown by the calling method (or completing the async stage) after the server answered;
 * the connection stays usable.
 */
public final class BusyException extends RedisServerException {

  /** See {@link RedisServerException#RedisServerException(String, String, String, String)}. */
  public BusyException(String errorCode, String serverMessage, String command, String node) {
    super(errorCode, serverMessage, command, node);
  }
}
