/**
 * RDB v10 ({@code REDIS0010}) persistence, byte-compatible with Redis 7.0: the snapshot format of
 * {@code dump.rdb}, {@code SAVE}/{@code BGSAVE} and of a replication full sync.
 *
 * <p>Neutral of the server: nothing here knows the keyspace. {@link io.vigil.testkit.server.rdb.RdbReader}
 * streams a file into an {@link io.vigil.testkit.server.rdb.RdbVisitor}, and calls
 * {@link io.vigil.testkit.server.rdb.RdbVisitor#end} only after the CRC-64 matched, so a loader
 * builds a fresh data set and swaps it in at the end; on an
 * {@link io.vigil.testkit.server.rdb.RdbFormatException} (which names the byte offset) the old data set
 * stays as it was. {@link io.vigil.testkit.server.rdb.RdbWriter} streams a data set out.
 *
 * <h2>Read</h2>
 * <ul>
 *   <li>Versions 1 to 10; opcodes AUX, SELECTDB, RESIZEDB, EXPIRETIME, EXPIRETIME_MS, IDLE, FREQ,
 *       FUNCTION2 (passed to the visitor, refused by default), EOF with CRC-64 (0 = not checked).</li>
 *   <li>Strings raw, as 8/16/32-bit integers, and LZF-compressed.</li>
 *   <li>Lists: {@code QUICKLIST_2} (listpack and plain nodes), {@code QUICKLIST} of ziplists,
 *       {@code ZIPLIST}, the linked-list {@code LIST}.</li>
 *   <li>Sets: hashtable {@code SET}, {@code SET_INTSET} (Redis 7.0 has no listpack sets; that
 *       type, 20, came with 7.2 and is rejected like any unknown type).</li>
 *   <li>Sorted sets: {@code ZSET_2} (binary scores), {@code ZSET_LISTPACK}, {@code ZSET_ZIPLIST},
 *       the old text-score {@code ZSET}.</li>
 *   <li>Hashes: hashtable {@code HASH}, {@code HASH_LISTPACK}, {@code HASH_ZIPLIST},
 *       {@code HASH_ZIPMAP}.</li>
 *   <li>Streams: {@code STREAM_LISTPACKS_2} and the older {@code STREAM_LISTPACKS}, with their
 *       consumer groups, pending entries and consumers, as {@link io.vigil.testkit.server.rdb.RdbStream}s
 *       (refused unless the visitor accepts streams).</li>
 *   <li>Refused with an "unsupported" {@code RdbFormatException}: module types and MODULE_AUX,
 *       pre-GA functions, versions above 10.</li>
 *   <li>Checked as Redis checks: listpack/ziplist/intset integrity, duplicate members or fields in
 *       hashtable encodings, NaN scores, quicklist container types. Empty collections are skipped.</li>
 * </ul>
 *
 * <h2>Written</h2>
 * The encodings Redis 7.0.15 writes for values built by ordinary commands, so that a file
 * written from the contents of a real {@code dump.rdb} is the same bytes (the interop tests
 * check this): strings int-encoded when canonical and within 32 bits, LZF when longer than 20
 * bytes and 4 bytes shorter compressed (a port of liblzf's compressor), else raw; lists as
 * {@code QUICKLIST_2} of listpacks split as {@code RPUSH} splits them at
 * {@code list-max-listpack-size -2} (8 KB); sets as {@code SET_INTSET} up to
 * {@code set-max-intset-entries} (512) integers, else hashtable; sorted sets as
 * {@code ZSET_LISTPACK} up to {@code zset-max-listpack-entries} (128) members of at most
 * {@code zset-max-listpack-value} (64) bytes, scores as {@code d2string} text, else
 * {@code ZSET_2} highest score first; hashes as {@code HASH_LISTPACK} up to
 * {@code hash-max-listpack-entries} (512 in 7.0) fields and values of at most 64 bytes, else
 * hashtable; streams as {@code STREAM_LISTPACKS_2}, each node's listpack as Redis laid it out. Aux
 * fields as Redis 7.0 writes them ({@code redis-ver 7.0.15}, {@code redis-bits},
 * {@code ctime}, {@code used-mem}, optional {@code repl-stream-db}/{@code repl-id}/{@code repl-offset},
 * {@code aof-base}). Thresholds are {@link io.vigil.testkit.server.rdb.RdbOptions}.
 *
 * <p>The building blocks are public for the server's own use ({@code OBJECT ENCODING},
 * {@code DEBUG}-style checks, {@code DUMP}/{@code RESTORE} later): {@link io.vigil.testkit.server.rdb.Lzf},
 * {@link io.vigil.testkit.server.rdb.Listpack}, {@link io.vigil.testkit.server.rdb.Intset},
 * {@link io.vigil.testkit.server.rdb.Crc64}.
 */
package io.vigil.testkit.server.rdb;
