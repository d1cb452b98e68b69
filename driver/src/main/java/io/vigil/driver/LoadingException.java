package io.vigil.driver;

/**
 * A {@code LOADING} error reply: The node is loading its dataset into memory and cannot serve yet; retry later.
 *
 * <p>Thrown by the calling method (or completing the async stage) after the server answered;
 * the connection stays usable.
 */
public final class LoadingException extends RedisServerException {

  /** See {@link RedisServerException#RedisServerException(String, String, String, String)}. */
  public LoadingException(String errorCode, String serverMessage, String command, String node) {
    super(errorCode, serverMessage, command, node);
  }
}
