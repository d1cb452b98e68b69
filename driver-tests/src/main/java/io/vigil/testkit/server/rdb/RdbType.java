package io.vigil.testkit.server.rdb;

/**
 * The value types of RDB v10 ({@code RDB_TYPE_*} in Redis 7.0's {@code rdb.h}): the byte in the
 * file that says how the value after a key is encoded.
 *
 * <p>{@link RdbReader} reports it through {@link RdbVisitor#beginKey}; it maps onto
 * {@code OBJECT ENCODING} ({@code SET_INTSET} is {@code intset}, {@code ZSET_LISTPACK} is
 * {@code listpack}, {@code ZSET_2} is {@code skiplist}, {@code LIST_QUICKLIST_2} is
 * {@code quicklist}, {@code SET} and {@code HASH} are {@code hashtable}).
 */
public enum RdbType {
  STRING(0),
  LIST(1),
  SET(2),
  ZSET(3),
  HASH(4),
  ZSET_2(5),
  MODULE_PRE_GA(6),
  MODULE_2(7),
  HASH_ZIPMAP(9),
  LIST_ZIPLIST(10),
  SET_INTSET(11),
  ZSET_ZIPLIST(12),
  HASH_ZIPLIST(13),
  LIST_QUICKLIST(14),
  STREAM_LISTPACKS(15),
  HASH_LISTPACK(16),
  ZSET_LISTPACK(17),
  LIST_QUICKLIST_2(18),
  STREAM_LISTPACKS_2(19);

  private static final RdbType[] BY_CODE = new RdbType[256];

  static {
    for (RdbType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;

  RdbType(int code) {
    this.code = code;
  }

  /** The type byte in the file. */
  public int code() {
    return code;
  }

  /** The type for {@code code}, or null when RDB v10 defines none. */
  public static RdbType of(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
