package io.vigil.driver;

/**
 * A {@code WRONGTYPE} error reply: The key holds a value of another type than the command works on.
 *
 * <p>Thrown by the calling method (or completing the async stage) after the server answered;
 * the connection stays usable.
 */
public final class WrongTypeException extends RedisServerException {

  private final String key;

  /**
   * See {@link RedisServerException#RedisServerException(String, String, String, String)}.
   *
   * @param key the key the command was about, as text; null when not known
   */
  public WrongTypeException(String errorCode, String serverMessage, String command, String node, String key) {
    super(errorCode, serverMessage, key == null ? command : command + ", key '" + key + "',", command, node);
    this.key = key;
  }

  /** The key whose value has another type, as text; null when not known. */
  public String key() {
    return key;
  }
}
