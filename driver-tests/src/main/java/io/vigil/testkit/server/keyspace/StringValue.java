package io.vigil.testkit.server.keyspace;

/** A string value: immutable bytes, replaced (never mutated) by writes. */
public final class StringValue implements RedisValue {

  private static final int EMBSTR_LIMIT = 44;

  private final byte[] bytes;
  /** True when built by APPEND/SETRANGE, which Redis always stores raw. */
  private final boolean raw;

  private StringValue(byte[] bytes, boolean raw) {
    this.bytes = bytes;
    this.raw = raw;
  }

  /** A string as SET stores it. */
  public static StringValue of(byte[] bytes) {
    return new StringValue(bytes, false);
  }

  /** A string as APPEND and SETRANGE store it (encoding raw unless it is an integer). */
  public static StringValue ofRaw(byte[] bytes) {
    return new StringValue(bytes, true);
  }

  /** The bytes (not a copy; do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public String typeName() {
    return "string";
  }

  @Override
  public String encoding() {
    if (bytes.length <= 20 && Numbers.parseLong(bytes) != null) {
      return "int";
    }
    return !raw && bytes.length <= EMBSTR_LIMIT ? "embstr" : "raw";
  }

  @Override
  public RedisValue copy() {
    return this;
  }
}
