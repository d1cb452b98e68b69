package io.vigil.testkit.server.keyspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable, binary-safe byte string used as a key or member, with the hash code cached.
 *
 * <p>Ordering ({@link #compareTo}) is unsigned lexicographic, as Redis's {@code memcmp}, so
 * sorted-set lex ranges and {@code SORT ALPHA}-like orderings match.
 */
public final class Bytes implements Comparable<Bytes> {

  private final byte[] bytes;
  private int hash;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps without copying; the caller gives up the array. */
  public static Bytes wrap(byte[] bytes) {
    return new Bytes(bytes);
  }

  /** UTF-8 bytes of {@code text}. */
  public static Bytes of(String text) {
    return new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes (not a copy; do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  /** The length in bytes. */
  public int length() {
    return bytes.length;
  }

  /** The bytes decoded as UTF-8. */
  public String string() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h == 0 ? 1 : h;
      h = hash;
    }
    return h;
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return string();
  }
}
