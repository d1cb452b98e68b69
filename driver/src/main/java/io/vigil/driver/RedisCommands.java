package io.vigil.driver;

import io.vigil.resp.RespValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The typed Redis commands, blocking: each method sends one command and returns its result.
 *
 * <p>Thread-safe; calls from many threads are pipelined on the client's shared connections.
 * A method blocks until the reply arrives or the command timeout passes ({@link
 * CommandTimeoutException}); an error reply throws a {@link RedisServerException} subclass
 * for its prefix; a connection that dies with the command in flight throws {@link
 * OutcomeUnknownException}. Blocking commands ({@code BLPOP}…) run on a connection of their
 * own and may take their timeout plus the command timeout. Calling a blocking method on the
 * driver's I/O thread (inside an async callback or a pub/sub listener) throws {@link
 * IllegalStateException} instead of deadlocking. Keys and values are {@code String} (UTF-8) or
 * {@code byte[]}, as {@code K} and {@code V} say.
 *
 * @param <K> the key type (hash fields and channels too)
 * @param <V> the value type (list, set and sorted-set members too)
 */
public interface RedisCommands<K, V> {

  // --- strings -----------------------------------------------------------------------------------

  /** The value of {@code key}, or null when it does not exist. */
  V get(K key);

  /** Sets {@code key} to {@code value}, replacing any value and expiry; returns {@code OK}. */
  String set(K key, V value);

  /**
   * Sets {@code key} to {@code value} expiring after {@code ttl} (millisecond precision);
   * returns {@code OK}.
   */
  String set(K key, V value, Duration ttl);

  /** Sets {@code key} only when it does not exist ({@code SET NX}); whether it was set. */
  boolean setIfAbsent(K key, V value);

  /** Sets {@code key} with an expiry only when it does not exist; whether it was set. */
  boolean setIfAbsent(K key, V value, Duration ttl);

  /** Sets {@code key} and returns its previous value ({@code SET GET}), or null. */
  V setAndGet(K key, V value);

  /** Returns the value of {@code key} and deletes it, or null. */
  V getDel(K key);

  /** The values of {@code keys}, null for each missing one. */
  List<V> mget(K... keys);

  /** Sets every key of {@code entries} at once; returns {@code OK}. */
  String mset(Map<K, V> entries);

  /** Increments the integer at {@code key} by one; the new value. */
  long incr(K key);

  /** Increments the integer at {@code key} by {@code amount}; the new value. */
  long incrBy(K key, long amount);

  /** Decrements the integer at {@code key} by one; the new value. */
  long decr(K key);

  /** Decrements the integer at {@code key} by {@code amount}; the new value. */
  long decrBy(K key, long amount);

  /** Increments the number at {@code key} by {@code amount}; the new value. */
  double incrByFloat(K key, double amount);

  /** Appends {@code value}; the new length in bytes. */
  long append(K key, V value);

  /** The length in bytes of the value at {@code key}, 0 when missing. */
  long strlen(K key);

  /** The bytes from {@code start} to {@code end} inclusive (negative counts from the end). */
  V getRange(K key, long start, long end);

  /** Overwrites part of the value from {@code offset}; the new length. */
  long setRange(K key, long offset, V value);


  // --- keys --------------------------------------------------------------------------------------

  /** Deletes {@code keys}; how many existed. */
  long del(K... keys);

  /** Deletes {@code keys}, reclaiming memory in the background; how many existed. */
  long unlink(K... keys);

  /** How many of {@code keys} exist (a key named twice counts twice). */
  long exists(K... keys);

  /**
   * Makes {@code key} expire after {@code ttl} (millisecond precision); false when the key
   * does not exist.
   */
  boolean expire(K key, Duration ttl);

  /** Makes {@code key} expire at {@code when}; false when the key does not exist. */
  boolean expireAt(K key, Instant when);

  /** Removes the expiry of {@code key}; false when it had none or does not exist. */
  boolean persist(K key);

  /** Seconds until {@code key} expires: -1 when it has no expiry, -2 when it does not exist. */
  long ttl(K key);

  /**
   * Milliseconds until {@code key} expires: -1 when it has no expiry, -2 when it does not
   * exist.
   */
  long pttl(K key);

  /**
   * The type of the value at {@code key} ({@code string}, {@code list}…), {@code none} when
   * missing.
   */
  String type(K key);

  /** Renames {@code key} to {@code newKey}, replacing it; returns {@code OK}. */
  String rename(K key, K newKey);

  /** Renames {@code key} only when {@code newKey} does not exist; whether it did. */
  boolean renameIfAbsent(K key, K newKey);

  /**
   * The keys matching a glob {@code pattern}. Scans the whole keyspace: prefer {@link #scan}
   * in production.
   */
  List<K> keys(K pattern);

  /**
   * One page of a keyspace iteration from {@code cursor} ({@code "0"} to start), keys matching
   * {@code pattern}, about {@code count} per page.
   */
  ScanPage<K> scan(String cursor, K pattern, long count);

  /** The number of keys in the selected database. */
  long dbsize();

  /** Deletes every key of the selected database; returns {@code OK}. */
  String flushdb();


  // --- hashes ------------------------------------------------------------------------------------

  /** Sets one field of the hash at {@code key}; 1 when the field is new, 0 when it was updated. */
  long hset(K key, K field, V value);

  /** Sets several fields of the hash at {@code key}; how many were new. */
  long hset(K key, Map<K, V> fields);

  /** Sets a field only when it does not exist; whether it did. */
  boolean hsetIfAbsent(K key, K field, V value);

  /** The value of {@code field}, or null. */
  V hget(K key, K field);

  /** The values of {@code fields}, null for each missing one. */
  List<V> hmget(K key, K... fields);

  /** Every field and value of the hash, in server order; empty when the key does not exist. */
  Map<K, V> hgetall(K key);

  /** Deletes {@code fields}; how many existed. */
  long hdel(K key, K... fields);

  /** Whether {@code field} exists. */
  boolean hexists(K key, K field);

  /** Increments the integer in {@code field} by {@code amount}; the new value. */
  long hincrBy(K key, K field, long amount);

  /** Increments the number in {@code field} by {@code amount}; the new value. */
  double hincrByFloat(K key, K field, double amount);

  /** The field names of the hash. */
  List<K> hkeys(K key);

  /** The values of the hash. */
  List<V> hvals(K key);

  /** The number of fields in the hash. */
  long hlen(K key);


  // --- lists -------------------------------------------------------------------------------------

  /** Prepends {@code values} (the last one ends up first); the new length. */
  long lpush(K key, V... values);

  /** Appends {@code values}; the new length. */
  long rpush(K key, V... values);

  /** Removes and returns the first element, or null when the list is empty. */
  V lpop(K key);

  /** Removes and returns the last element, or null when the list is empty. */
  V rpop(K key);

  /** The elements from {@code start} to {@code stop} inclusive (negative counts from the end). */
  List<V> lrange(K key, long start, long stop);

  /** The length of the list. */
  long llen(K key);

  /** The element at {@code index}, or null. */
  V lindex(K key, long index);

  /** Replaces the element at {@code index}; returns {@code OK}. */
  String lset(K key, long index, V value);

  /**
   * Removes up to {@code count} elements equal to {@code value} (0: all; negative: from the
   * tail); how many.
   */
  long lrem(K key, long count, V value);

  /** Trims the list to {@code start}..{@code stop}; returns {@code OK}. */
  String ltrim(K key, long start, long stop);

  /**
   * Moves the last element of {@code source} to the head of {@code destination} and returns
   * it, or null.
   */
  V rpoplpush(K source, K destination);

  /**
   * Removes and returns the first element of the first non-empty list among {@code keys},
   * waiting up to {@code timeout} ({@link Duration#ZERO}: forever); null on timeout. Runs on a
   * connection of its own.
   */
  KeyValue<K, V> blpop(Duration timeout, K... keys);

  /**
   * Removes and returns the last element of the first non-empty list among {@code keys},
   * waiting up to {@code timeout} ({@link Duration#ZERO}: forever); null on timeout. Runs on a
   * connection of its own.
   */
  KeyValue<K, V> brpop(Duration timeout, K... keys);

  /**
   * {@link #rpoplpush} that waits up to {@code timeout} for an element; null on timeout. Runs
   * on a connection of its own.
   */
  V brpoplpush(Duration timeout, K source, K destination);


  // --- sets --------------------------------------------------------------------------------------

  /** Adds {@code members}; how many were new. */
  long sadd(K key, V... members);

  /** Removes {@code members}; how many were there. */
  long srem(K key, V... members);

  /** The members of the set. */
  Set<V> smembers(K key);

  /** Whether {@code member} is in the set. */
  boolean sismember(K key, V member);

  /** The number of members. */
  long scard(K key);

  /** The members common to all {@code keys}. */
  Set<V> sinter(K... keys);

  /** The members of any of {@code keys}. */
  Set<V> sunion(K... keys);

  /** The members of the first key that are in none of the others. */
  Set<V> sdiff(K... keys);

  /** Removes and returns a random member, or null when the set is empty. */
  V spop(K key);

  /** A random member, or null when the set is empty. */
  V srandmember(K key);

  /**
   * Moves {@code member} from {@code source} to {@code destination}; whether it was in {@code
   * source}.
   */
  boolean smove(K source, K destination, V member);


  // --- sorted sets -------------------------------------------------------------------------------

  /** Adds or updates one member with its score; 1 when it is new. */
  long zadd(K key, double score, V member);

  /** Adds or updates {@code members}; how many were new. */
  long zadd(K key, Collection<ScoredValue<V>> members);

  /** The score of {@code member}, or null when it is not in the set. */
  Double zscore(K key, V member);

  /**
   * Adds {@code amount} to the score of {@code member} (adding it at 0 first if needed); the
   * new score.
   */
  double zincrby(K key, double amount, V member);

  /** Removes {@code members}; how many were there. */
  long zrem(K key, V... members);

  /** The number of members. */
  long zcard(K key);

  /** The 0-based rank of {@code member} by ascending score, or null when it is not in the set. */
  Long zrank(K key, V member);

  /** How many members have a score between {@code min} and {@code max} inclusive. */
  long zcount(K key, double min, double max);

  /** The members ranked {@code start} to {@code stop} inclusive, by ascending score. */
  List<V> zrange(K key, long start, long stop);

  /** The members ranked {@code start} to {@code stop} inclusive with their scores. */
  List<ScoredValue<V>> zrangeWithScores(K key, long start, long stop);

  /** The members ranked {@code start} to {@code stop} inclusive, by descending score. */
  List<V> zrevrange(K key, long start, long stop);

  /** The members with a score between {@code min} and {@code max} inclusive, ascending. */
  List<V> zrangeByScore(K key, double min, double max);


  // --- pub/sub -----------------------------------------------------------------------------------

  /** Publishes {@code message} on {@code channel}; how many subscribers received it. */
  long publish(K channel, V message);


  // --- scripting ---------------------------------------------------------------------------------

  /**
   * Runs a Lua script with {@code keys} and {@code args}; its result as plain Java (values,
   * {@code Long}, {@code String}, {@code List}, null).
   */
  Object eval(String script, List<K> keys, List<V> args);

  /**
   * Runs a script loaded before, by its SHA-1; fails with {@link
   * io.vigil.driver.NoScriptException} when the node does not have it.
   */
  Object evalsha(String sha1, List<K> keys, List<V> args);

  /** Loads a script into the script cache; its SHA-1 for {@link #evalsha}. */
  String scriptLoad(String script);


  // --- server ------------------------------------------------------------------------------------

  /** {@code PONG}, when the node answers. */
  String ping();

  /** The default sections of {@code INFO}, as the text the server sends. */
  String info();

  /** One section of {@code INFO} ({@code replication}, {@code server}…), as text. */
  String info(String section);

  /** The node's replication role ({@code ROLE}). */
  Role role();

  /**
   * Waits until {@code replicas} replicas acknowledged this connection's writes, or {@code
   * timeout} passed ({@link Duration#ZERO}: forever); how many did. It covers the writes sent
   * before it on the same connection: in a {@link io.vigil.driver.Transaction} exactly its
   * own, on the shared connection everything sent there; other commands on that connection
   * wait meanwhile.
   */
  long waitReplicas(int replicas, Duration timeout);

  // --- any command ----------------------------------------------------------------------------

  /**
   * Sends any command ({@code execute("OBJECT", "ENCODING", "k")}) and returns the raw reply.
   * Error replies throw as for typed methods. Commands that change the connection's state
   * ({@code SUBSCRIBE}, {@code MULTI}, {@code SELECT}…) are refused with {@link
   * IllegalArgumentException}: use the dedicated API. Blocking commands get a connection of
   * their own and no deadline.
   */
  RespValue execute(String... args);

  /** {@link #execute(String...)} with binary arguments. */
  RespValue execute(byte[]... args);
}
