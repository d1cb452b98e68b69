package io.vigil.driver;

/**
 * The server answered a command with an error reply.
 *
 * <p>{@link #errorCode()} is Redis's prefix ({@code ERR}, {@code WRONGTYPE}, {@code READONLY}…)
 * and {@link #serverMessage()} the server's text, unchanged; the exception message adds the
 * command and the node. Well-known prefixes have their own subclass so callers can catch them.
 */
public sealed class RedisServerException extends VigilException
    permits WrongTypeException, ReadOnlyException, AuthenticationException, LoadingException,
        MasterDownException, BusyException, NoScriptException {

  private final String errorCode;
  private final String serverMessage;
  private final String command;
  private final String node;

  /**
   * An error reply.
   *
   * @param errorCode Redis's prefix, or the empty string when the reply has none
   * @param serverMessage the reply text, prefix included
   * @param command the command name, upper case (never its arguments)
   * @param node the node that answered, as {@code host:port}
   */
  public RedisServerException(String errorCode, String serverMessage, String command, String node) {
    this(errorCode, serverMessage, command, command, node);
  }

  /** An error reply whose message describes the command as {@code what} ({@code "LPUSH, key 'k',"}). */
  RedisServerException(String errorCode, String serverMessage, String what, String command, String node) {
    super(serverMessage + " (command " + what + " on " + node + ")", null);
    this.errorCode = errorCode;
    this.serverMessage = serverMessage;
    this.command = command;
    this.node = node;
  }

  /** Redis's error prefix, such as {@code WRONGTYPE}; empty when the reply had none. */
  public String errorCode() {
    return errorCode;
  }

  /** The server's error text exactly as sent, prefix included. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The command that failed, upper case, without arguments. */
  public String command() {
    return command;
  }

  /** The node that answered, as {@code host:port}. */
  public String node() {
    return node;
  }
}
