package io.vigil.testkit.server.rdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A hash field and its value. Equality compares bytes. */
public final class FieldValue {

  private final byte[] field;
  private final byte[] value;

  /** A field and value (not copied; do not modify them afterwards). */
  public FieldValue(byte[] field, byte[] value) {
    if (field == null || value == null) {
      throw new IllegalArgumentException("hash field and value must not be null");
    }
    this.field = field;
    this.value = value;
  }

  /** The field's bytes (not a copy). */
  public byte[] field() {
    return field;
  }

  /** The value's bytes (not a copy). */
  public byte[] value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldValue
        && Arrays.equals(field, ((FieldValue) o).field)
        && Arrays.equals(value, ((FieldValue) o).value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(field) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return new String(field, StandardCharsets.UTF_8) + "=" + new String(value, StandardCharsets.UTF_8);
  }
}
