package io.vigil.driver.internal.client;

import io.vigil.driver.KeyValue;
import io.vigil.driver.Role;
import io.vigil.driver.ScanPage;
import io.vigil.driver.ScoredValue;
import io.vigil.driver.internal.command.CommandInfo;
import io.vigil.driver.internal.command.CommandTable;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds each typed command: its arguments and the decoder of its reply. The one place where a
 * command's wire form is written down; the blocking, async, pipeline and transaction views all
 * call it.
 *
 * <p>Immutable and thread-safe.
 */
public final class CommandBuilder<K, V> {

  private static final byte[] GET = ascii("GET");
  private static final byte[] SET = ascii("SET");

  private final Codec<K, V> codec;
  private final CommandTable table;
  private final ReplyDecoder<V> asValue;
  private final ReplyDecoder<List<V>> asValues;
  private final ReplyDecoder<List<K>> asKeys;
  private final ReplyDecoder<Set<V>> asSet;
  private final ReplyDecoder<Map<K, V>> asMap;
  private final ReplyDecoder<List<ScoredValue<V>>> asScored;
  private final ReplyDecoder<KeyValue<K, V>> asKeyValue;
  private final ReplyDecoder<ScanPage<K>> asScanPage;
  private final ReplyDecoder<Object> asObject;

  /** A builder encoding keys and values with {@code codec}, classifying generic commands with {@code table}. */
  public CommandBuilder(Codec<K, V> codec, CommandTable table) {
    this.codec = codec;
    this.table = table;
    this.asValue = Replies.value(codec);
    this.asValues = Replies.values(codec);
    this.asKeys = Replies.keys(codec);
    this.asSet = Replies.valueSet(codec);
    this.asMap = Replies.map(codec);
    this.asScored = Replies.scoredValues(codec);
    this.asKeyValue = Replies.keyValue(codec);
    this.asScanPage = Replies.scanPage(codec);
    this.asObject = Replies.object(codec);
  }

  /** The codec. */
  public Codec<K, V> codec() {
    return codec;
  }

  /**
   * Any command, classified by the command table: blocking ones get a connection of their own
   * and no deadline; connection-state ones are refused.
   */
  public Spec<RespValue> generic(byte[][] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("execute needs at least a command name");
    }
    String name = new String(args[0], StandardCharsets.UTF_8);
    CommandInfo info = table.lookup(name);
    if (info.changesConnectionState()) {
      throw new IllegalArgumentException(name.toUpperCase() + " changes the state of the connection it runs on"
          + " and cannot run on a shared one: use subscribe()/psubscribe() for pub/sub, transaction() for"
          + " MULTI/EXEC/WATCH, and the builder's database(...) for SELECT");
    }
    return new Spec<>(args, Replies.RAW, info.isBlocking() ? -1 : 0, info.isBlocking());
  }

  /** {@link #generic(byte[][])} with text arguments (UTF-8). */
  public Spec<RespValue> generic(String[] args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return generic(bytes);
  }

  // --- strings -----------------------------------------------------------------------------------

  Spec<V> get(K key) {
    return new Spec<>(new byte[][] {GET, codec.encodeKey(key)}, asValue, 0, false);
  }

  Spec<String> set(K key, V value) {
    return new Spec<>(new byte[][] {SET, codec.encodeKey(key), codec.encodeValue(value)}, Replies.STATUS, 0, false);
  }

  Spec<String> set(K key, V value, Duration ttl) {
    return args("SET").key(key).value(value).add("PX").add(millis(ttl)).spec(Replies.STATUS);
  }

  Spec<Boolean> setIfAbsent(K key, V value) {
    return args("SET").key(key).value(value).add("NX").spec(Replies.OK_OR_NULL);
  }

  Spec<Boolean> setIfAbsent(K key, V value, Duration ttl) {
    return args("SET").key(key).value(value).add("NX").add("PX").add(millis(ttl)).spec(Replies.OK_OR_NULL);
  }

  Spec<V> setAndGet(K key, V value) {
    return args("SET").key(key).value(value).add("GET").spec(asValue);
  }

  Spec<V> getDel(K key) {
    return args("GETDEL").key(key).spec(asValue);
  }

  Spec<List<V>> mget(K... keys) {
    return args("MGET").keys(keys).spec(asValues);
  }

  Spec<String> mset(Map<K, V> entries) {
    return args("MSET").entries(entries).spec(Replies.STATUS);
  }

  Spec<Long> incr(K key) {
    return args("INCR").key(key).spec(Replies.INTEGER);
  }

  Spec<Long> incrBy(K key, long amount) {
    return args("INCRBY").key(key).add(amount).spec(Replies.INTEGER);
  }

  Spec<Long> decr(K key) {
    return args("DECR").key(key).spec(Replies.INTEGER);
  }

  Spec<Long> decrBy(K key, long amount) {
    return args("DECRBY").key(key).add(amount).spec(Replies.INTEGER);
  }

  Spec<Double> incrByFloat(K key, double amount) {
    return args("INCRBYFLOAT").key(key).add(amount).spec(Replies.DOUBLE);
  }

  Spec<Long> append(K key, V value) {
    return args("APPEND").key(key).value(value).spec(Replies.INTEGER);
  }

  Spec<Long> strlen(K key) {
    return args("STRLEN").key(key).spec(Replies.INTEGER);
  }

  Spec<V> getRange(K key, long start, long end) {
    return args("GETRANGE").key(key).add(start).add(end).spec(asValue);
  }

  Spec<Long> setRange(K key, long offset, V value) {
    return args("SETRANGE").key(key).add(offset).value(value).spec(Replies.INTEGER);
  }


  // --- keys --------------------------------------------------------------------------------------

  Spec<Long> del(K... keys) {
    return args("DEL").keys(keys).spec(Replies.INTEGER);
  }

  Spec<Long> unlink(K... keys) {
    return args("UNLINK").keys(keys).spec(Replies.INTEGER);
  }

  Spec<Long> exists(K... keys) {
    return args("EXISTS").keys(keys).spec(Replies.INTEGER);
  }

  Spec<Boolean> expire(K key, Duration ttl) {
    return args("PEXPIRE").key(key).add(millis(ttl)).spec(Replies.BOOLEAN);
  }

  Spec<Boolean> expireAt(K key, Instant when) {
    return args("PEXPIREAT").key(key).add(when.toEpochMilli()).spec(Replies.BOOLEAN);
  }

  Spec<Boolean> persist(K key) {
    return args("PERSIST").key(key).spec(Replies.BOOLEAN);
  }

  Spec<Long> ttl(K key) {
    return args("TTL").key(key).spec(Replies.INTEGER);
  }

  Spec<Long> pttl(K key) {
    return args("PTTL").key(key).spec(Replies.INTEGER);
  }

  Spec<String> type(K key) {
    return args("TYPE").key(key).spec(Replies.STATUS);
  }

  Spec<String> rename(K key, K newKey) {
    return args("RENAME").key(key).key(newKey).spec(Replies.STATUS);
  }

  Spec<Boolean> renameIfAbsent(K key, K newKey) {
    return args("RENAMENX").key(key).key(newKey).spec(Replies.BOOLEAN);
  }

  Spec<List<K>> keys(K pattern) {
    return args("KEYS").key(pattern).spec(asKeys);
  }

  Spec<ScanPage<K>> scan(String cursor, K pattern, long count) {
    return args("SCAN").add(cursor).add("MATCH").key(pattern).add("COUNT").add(count).spec(asScanPage);
  }

  Spec<Long> dbsize() {
    return args("DBSIZE").spec(Replies.INTEGER);
  }

  Spec<String> flushdb() {
    return args("FLUSHDB").spec(Replies.STATUS);
  }


  // --- hashes ------------------------------------------------------------------------------------

  Spec<Long> hset(K key, K field, V value) {
    return args("HSET").key(key).key(field).value(value).spec(Replies.INTEGER);
  }

  Spec<Long> hset(K key, Map<K, V> fields) {
    return args("HSET").key(key).entries(fields).spec(Replies.INTEGER);
  }

  Spec<Boolean> hsetIfAbsent(K key, K field, V value) {
    return args("HSETNX").key(key).key(field).value(value).spec(Replies.BOOLEAN);
  }

  Spec<V> hget(K key, K field) {
    return args("HGET").key(key).key(field).spec(asValue);
  }

  Spec<List<V>> hmget(K key, K... fields) {
    return args("HMGET").key(key).keys(fields).spec(asValues);
  }

  Spec<Map<K, V>> hgetall(K key) {
    return args("HGETALL").key(key).spec(asMap);
  }

  Spec<Long> hdel(K key, K... fields) {
    return args("HDEL").key(key).keys(fields).spec(Replies.INTEGER);
  }

  Spec<Boolean> hexists(K key, K field) {
    return args("HEXISTS").key(key).key(field).spec(Replies.BOOLEAN);
  }

  Spec<Long> hincrBy(K key, K field, long amount) {
    return args("HINCRBY").key(key).key(field).add(amount).spec(Replies.INTEGER);
  }

  Spec<Double> hincrByFloat(K key, K field, double amount) {
    return args("HINCRBYFLOAT").key(key).key(field).add(amount).spec(Replies.DOUBLE);
  }

  Spec<List<K>> hkeys(K key) {
    return args("HKEYS").key(key).spec(asKeys);
  }

  Spec<List<V>> hvals(K key) {
    return args("HVALS").key(key).spec(asValues);
  }

  Spec<Long> hlen(K key) {
    return args("HLEN").key(key).spec(Replies.INTEGER);
  }


  // --- lists -------------------------------------------------------------------------------------

  Spec<Long> lpush(K key, V... values) {
    return args("LPUSH").key(key).values(values).spec(Replies.INTEGER);
  }

  Spec<Long> rpush(K key, V... values) {
    return args("RPUSH").key(key).values(values).spec(Replies.INTEGER);
  }

  Spec<V> lpop(K key) {
    return args("LPOP").key(key).spec(asValue);
  }

  Spec<V> rpop(K key) {
    return args("RPOP").key(key).spec(asValue);
  }

  Spec<List<V>> lrange(K key, long start, long stop) {
    return args("LRANGE").key(key).add(start).add(stop).spec(asValues);
  }

  Spec<Long> llen(K key) {
    return args("LLEN").key(key).spec(Replies.INTEGER);
  }

  Spec<V> lindex(K key, long index) {
    return args("LINDEX").key(key).add(index).spec(asValue);
  }

  Spec<String> lset(K key, long index, V value) {
    return args("LSET").key(key).add(index).value(value).spec(Replies.STATUS);
  }

  Spec<Long> lrem(K key, long count, V value) {
    return args("LREM").key(key).add(count).value(value).spec(Replies.INTEGER);
  }

  Spec<String> ltrim(K key, long start, long stop) {
    return args("LTRIM").key(key).add(start).add(stop).spec(Replies.STATUS);
  }

  Spec<V> rpoplpush(K source, K destination) {
    return args("LMOVE").key(source).key(destination).add("RIGHT").add("LEFT").spec(asValue);
  }

  Spec<KeyValue<K, V>> blpop(Duration timeout, K... keys) {
    return args("BLPOP").keys(keys).add(seconds(timeout)).blocking(asKeyValue, timeout);
  }

  Spec<KeyValue<K, V>> brpop(Duration timeout, K... keys) {
    return args("BRPOP").keys(keys).add(seconds(timeout)).blocking(asKeyValue, timeout);
  }

  Spec<V> brpoplpush(Duration timeout, K source, K destination) {
    return args("BLMOVE").key(source).key(destination).add("RIGHT").add("LEFT").add(seconds(timeout)).blocking(asValue, timeout);
  }


  // --- sets --------------------------------------------------------------------------------------

  Spec<Long> sadd(K key, V... members) {
    return args("SADD").key(key).values(members).spec(Replies.INTEGER);
  }

  Spec<Long> srem(K key, V... members) {
    return args("SREM").key(key).values(members).spec(Replies.INTEGER);
  }

  Spec<Set<V>> smembers(K key) {
    return args("SMEMBERS").key(key).spec(asSet);
  }

  Spec<Boolean> sismember(K key, V member) {
    return args("SISMEMBER").key(key).value(member).spec(Replies.BOOLEAN);
  }

  Spec<Long> scard(K key) {
    return args("SCARD").key(key).spec(Replies.INTEGER);
  }

  Spec<Set<V>> sinter(K... keys) {
    return args("SINTER").keys(keys).spec(asSet);
  }

  Spec<Set<V>> sunion(K... keys) {
    return args("SUNION").keys(keys).spec(asSet);
  }

  Spec<Set<V>> sdiff(K... keys) {
    return args("SDIFF").keys(keys).spec(asSet);
  }

  Spec<V> spop(K key) {
    return args("SPOP").key(key).spec(asValue);
  }

  Spec<V> srandmember(K key) {
    return args("SRANDMEMBER").key(key).spec(asValue);
  }

  Spec<Boolean> smove(K source, K destination, V member) {
    return args("SMOVE").key(source).key(destination).value(member).spec(Replies.BOOLEAN);
  }


  // --- sorted sets -------------------------------------------------------------------------------

  Spec<Long> zadd(K key, double score, V member) {
    return args("ZADD").key(key).add(score).value(member).spec(Replies.INTEGER);
  }

  Spec<Long> zadd(K key, Collection<ScoredValue<V>> members) {
    return args("ZADD").key(key).scored(members).spec(Replies.INTEGER);
  }

  Spec<Double> zscore(K key, V member) {
    return args("ZSCORE").key(key).value(member).spec(Replies.DOUBLE);
  }

  Spec<Double> zincrby(K key, double amount, V member) {
    return args("ZINCRBY").key(key).add(amount).value(member).spec(Replies.DOUBLE);
  }

  Spec<Long> zrem(K key, V... members) {
    return args("ZREM").key(key).values(members).spec(Replies.INTEGER);
  }

  Spec<Long> zcard(K key) {
    return args("ZCARD").key(key).spec(Replies.INTEGER);
  }

  Spec<Long> zrank(K key, V member) {
    return args("ZRANK").key(key).value(member).spec(Replies.NULLABLE_INTEGER);
  }

  Spec<Long> zcount(K key, double min, double max) {
    return args("ZCOUNT").key(key).add(min).add(max).spec(Replies.INTEGER);
  }

  Spec<List<V>> zrange(K key, long start, long stop) {
    return args("ZRANGE").key(key).add(start).add(stop).spec(asValues);
  }

  Spec<List<ScoredValue<V>>> zrangeWithScores(K key, long start, long stop) {
    return args("ZRANGE").key(key).add(start).add(stop).add("WITHSCORES").spec(asScored);
  }

  Spec<List<V>> zrevrange(K key, long start, long stop) {
    return args("ZRANGE").key(key).add(start).add(stop).add("REV").spec(asValues);
  }

  Spec<List<V>> zrangeByScore(K key, double min, double max) {
    return args("ZRANGE").key(key).add(min).add(max).add("BYSCORE").spec(asValues);
  }


  // --- pub/sub -----------------------------------------------------------------------------------

  Spec<Long> publish(K channel, V message) {
    return args("PUBLISH").key(channel).value(message).spec(Replies.INTEGER);
  }


  // --- scripting ---------------------------------------------------------------------------------

  Spec<Object> eval(String script, List<K> keys, List<V> args) {
    return args("EVAL").add(script).add(keys.size()).keys(keys).values(args).spec(asObject);
  }

  Spec<Object> evalsha(String sha1, List<K> keys, List<V> args) {
    return args("EVALSHA").add(sha1).add(keys.size()).keys(keys).values(args).spec(asObject);
  }

  Spec<String> scriptLoad(String script) {
    return args("SCRIPT").add("LOAD").add(script).spec(Replies.STATUS);
  }


  // --- server ------------------------------------------------------------------------------------

  Spec<String> ping() {
    return args("PING").spec(Replies.STATUS);
  }

  Spec<String> info() {
    return args("INFO").spec(Replies.TEXT);
  }

  Spec<String> info(String section) {
    return args("INFO").add(section).spec(Replies.TEXT);
  }

  Spec<Role> role() {
    return args("ROLE").spec(Replies.ROLE);
  }

  Spec<Long> waitReplicas(int replicas, Duration timeout) {
    return args("WAIT").add(replicas).add(timeout.toMillis()).timed(Replies.INTEGER, timeout);
  }


  // --- helpers --------------------------------------------------------------------------------

  private Args args(String name) {
    return new Args(name);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static long millis(Duration d) {
    Objects.requireNonNull(d, "ttl");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("a time to live must be positive, got " + d);
    }
    return Math.max(1, d.toMillis());
  }

  private static String seconds(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("a blocking timeout must not be negative, got " + timeout);
    }
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : (ms / 1000) + "." + String.format("%03d", ms % 1000);
  }

  /** The arguments of one command, encoded as they are added. */
  private final class Args {
    private final List<byte[]> parts = new ArrayList<>(6);

    Args(String name) {
      parts.add(ascii(name));
    }

    Args add(String text) {
      parts.add(text.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    Args add(long n) {
      parts.add(ascii(Long.toString(n)));
      return this;
    }

    Args add(double d) {
      String s = d == Double.POSITIVE_INFINITY ? "+inf" : d == Double.NEGATIVE_INFINITY ? "-inf" : Double.toString(d);
      parts.add(ascii(s));
      return this;
    }

    Args key(K key) {
      parts.add(codec.encodeKey(Objects.requireNonNull(key, "key")));
      return this;
    }

    Args keys(K[] keys) {
      requireSome(keys.length, "keys");
      for (K k : keys) {
        key(k);
      }
      return this;
    }

    Args keys(List<K> keys) {
      for (K k : keys) {
        key(k);
      }
      return this;
    }

    Args value(V value) {
      parts.add(codec.encodeValue(Objects.requireNonNull(value, "value")));
      return this;
    }

    Args values(V[] values) {
      requireSome(values.length, "values");
      for (V v : values) {
        value(v);
      }
      return this;
    }

    Args values(List<V> values) {
      for (V v : values) {
        value(v);
      }
      return this;
    }

    Args entries(Map<K, V> entries) {
      requireSome(entries.size(), "entries");
      entries.forEach((k, v) -> key(k).value(v));
      return this;
    }

    Args scored(Collection<ScoredValue<V>> members) {
      requireSome(members.size(), "members");
      for (ScoredValue<V> m : members) {
        add(m.score()).value(m.value());
      }
      return this;
    }

    <T> Spec<T> spec(ReplyDecoder<T> decoder) {
      return new Spec<>(parts.toArray(new byte[0][]), decoder, 0, false);
    }

    /** A command that may wait up to {@code timeout} on the server; zero waits forever. */
    <T> Spec<T> timed(ReplyDecoder<T> decoder, Duration timeout) {
      long extra = timeout.isZero() ? -1 : timeout.toNanos();
      return new Spec<>(parts.toArray(new byte[0][]), decoder, extra, false);
    }

    /** {@link #timed}, on a connection of its own. */
    <T> Spec<T> blocking(ReplyDecoder<T> decoder, Duration timeout) {
      long extra = timeout.isZero() ? -1 : timeout.toNanos();
      return new Spec<>(parts.toArray(new byte[0][]), decoder, extra, true);
    }

    private void requireSome(int n, String what) {
      if (n == 0) {
        throw new IllegalArgumentException(new String(parts.get(0), StandardCharsets.US_ASCII) + " needs at least one of " + what);
      }
    }
  }
}
