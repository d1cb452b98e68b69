package io.vigil.testkit.server.keyspace;

/** A string value: immutable bytes, replaced (never mutated) by writes. */
public final class StringValue implements RedisValue {

  private static final int EMBSTR_LIMIT = 44;

  /** How Redis created the object, which decides what OBJECT ENCODING reports. */
  private enum Kind {
    /** {@code tryObjectEncoding}: int when it is one, else embstr or raw by length (SET...). */
    ENCODED,
    /** {@code createStringObject}: embstr or raw by length, never int (INCRBYFLOAT). */
    PLAIN,
    /** A modified copy: always raw (APPEND, SETRANGE). */
    RAW,
    /** {@code dupStringObject} of an ENCODED string (COPY): same encoding, never a shared integer. */
    DUPLICATE
  }

  /** Redis shares one object for each integer below this ({@code OBJ_SHARED_INTEGERS}). */
  private static final long SHARED_INTEGERS = 10000;

  private final byte[] bytes;
  private final Kind kind;

  private StringValue(byte[] bytes, Kind kind) {
    this.bytes = bytes;
    this.kind = kind;
  }

  /** A string as SET stores it (integer-encoded when it is an integer). */
  public static StringValue of(byte[] bytes) {
    return new StringValue(bytes, Kind.ENCODED);
  }

  /** A string as INCRBYFLOAT stores it (embstr or raw, never int). */
  public static StringValue ofPlain(byte[] bytes) {
    return new StringValue(bytes, Kind.PLAIN);
  }

  /** A string as APPEND and SETRANGE leave it (always raw). */
  public static StringValue ofRaw(byte[] bytes) {
    return new StringValue(bytes, Kind.RAW);
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
    if (kind == Kind.RAW) {
      return "raw";
    }
    if ((kind == Kind.ENCODED || kind == Kind.DUPLICATE) && bytes.length <= 20 && Numbers.parseLong(bytes) != null) {
      return "int";
    }
    return bytes.length <= EMBSTR_LIMIT ? "embstr" : "raw";
  }

  /**
   * Whether Redis would hold this value as one of its shared integer objects (0 to 9999 made by
   * SET, INCR, a load...), which OBJECT REFCOUNT reports as {@code 2147483647} unless a maxmemory
   * LRU/LFU policy disables sharing.
   */
  public boolean sharedInteger() {
    if (kind != Kind.ENCODED || bytes.length > 4) {
      return false;
    }
    Long v = Numbers.parseLong(bytes);
    return v != null && v >= 0 && v < SHARED_INTEGERS;
  }

  @Override
  public RedisValue copy() {
    // the bytes are immutable and shared; a copy of a shared integer is an object of its own (dupStringObject)
    return new StringValue(bytes, kind == Kind.ENCODED ? Kind.DUPLICATE : kind);
  }
}
