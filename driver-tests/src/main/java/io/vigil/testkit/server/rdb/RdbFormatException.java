package io.vigil.testkit.server.rdb;

import java.io.IOException;

/**
 * An RDB stream that cannot be loaded: truncated, corrupt, a checksum mismatch, or a feature
 * this implementation does not load (modules, functions the visitor refuses).
 *
 * <p>The message names the byte offset from the start of the stream and what was expected
 * there. A loader that sees this exception must discard whatever it built from the stream; see
 * {@link RdbVisitor}.
 */
public final class RdbFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long offset;
  private final boolean unsupported;

  private RdbFormatException(long offset, String message, boolean unsupported, Throwable cause) {
    super(message, cause);
    this.offset = offset;
    this.unsupported = unsupported;
  }

  static RdbFormatException corrupt(long offset, String what) {
    return new RdbFormatException(offset, "corrupt RDB at byte offset " + offset + ": " + what, false, null);
  }

  static RdbFormatException corrupt(long offset, String what, Throwable cause) {
    return new RdbFormatException(offset, "corrupt RDB at byte offset " + offset + ": " + what, false, cause);
  }

  static RdbFormatException truncated(long offset, String expected) {
    return new RdbFormatException(offset, "truncated RDB: the stream ends at byte offset " + offset
        + " where " + expected + " was expected; the file is incomplete (interrupted save or transfer)",
        false, null);
  }

  static RdbFormatException unsupported(long offset, String what) {
    return new RdbFormatException(offset, "unsupported RDB content at byte offset " + offset + ": " + what,
        true, null);
  }

  /** This error with the key being loaded named, unless the message names it already. */
  RdbFormatException whileLoading(String key) {
    String quoted = "'" + key + "'";
    if (getMessage().contains(quoted)) {
      return this;
    }
    return new RdbFormatException(offset, getMessage() + " (while loading key " + quoted + ")", unsupported, this);
  }

  /** The byte offset from the start of the stream where the problem was found. */
  public long offset() {
    return offset;
  }

  /**
   * Whether the stream may be valid but holds something this implementation does not load
   * (module data, functions), as opposed to being truncated or corrupt.
   */
  public boolean isUnsupported() {
    return unsupported;
  }
}
