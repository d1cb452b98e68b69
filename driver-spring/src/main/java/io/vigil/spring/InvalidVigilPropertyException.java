package io.vigil.spring;

/**
 * Thrown at start-up when a {@code vigil.*} (or {@code spring.data.redis.*}) property cannot be
 * used: it names the property, the offending value (never a password) and how to fix it.
 *
 * <p>A failure analyzer turns it into Spring Boot's "APPLICATION FAILED TO START" report.
 */
public class InvalidVigilPropertyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String property;
  private final String value;
  private final String reason;
  private final String action;

  /**
   * @param property the full property name, for example {@code vigil.command-timeout}
   * @param value the value as shown to the user (masked for secrets); null when unset
   * @param reason what is wrong with it
   * @param action how to fix it
   */
  public InvalidVigilPropertyException(String property, String value, String reason, String action) {
    super("Invalid property '" + property + "'" + (value == null ? "" : " = '" + value + "'") + ": " + reason
        + ". " + action);
    this.property = property;
    this.value = value;
    this.reason = reason;
    this.action = action;
  }

  /** The full property name. */
  public String getProperty() {
    return property;
  }

  /** The value as shown (masked for secrets); null when unset. */
  public String getValue() {
    return value;
  }

  /** What is wrong with the value. */
  public String getReason() {
    return reason;
  }

  /** How to fix it. */
  public String getAction() {
    return action;
  }
}
