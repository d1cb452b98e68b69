package io.vigil.driver.internal.command.definitions;

import io.vigil.driver.internal.command.Check;
import io.vigil.driver.internal.command.Definitions;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.values.ScanPage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Keys: deletion, expiry, renaming, iteration and introspection of any key. */
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

  /**
   * Makes {@code key} expire after {@code ttl} (millisecond precision); false when the key
   * does not exist.
   */
  default Spec<Boolean> expire(K key, Duration ttl) {
    return command("PEXPIRE").key(key).add(Check.ttlMillis("PEXPIRE", ttl)).spec(Replies.BOOLEAN);
  }

  /** Makes {@code key} expire at {@code when}; false when the key does not exist. */
  default Spec<Boolean> expireat(K key, Instant when) {
    return command("PEXPIREAT").key(key).add(Check.epochMillis("PEXPIREAT", when)).spec(Replies.BOOLEAN);
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
   * The keys matching a glob {@code pattern}. Scans the whole keyspace: prefer {@link #scan}
   * in production.
   */
  default Spec<List<K>> keys(K pattern) {
    return command("KEYS").key(pattern).spec(keyList());
  }

  /**
   * One page of a keyspace iteration from {@code cursor} ({@code "0"} to start), keys matching
   * {@code pattern}, about {@code count} per page.
   */
  default Spec<ScanPage<K>> scan(String cursor, K pattern, long count) {
    return command("SCAN").add(cursor).add("MATCH").key(pattern).add("COUNT").add(count).spec(scanPage());
  }

  /** The number of keys in the selected database. */
  default Spec<Long> dbsize() {
    return command("DBSIZE").spec(Replies.INTEGER);
  }

  /** Deletes every key of the selected database; returns {@code OK}. */
  default Spec<String> flushdb() {
    return command("FLUSHDB").spec(Replies.STATUS);
  }
}
