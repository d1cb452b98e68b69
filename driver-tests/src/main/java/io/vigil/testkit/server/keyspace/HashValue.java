package io.vigil.testkit.server.keyspace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hash value. Fields keep insertion order, as a small (listpack) hash does in Redis; the
 * encoding turns to {@code hashtable} for good once the hash outgrows the listpack limits.
 */
public final class HashValue implements RedisValue {

  private final LinkedHashMap<Bytes, byte[]> fields = new LinkedHashMap<>();
  private boolean hashtable;

  /** The fields (mutate through {@link #put} so the encoding stays right). */
  public Map<Bytes, byte[]> fields() {
    return fields;
  }

  /** Sets a field; true when it is new. */
  public boolean put(Bytes field, byte[] value, EncodingLimits limits) {
    boolean added = fields.put(field, value) == null;
    if (!hashtable && (fields.size() > limits.hashMaxListpackEntries()
        || field.length() > limits.hashMaxListpackValue()
        || value.length > limits.hashMaxListpackValue())) {
      hashtable = true;
    }
    return added;
  }

  @Override
  public String typeName() {
    return "hash";
  }

  @Override
  public String encoding() {
    return hashtable ? "hashtable" : "listpack";
  }

  @Override
  public HashValue copy() {
    HashValue c = new HashValue();
    c.fields.putAll(fields);
    c.hashtable = hashtable;
    return c;
  }
}
