package io.vigil.driver.args;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The options of a cursor iteration ({@code SCAN}): only names matching a glob pattern ({@code
 * MATCH}), about how many to examine per call ({@code COUNT}, a hint), and only keys of one type
 * ({@code TYPE string}, {@code zset}, a module type's name…).
 *
 * <p>Immutable: each method returns a copy with one more option.
 */
public final class ScanArgs {

  private static final ScanArgs NONE = new ScanArgs(null, 0, null);

  private final byte[] match;
  private final long count;
  private final String type;

  private ScanArgs(byte[] match, long count, String type) {
    this.match = match;
    this.count = count;
    this.type = type;
  }

  /** No option: every name, Redis's default page size. */
  public static ScanArgs none() {
    return NONE;
  }

  /** Only names matching {@code pattern} (a glob, UTF-8). */
  public ScanArgs match(String pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("SCAN: the MATCH pattern must not be null");
    }
    return match(pattern.getBytes(StandardCharsets.UTF_8));
  }

  /** Only names matching {@code pattern} (a glob, as bytes). */
  public ScanArgs match(byte[] pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("SCAN: the MATCH pattern must not be null");
    }
    return new ScanArgs(pattern.clone(), count, type);
  }

  /** Examine about {@code count} (positive) elements per call. */
  public ScanArgs count(long count) {
    if (count <= 0) {
      throw new IllegalArgumentException("SCAN: COUNT must be positive, got " + count);
    }
    return new ScanArgs(match, count, type);
  }

  /** Only keys whose {@code TYPE} is {@code type} ({@code SCAN} only). */
  public ScanArgs type(String type) {
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("SCAN: the TYPE must not be null or empty");
    }
    return new ScanArgs(match, count, type);
  }

  /** The pattern's bytes (a copy), or null. */
  public byte[] match() {
    return match == null ? null : match.clone();
  }

  /** The count hint, or 0 for Redis's default. */
  public long count() {
    return count;
  }

  /** The type filter, or null. */
  public String type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanArgs other && Arrays.equals(match, other.match) && count == other.count
        && Objects.equals(type, other.type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(match), count, type);
  }

  @Override
  public String toString() {
    return "ScanArgs[match=" + (match == null ? null : new String(match, StandardCharsets.UTF_8)) + ", count=" + count
        + ", type=" + type + "]";
  }
}
