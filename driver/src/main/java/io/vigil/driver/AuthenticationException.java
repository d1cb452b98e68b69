package io.vigil.driver;

/**
 * A {@code NOAUTH, WRONGPASS or NOPERM} error reply: The connection is not authenticated, the credentials were refused, or the user lacks the permission.
 *
 * <p>Thrown by the calling method (or completing the async stage) after the server answered;
 * the connection stays usable.
 */
public final class AuthenticationException extends RedisServerException {

  /** See {@link RedisServerException#RedisServerException(String, String, String, String)}. */
  public AuthenticationException(String errorCode, String serverMessage, String command, String node) {
    super(errorCode, serverMessage, command, node);
  }
}
