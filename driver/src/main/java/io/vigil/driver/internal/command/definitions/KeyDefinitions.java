package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.args.CopyArgs;
import io.vigil.driver.args.ExpireCondition;
import io.vigil.driver.args.RestoreArgs;
import io.vigil.driver.args.ScanArgs;
import io.vigil.driver.args.SortArgs;
import io.vigil.driver.internal.command.Args;
import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.NullableReply;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.command.replies.KeyReplies;
import io.vigil.driver.values.ScanPage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Keys: deletion, expiry, renaming, copying, iteration, sorting and introspection of any key. */
public interface KeyDefinitions<K, V> extends Definitions<K, V> {

  /** Deletes {@code keys}; how many existed. */
  default Spec<Long> del(K... keys) {
    return command("DEL").keys(keys).spec(Replies.INTEGER);
  }

  /** Deletes {@code keys}, reclaiming memory in the background; how many existed. */
  default Spec<Long> unlink(K... keys) {
    return command("UNLINK").keys(keys).spec(Replies.INTEGER);
  }

  /** How many of {@code keys} exist (a key named twice counts twice). */
  default Spec<Long> exists(K... keys) {
    return command("EXISTS").keys(keys).spec(Replies.INTEGER);
  }

  /** Updates the last access time of {@code keys}; how many exist. */
  default Spec<Long> touch(K... keys) {
    return command("TOUCH").keys(keys).spec(Replies.INTEGER);
  }

  /**
   * Makes {@code key} expire after {@code ttl} (millisecond precision, {@code PEXPIRE}); false
   * when the key does not exist.
   */
  default Spec<Boolean> expire(K key, Duration ttl) {
    return command("PEXPIRE").key(key).add(Check.ttlMillis("PEXPIRE", ttl)).spec(Replies.BOOLEAN);
  }

  /**
   * Makes {@code key} expire after {@code ttl} (millisecond precision) only when {@code condition}
   * holds ({@code PEXPIRE … NX|XX|GT|LT}); whether the expiry was set.
   */
  default Spec<Boolean> expire(K key, Duration ttl, ExpireCondition condition) {
    return command("PEXPIRE").key(key).add(Check.ttlMillis("PEXPIRE", ttl))
        .add(Check.notNull("PEXPIRE", "the condition", condition).name()).spec(Replies.BOOLEAN);
  }

  /** Makes {@code key} expire at {@code when} ({@code PEXPIREAT}); false when the key does not exist. */
  default Spec<Boolean> expireat(K key, Instant when) {
    return command("PEXPIREAT").key(key).add(Check.epochMillis("PEXPIREAT", when)).spec(Replies.BOOLEAN);
  }

  /**
   * Makes {@code key} expire at {@code when} only when {@code condition} holds ({@code PEXPIREAT
   * … NX|XX|GT|LT}); whether the expiry was set.
   */
  default Spec<Boolean> expireat(K key, Instant when, ExpireCondition condition) {
    return command("PEXPIREAT").key(key).add(Check.epochMillis("PEXPIREAT", when))
        .add(Check.notNull("PEXPIREAT", "the condition", condition).name()).spec(Replies.BOOLEAN);
  }

  /** Removes the expiry of {@code key}; false when it had none or does not exist. */
  default Spec<Boolean> persist(K key) {
    return command("PERSIST").key(key).spec(Replies.BOOLEAN);
  }

  /** Seconds until {@code key} expires: -1 when it has no expiry, -2 when it does not exist. */
  default Spec<Long> ttl(K key) {
    return command("TTL").key(key).spec(Replies.INTEGER);
  }

  /**
   * Milliseconds until {@code key} expires: -1 when it has no expiry, -2 when it does not
   * exist.
   */
  default Spec<Long> pttl(K key) {
    return command("PTTL").key(key).spec(Replies.INTEGER);
  }

  /**
   * The Unix time in seconds at which {@code key} expires: -1 when it has no expiry, -2 when it
   * does not exist.
   */
  default Spec<Long> expiretime(K key) {
    return command("EXPIRETIME").key(key).spec(Replies.INTEGER);
  }

  /**
   * The Unix time in milliseconds at which {@code key} expires: -1 when it has no expiry, -2 when
   * it does not exist.
   */
  default Spec<Long> pexpiretime(K key) {
    return command("PEXPIRETIME").key(key).spec(Replies.INTEGER);
  }

  /**
   * The type of the value at {@code key} ({@code string}, {@code list}…), {@code none} when
   * missing.
   */
  default Spec<String> type(K key) {
    return command("TYPE").key(key).spec(Replies.STATUS);
  }

  /** Renames {@code key} to {@code newKey}, replacing it; returns {@code OK}. */
  default Spec<String> rename(K key, K newKey) {
    return command("RENAME").key(key).key(newKey).spec(Replies.STATUS);
  }

  /** Renames {@code key} only when {@code newKey} does not exist; whether it did. */
  default Spec<Boolean> renamenx(K key, K newKey) {
    return command("RENAMENX").key(key).key(newKey).spec(Replies.BOOLEAN);
  }

  /**
   * Copies the value of {@code source} (with its expiry) to {@code destination}; false, copying
   * nothing, when {@code destination} exists or {@code source} does not.
   */
  default Spec<Boolean> copy(K source, K destination) {
    return command("COPY").key(source, "source").key(destination, "destination").spec(Replies.BOOLEAN);
  }

  /**
   * Copies the value of {@code source} to {@code destination}, into another database ({@code DB})
   * or replacing it ({@code REPLACE}) as {@code args} says; whether it was copied.
   */
  default Spec<Boolean> copy(K source, K destination, CopyArgs args) {
    Args<K, V> a = command("COPY").key(source, "source").key(destination, "destination");
    Check.notNull("COPY", "the options", args);
    if (args.database() >= 0) {
      a.add("DB").add(args.database());
    }
    return a.addIf(args.isReplace(), "REPLACE").spec(Replies.BOOLEAN);
  }

  /**
   * Moves {@code key} to database {@code database}; false when it does not exist here or already
   * exists there.
   */
  default Spec<Boolean> move(K key, long database) {
    return command("MOVE").key(key).add(Check.notNegative("MOVE", "the database", database)).spec(Replies.BOOLEAN);
  }

  /** A random key of the selected database, or null when it is empty. */
  default Spec<K> randomkey() {
    return command("RANDOMKEY").spec(KeyReplies.key(codec()));
  }

  /**
   * The keys matching a glob {@code pattern}. Scans the whole keyspace: prefer {@link #scan}
   * in production.
   */
  default Spec<List<K>> keys(K pattern) {
    return command("KEYS").key(pattern).spec(keyList());
  }

  /** One page of a keyspace iteration from {@code cursor} ({@code "0"} to start). */
  default Spec<ScanPage<K>> scan(String cursor) {
    return command("SCAN").add(Check.notNull("SCAN", "the cursor", cursor)).spec(scanPage());
  }

  /**
   * One page of a keyspace iteration from {@code cursor} ({@code "0"} to start), keys matching
   * {@code pattern}, about {@code count} per page.
   */
  default Spec<ScanPage<K>> scan(String cursor, K pattern, long count) {
    return command("SCAN").add(Check.notNull("SCAN", "the cursor", cursor)).add("MATCH").key(pattern, "pattern")
        .add("COUNT").add(Check.positive("SCAN", "COUNT", count)).spec(scanPage());
  }

  /**
   * One page of a keyspace iteration from {@code cursor} ({@code "0"} to start), filtered by name
   * ({@code MATCH}) and type ({@code TYPE}) as {@code args} says. A page may be empty while the
   * iteration goes on; a key present throughout is returned at least once.
   */
  default Spec<ScanPage<K>> scan(String cursor, ScanArgs args) {
    return Wire.scan(command("SCAN").add(Check.notNull("SCAN", "the cursor", cursor)), args).spec(scanPage());
  }

  /**
   * The value of {@code key} serialized in Redis's own format ({@code DUMP}), for {@link #restore};
   * null when it does not exist.
   */
  default Spec<byte[]> dump(K key) {
    return command("DUMP").key(key).spec(KeyReplies.BYTES);
  }

  /**
   * Creates {@code key} from a {@link #dump} payload, without expiry; returns {@code OK}. Fails
   * with {@code BUSYKEY} when the key exists.
   */
  default Spec<String> restore(K key, byte[] payload) {
    return command("RESTORE").key(key).add(0).add(Check.notNull("RESTORE", "the payload", payload))
        .spec(Replies.STATUS);
  }

  /**
   * Creates {@code key} from a {@link #dump} payload with the expiry, replacement and eviction
   * hint of {@code args}; returns {@code OK}.
   */
  default Spec<String> restore(K key, byte[] payload, RestoreArgs args) {
    Args<K, V> a = command("RESTORE").key(key);
    Check.notNull("RESTORE", "the options", args);
    a.add(args.ttlMillis()).add(Check.notNull("RESTORE", "the payload", payload));
    a.addIf(args.isReplace(), "REPLACE").addIf(args.isAbsoluteTtl(), "ABSTTL");
    if (args.idleSeconds() >= 0) {
      a.add("IDLETIME").add(args.idleSeconds());
    }
    if (args.frequency() >= 0) {
      a.add("FREQ").add(args.frequency());
    }
    return a.spec(Replies.STATUS);
  }

  /**
   * The internal encoding of the value at {@code key} ({@code listpack}, {@code int},
   * {@code hashtable}…), or null when it does not exist.
   */
  default Spec<String> objectEncoding(K key) {
    return command("OBJECT ENCODING").key(key).spec(Replies.TEXT);
  }

  /**
   * The logarithmic access frequency of {@code key}, or null when it does not exist. Only under an
   * LFU {@code maxmemory-policy}; otherwise Redis answers an error.
   */
  @NullableReply
  default Spec<Long> objectFreq(K key) {
    return command("OBJECT FREQ").key(key).spec(Replies.NULLABLE_INTEGER);
  }

  /**
   * How long {@code key} has not been read or written (second precision), or null when it does not
   * exist. Not under an LFU {@code maxmemory-policy}, where Redis answers an error.
   */
  default Spec<Duration> objectIdletime(K key) {
    return command("OBJECT IDLETIME").key(key).spec(KeyReplies.SECONDS);
  }

  /** How many references the value at {@code key} has, or null when it does not exist. */
  @NullableReply
  default Spec<Long> objectRefcount(K key) {
    return command("OBJECT REFCOUNT").key(key).spec(Replies.NULLABLE_INTEGER);
  }

  /** The elements of the list, set or sorted set at {@code key}, sorted as numbers, ascending. */
  default Spec<List<V>> sort(K key) {
    return command("SORT").key(key).spec(values());
  }

  /**
   * The elements of the list, set or sorted set at {@code key} sorted as {@code args} says, or
   * the values its {@code GET} patterns fetch (null for each missing one).
   */
  default Spec<List<V>> sort(K key, SortArgs args) {
    return sortArgs(command("SORT").key(key), args).spec(values());
  }

  /**
   * Sorts as {@link #sort(Object, SortArgs)} and stores the result as a list at {@code
   * destination} (replacing it; deleting it when the result is empty); its length.
   */
  default Spec<Long> sortStore(K key, SortArgs args, K destination) {
    return sortArgs(command("SORT").key(key), args).add("STORE").key(destination, "destination")
        .spec(Replies.INTEGER);
  }

  /** {@link #sort(Object)} as a read-only command ({@code SORT_RO}), which replicas serve. */
  default Spec<List<V>> sortRo(K key) {
    return command("SORT_RO").key(key).spec(values());
  }

  /** {@link #sort(Object, SortArgs)} as a read-only command ({@code SORT_RO}), which replicas serve. */
  default Spec<List<V>> sortRo(K key, SortArgs args) {
    return sortArgs(command("SORT_RO").key(key), args).spec(values());
  }

  private Args<K, V> sortArgs(Args<K, V> args, SortArgs options) {
    Check.notNull(args.name(), "the options", options);
    if (options.by() != null) {
      args.add("BY").add(options.by());
    }
    if (options.offset() >= 0) {
      args.add("LIMIT").add(options.offset()).add(options.count());
    }
    for (String pattern : options.getPatterns()) {
      args.add("GET").add(pattern);
    }
    return args.addIf(options.isDescending(), "DESC").addIf(options.isAlpha(), "ALPHA");
  }
}
