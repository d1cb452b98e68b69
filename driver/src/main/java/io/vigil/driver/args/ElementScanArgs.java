package io.vigil.driver.args;

import java.nio.charset.StandardCharsets;

/**
 * The options of {@code HSCAN}, {@code SSCAN} and {@code ZSCAN}, which iterate the elements of
 * one key: a glob pattern the elements must match ({@code MATCH}) and how much work the server
 * does per call ({@code COUNT}, a hint: pages may be larger or smaller, and small hashes, sets
 * and sorted sets come back whole).
 *
 * <pre>{@code
 * ElementScanArgs args = ElementScanArgs.defaults().match("user:*").count(500);
 * String cursor = "0";
 * do {
 *   HashScanPage<String, String> page = redis.hscan("sessions", cursor, args);
 *   page.entries().forEach(this::handle);
 *   cursor = page.cursor();
 * } while (!"0".equals(cursor));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a copy.
 */
public final class ElementScanArgs {

  private static final ElementScanArgs DEFAULTS = new ElementScanArgs(null, 0);

  private final byte[] pattern;
  private final long count;

  private ElementScanArgs(byte[] pattern, long count) {
    this.pattern = pattern;
    this.count = count;
  }

  /** Every element, the server's default amount of work per call. */
  public static ElementScanArgs defaults() {
    return DEFAULTS;
  }

  /** Only elements matching the glob {@code pattern} ({@code MATCH}), as UTF-8. */
  public ElementScanArgs match(String pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("ElementScanArgs: the MATCH pattern must not be null");
    }
    return new ElementScanArgs(pattern.getBytes(StandardCharsets.UTF_8), count);
  }

  /** Only elements matching the glob {@code pattern} ({@code MATCH}), as raw bytes. */
  public ElementScanArgs match(byte[] pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("ElementScanArgs: the MATCH pattern must not be null");
    }
    return new ElementScanArgs(pattern.clone(), count);
  }

  /**
   * About {@code count} elements examined per call ({@code COUNT}; Redis's default is 10).
   *
   * @throws IllegalArgumentException when {@code count} is not positive
   */
  public ElementScanArgs count(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("ElementScanArgs: COUNT must be positive, got " + count);
    }
    return new ElementScanArgs(pattern, count);
  }

  /** A copy of the pattern's bytes; null when every element is wanted. */
  public byte[] pattern() {
    return pattern == null ? null : pattern.clone();
  }

  /** The {@code COUNT} hint; 0 when not set. */
  public long count() {
    return count;
  }

  @Override
  public String toString() {
    return "ElementScanArgs[" + (pattern == null ? "" : "MATCH " + new String(pattern, StandardCharsets.UTF_8))
        + (count == 0 ? "" : (pattern == null ? "" : " ") + "COUNT " + count) + "]";
  }
}
