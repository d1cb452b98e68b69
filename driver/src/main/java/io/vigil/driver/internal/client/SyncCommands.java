package io.vigil.driver.internal.client;

import io.vigil.driver.RedisCommands;
import io.vigil.driver.KeyValue;
import io.vigil.driver.Role;
import io.vigil.driver.ScanPage;
import io.vigil.driver.ScoredValue;
import io.vigil.resp.RespValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocking typed commands over a {@link CommandRunner}: each call sends one command and
 * waits for it on the calling thread.
 *
 * <p>Thread-safe when its runner is. Not final: the client view adds pipelines, transactions and
 * subscriptions on top.
 */
public class SyncCommands<K, V> implements RedisCommands<K, V> {

  private final CommandRunner runner;
  private final CommandBuilder<K, V> commands;
  private final long timeoutNanos;

  /** Commands built by {@code commands}, sent through {@code runner}, with this command timeout. */
  public SyncCommands(CommandRunner runner, CommandBuilder<K, V> commands, long timeoutNanos) {
    this.runner = runner;
    this.commands = commands;
    this.timeoutNanos = timeoutNanos;
  }

  private <T> T await(Spec<T> spec) {
    long timeout = spec.extraTimeoutNanos() < 0 ? 0 : timeoutNanos + spec.extraTimeoutNanos();
    String node = runner.node();
    RespValue reply = Await.await(runner.send(spec.args(), timeout, spec.blocking()), timeout, spec.args(), node);
    return Decoding.decode(spec, reply, node);
  }

  @Override
  public RespValue execute(String... args) {
    return await(commands.generic(args));
  }

  @Override
  public RespValue execute(byte[]... args) {
    return await(commands.generic(args));
  }

  // --- strings -----------------------------------------------------------------------------------

  @Override
  public V get(K key) {
    return await(commands.get(key));
  }

  @Override
  public String set(K key, V value) {
    return await(commands.set(key, value));
  }

  @Override
  public String set(K key, V value, Duration ttl) {
    return await(commands.set(key, value, ttl));
  }

  @Override
  public boolean setIfAbsent(K key, V value) {
    return await(commands.setIfAbsent(key, value));
  }

  @Override
  public boolean setIfAbsent(K key, V value, Duration ttl) {
    return await(commands.setIfAbsent(key, value, ttl));
  }

  @Override
  public V setAndGet(K key, V value) {
    return await(commands.setAndGet(key, value));
  }

  @Override
  public V getDel(K key) {
    return await(commands.getDel(key));
  }

  @Override
  public List<V> mget(K... keys) {
    return await(commands.mget(keys));
  }

  @Override
  public String mset(Map<K, V> entries) {
    return await(commands.mset(entries));
  }

  @Override
  public long incr(K key) {
    return await(commands.incr(key));
  }

  @Override
  public long incrBy(K key, long amount) {
    return await(commands.incrBy(key, amount));
  }

  @Override
  public long decr(K key) {
    return await(commands.decr(key));
  }

  @Override
  public long decrBy(K key, long amount) {
    return await(commands.decrBy(key, amount));
  }

  @Override
  public double incrByFloat(K key, double amount) {
    return await(commands.incrByFloat(key, amount));
  }

  @Override
  public long append(K key, V value) {
    return await(commands.append(key, value));
  }

  @Override
  public long strlen(K key) {
    return await(commands.strlen(key));
  }

  @Override
  public V getRange(K key, long start, long end) {
    return await(commands.getRange(key, start, end));
  }

  @Override
  public long setRange(K key, long offset, V value) {
    return await(commands.setRange(key, offset, value));
  }


  // --- keys --------------------------------------------------------------------------------------

  @Override
  public long del(K... keys) {
    return await(commands.del(keys));
  }

  @Override
  public long unlink(K... keys) {
    return await(commands.unlink(keys));
  }

  @Override
  public long exists(K... keys) {
    return await(commands.exists(keys));
  }

  @Override
  public boolean expire(K key, Duration ttl) {
    return await(commands.expire(key, ttl));
  }

  @Override
  public boolean expireAt(K key, Instant when) {
    return await(commands.expireAt(key, when));
  }

  @Override
  public boolean persist(K key) {
    return await(commands.persist(key));
  }

  @Override
  public long ttl(K key) {
    return await(commands.ttl(key));
  }

  @Override
  public long pttl(K key) {
    return await(commands.pttl(key));
  }

  @Override
  public String type(K key) {
    return await(commands.type(key));
  }

  @Override
  public String rename(K key, K newKey) {
    return await(commands.rename(key, newKey));
  }

  @Override
  public boolean renameIfAbsent(K key, K newKey) {
    return await(commands.renameIfAbsent(key, newKey));
  }

  @Override
  public List<K> keys(K pattern) {
    return await(commands.keys(pattern));
  }

  @Override
  public ScanPage<K> scan(String cursor, K pattern, long count) {
    return await(commands.scan(cursor, pattern, count));
  }

  @Override
  public long dbsize() {
    return await(commands.dbsize());
  }

  @Override
  public String flushdb() {
    return await(commands.flushdb());
  }


  // --- hashes ------------------------------------------------------------------------------------

  @Override
  public long hset(K key, K field, V value) {
    return await(commands.hset(key, field, value));
  }

  @Override
  public long hset(K key, Map<K, V> fields) {
    return await(commands.hset(key, fields));
  }

  @Override
  public boolean hsetIfAbsent(K key, K field, V value) {
    return await(commands.hsetIfAbsent(key, field, value));
  }

  @Override
  public V hget(K key, K field) {
    return await(commands.hget(key, field));
  }

  @Override
  public List<V> hmget(K key, K... fields) {
    return await(commands.hmget(key, fields));
  }

  @Override
  public Map<K, V> hgetall(K key) {
    return await(commands.hgetall(key));
  }

  @Override
  public long hdel(K key, K... fields) {
    return await(commands.hdel(key, fields));
  }

  @Override
  public boolean hexists(K key, K field) {
    return await(commands.hexists(key, field));
  }

  @Override
  public long hincrBy(K key, K field, long amount) {
    return await(commands.hincrBy(key, field, amount));
  }

  @Override
  public double hincrByFloat(K key, K field, double amount) {
    return await(commands.hincrByFloat(key, field, amount));
  }

  @Override
  public List<K> hkeys(K key) {
    return await(commands.hkeys(key));
  }

  @Override
  public List<V> hvals(K key) {
    return await(commands.hvals(key));
  }

  @Override
  public long hlen(K key) {
    return await(commands.hlen(key));
  }


  // --- lists -------------------------------------------------------------------------------------

  @Override
  public long lpush(K key, V... values) {
    return await(commands.lpush(key, values));
  }

  @Override
  public long rpush(K key, V... values) {
    return await(commands.rpush(key, values));
  }

  @Override
  public V lpop(K key) {
    return await(commands.lpop(key));
  }

  @Override
  public V rpop(K key) {
    return await(commands.rpop(key));
  }

  @Override
  public List<V> lrange(K key, long start, long stop) {
    return await(commands.lrange(key, start, stop));
  }

  @Override
  public long llen(K key) {
    return await(commands.llen(key));
  }

  @Override
  public V lindex(K key, long index) {
    return await(commands.lindex(key, index));
  }

  @Override
  public String lset(K key, long index, V value) {
    return await(commands.lset(key, index, value));
  }

  @Override
  public long lrem(K key, long count, V value) {
    return await(commands.lrem(key, count, value));
  }

  @Override
  public String ltrim(K key, long start, long stop) {
    return await(commands.ltrim(key, start, stop));
  }

  @Override
  public V rpoplpush(K source, K destination) {
    return await(commands.rpoplpush(source, destination));
  }

  @Override
  public KeyValue<K, V> blpop(Duration timeout, K... keys) {
    return await(commands.blpop(timeout, keys));
  }

  @Override
  public KeyValue<K, V> brpop(Duration timeout, K... keys) {
    return await(commands.brpop(timeout, keys));
  }

  @Override
  public V brpoplpush(Duration timeout, K source, K destination) {
    return await(commands.brpoplpush(timeout, source, destination));
  }


  // --- sets --------------------------------------------------------------------------------------

  @Override
  public long sadd(K key, V... members) {
    return await(commands.sadd(key, members));
  }

  @Override
  public long srem(K key, V... members) {
    return await(commands.srem(key, members));
  }

  @Override
  public Set<V> smembers(K key) {
    return await(commands.smembers(key));
  }

  @Override
  public boolean sismember(K key, V member) {
    return await(commands.sismember(key, member));
  }

  @Override
  public long scard(K key) {
    return await(commands.scard(key));
  }

  @Override
  public Set<V> sinter(K... keys) {
    return await(commands.sinter(keys));
  }

  @Override
  public Set<V> sunion(K... keys) {
    return await(commands.sunion(keys));
  }

  @Override
  public Set<V> sdiff(K... keys) {
    return await(commands.sdiff(keys));
  }

  @Override
  public V spop(K key) {
    return await(commands.spop(key));
  }

  @Override
  public V srandmember(K key) {
    return await(commands.srandmember(key));
  }

  @Override
  public boolean smove(K source, K destination, V member) {
    return await(commands.smove(source, destination, member));
  }


  // --- sorted sets -------------------------------------------------------------------------------

  @Override
  public long zadd(K key, double score, V member) {
    return await(commands.zadd(key, score, member));
  }

  @Override
  public long zadd(K key, Collection<ScoredValue<V>> members) {
    return await(commands.zadd(key, members));
  }

  @Override
  public Double zscore(K key, V member) {
    return await(commands.zscore(key, member));
  }

  @Override
  public double zincrby(K key, double amount, V member) {
    return await(commands.zincrby(key, amount, member));
  }

  @Override
  public long zrem(K key, V... members) {
    return await(commands.zrem(key, members));
  }

  @Override
  public long zcard(K key) {
    return await(commands.zcard(key));
  }

  @Override
  public Long zrank(K key, V member) {
    return await(commands.zrank(key, member));
  }

  @Override
  public long zcount(K key, double min, double max) {
    return await(commands.zcount(key, min, max));
  }

  @Override
  public List<V> zrange(K key, long start, long stop) {
    return await(commands.zrange(key, start, stop));
  }

  @Override
  public List<ScoredValue<V>> zrangeWithScores(K key, long start, long stop) {
    return await(commands.zrangeWithScores(key, start, stop));
  }

  @Override
  public List<V> zrevrange(K key, long start, long stop) {
    return await(commands.zrevrange(key, start, stop));
  }

  @Override
  public List<V> zrangeByScore(K key, double min, double max) {
    return await(commands.zrangeByScore(key, min, max));
  }


  // --- pub/sub -----------------------------------------------------------------------------------

  @Override
  public long publish(K channel, V message) {
    return await(commands.publish(channel, message));
  }


  // --- scripting ---------------------------------------------------------------------------------

  @Override
  public Object eval(String script, List<K> keys, List<V> args) {
    return await(commands.eval(script, keys, args));
  }

  @Override
  public Object evalsha(String sha1, List<K> keys, List<V> args) {
    return await(commands.evalsha(sha1, keys, args));
  }

  @Override
  public String scriptLoad(String script) {
    return await(commands.scriptLoad(script));
  }


  // --- server ------------------------------------------------------------------------------------

  @Override
  public String ping() {
    return await(commands.ping());
  }

  @Override
  public String info() {
    return await(commands.info());
  }

  @Override
  public String info(String section) {
    return await(commands.info(section));
  }

  @Override
  public Role role() {
    return await(commands.role());
  }

  @Override
  public long waitReplicas(int replicas, Duration timeout) {
    return await(commands.waitReplicas(replicas, timeout));
  }
}
