package io.vigil.driver;

/**
 * A {@code MASTERDOWN} error reply: The replica lost its link to the master and is configured not to serve stale data.
 *
 * <p>Thrown by the calling method (or completing the async stage) after the server answered;
 * the connection stays usable.
 */
public final class MasterDownException extends RedisServerException {

  /** See {@link RedisServerException#RedisServerException(String, String, String, String)}. */
  public MasterDownException(String errorCode, String serverMessage, String command, String node) {
    super(errorCode, serverMessage, command, node);
  }
}
