package io.vigil.driver.args;

/**
 * Options of {@code XADD}: the entry's ID ({@code *}, the default, lets the server choose;
 * {@code <ms>-*} fixes the time part), {@code NOMKSTREAM}, and a {@link StreamTrim}.
 *
 * <p>Immutable; each method returns a copy.
 *
 * <pre>{@code
 * redis.xadd("events", XAddArgs.of().trim(StreamTrim.maxlen(1000).approximate()), Map.of("type", "login"));
 * }</pre>
 */
public final class XAddArgs {

  private static final XAddArgs DEFAULT = new XAddArgs("*", false, null);

  private final String id;
  private final boolean noMkStream;
  private final StreamTrim trim;

  private XAddArgs(String id, boolean noMkStream, StreamTrim trim) {
    this.id = id;
    this.noMkStream = noMkStream;
    this.trim = trim;
  }

  /** The defaults: an ID chosen by the server, the stream created if needed, no trimming. */
  public static XAddArgs of() {
    return DEFAULT;
  }

  /** With the entry ID {@code id} ({@code 1700000000000-5}, {@code 1700000000000-*} or {@code *}). */
  public XAddArgs id(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("XADD needs an entry ID or '*', got " + (id == null ? "null" : "''"));
    }
    return new XAddArgs(id, noMkStream, trim);
  }

  /** Without creating the stream when it does not exist ({@code NOMKSTREAM}: the reply is then null). */
  public XAddArgs noMkStream() {
    return new XAddArgs(id, true, trim);
  }

  /** Trimming the stream as it adds. */
  public XAddArgs trim(StreamTrim trim) {
    if (trim == null) {
      throw new IllegalArgumentException("XADD: the trim must not be null");
    }
    return new XAddArgs(id, noMkStream, trim);
  }

  /** The entry ID. */
  public String id() {
    return id;
  }

  /** Whether {@code NOMKSTREAM} is set. */
  public boolean isNoMkStream() {
    return noMkStream;
  }

  /** The trim; null for none. */
  public StreamTrim trim() {
    return trim;
  }
}
