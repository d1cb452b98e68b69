package io.vigil.testkit.server.config;

/**
 * A configuration that cannot be used: a bad directive in a file or on the command line, or a
 * bad value. {@link #getMessage()} is Redis's {@code *** FATAL CONFIG FILE ERROR ***} report,
 * naming the file, the line and the reason.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
