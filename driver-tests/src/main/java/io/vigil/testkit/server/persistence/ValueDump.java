package io.vigil.testkit.server.persistence;

import io.vigil.testkit.server.keyspace.EncodingLimits;
import io.vigil.testkit.server.keyspace.RedisValue;
import io.vigil.testkit.server.rdb.DumpPayload;
import io.vigil.testkit.server.rdb.RdbFormatException;
import io.vigil.testkit.server.rdb.RdbOptions;
import io.vigil.testkit.server.rdb.RdbVisitor;

/**
 * DUMP and RESTORE of one value: serialized through the same per-type RDB writing as {@code SAVE}
 * and read back through the same value building as a load, so every type the snapshot knows
 * dumps and restores, with Redis's payload framing ({@link DumpPayload}).
 *
 * <p>Stateless; server thread (it reads live values).
 */
public final class ValueDump {

  private ValueDump() {}

  /** The DUMP payload of {@code value}. */
  public static byte[] dump(RedisValue value, RdbOptions options) {
    return DumpPayload.write(w -> RdbSnapshot.writeValue(w, new byte[0], value, RdbVisitor.NO_EXPIRY), options);
  }

  /**
   * The value of a payload that passed {@link DumpPayload#verify}, built with {@code limits} as a
   * load builds it, or null when it holds nothing RESTORE accepts (Redis's "Bad data format":
   * an unknown or unsupported type, a corrupt encoding, an empty collection).
   */
  public static RedisValue restore(byte[] payload, byte[] key, EncodingLimits limits) {
    RdbLoader loader = new RdbLoader(limits, false, 0);
    try {
      DumpPayload.read(payload, key, loader);
    } catch (RdbFormatException e) {
      return null;
    }
    return loader.onlyValue();
  }
}
