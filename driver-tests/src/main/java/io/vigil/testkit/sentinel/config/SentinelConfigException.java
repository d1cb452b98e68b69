package io.vigil.testkit.sentinel.config;

/**
 * A sentinel.conf line that cannot be used: names the file, the line number, the line and the
 * reason, as Redis's "FATAL CONFIG FILE ERROR" does.
 */
public final class SentinelConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int lineNumber;
  private final String reason;

  public SentinelConfigException(String file, int lineNumber, String line, String reason) {
    super(file + ":" + lineNumber + ": '" + line + "': " + reason);
    this.file = file;
    this.lineNumber = lineNumber;
    this.reason = reason;
  }

  /** The file, or a description of the source such as "command line". */
  public String file() {
    return file;
  }

  /** The 1-based line number. */
  public int lineNumber() {
    return lineNumber;
  }

  /** Why the line was refused, in Redis's words where Redis has them. */
  public String reason() {
    return reason;
  }
}
