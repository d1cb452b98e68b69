package io.vigil.driver.internal.client;

import io.vigil.driver.RedisAsyncCommands;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous typed commands over a {@link CommandRunner}: each call queues one command and
 * returns a stage that completes on the I/O thread.
 *
 * <p>Thread-safe when its runner is. Not final: a pipeline is these commands over a buffering
 * runner, plus a method to send the buffer.
 */
public class AsyncCommands<K, V> implements RedisAsyncCommands<K, V> {

  private final CommandRunner runner;
  private final CommandBuilder<K, V> commands;
  private final long timeoutNanos;

  /** Commands built by {@code commands}, sent through {@code runner}, with this command timeout. */
  public AsyncCommands(CommandRunner runner, CommandBuilder<K, V> commands, long timeoutNanos) {
    this.runner = runner;
    this.commands = commands;
    this.timeoutNanos = timeoutNanos;
  }

  /** Sends one command; pipelines and transactions queue it instead. */
  protected <T> CompletionStage<T> submit(Spec<T> spec) {
    long timeout = spec.extraTimeoutNanos() < 0 ? 0 : timeoutNanos + spec.extraTimeoutNanos();
    String node = runner.node();
    CompletableFuture<RespValue> reply = runner.send(spec.args(), timeout, spec.blocking());
    return reply.thenApply(r -> Decoding.decode(spec, r, node));
  }

  @Override
  public CompletionStage<RespValue> execute(String... args) {
    return submit(commands.generic(args));
  }

  @Override
  public CompletionStage<RespValue> execute(byte[]... args) {
    return submit(commands.generic(args));
  }

  // --- strings -----------------------------------------------------------------------------------

  @Override
  public CompletionStage<V> get(K key) {
    return submit(commands.get(key));
  }

  @Override
  public CompletionStage<String> set(K key, V value) {
    return submit(commands.set(key, value));
  }

  @Override
  public CompletionStage<String> set(K key, V value, Duration ttl) {
    return submit(commands.set(key, value, ttl));
  }

  @Override
  public CompletionStage<Boolean> setIfAbsent(K key, V value) {
    return submit(commands.setIfAbsent(key, value));
  }

  @Override
  public CompletionStage<Boolean> setIfAbsent(K key, V value, Duration ttl) {
    return submit(commands.setIfAbsent(key, value, ttl));
  }

  @Override
  public CompletionStage<V> setAndGet(K key, V value) {
    return submit(commands.setAndGet(key, value));
  }

  @Override
  public CompletionStage<V> getDel(K key) {
    return submit(commands.getDel(key));
  }

  @Override
  public CompletionStage<List<V>> mget(K... keys) {
    return submit(commands.mget(keys));
  }

  @Override
  public CompletionStage<String> mset(Map<K, V> entries) {
    return submit(commands.mset(entries));
  }

  @Override
  public CompletionStage<Long> incr(K key) {
    return submit(commands.incr(key));
  }

  @Override
  public CompletionStage<Long> incrBy(K key, long amount) {
    return submit(commands.incrBy(key, amount));
  }

  @Override
  public CompletionStage<Long> decr(K key) {
    return submit(commands.decr(key));
  }

  @Override
  public CompletionStage<Long> decrBy(K key, long amount) {
    return submit(commands.decrBy(key, amount));
  }

  @Override
  public CompletionStage<Double> incrByFloat(K key, double amount) {
    return submit(commands.incrByFloat(key, amount));
  }

  @Override
  public CompletionStage<Long> append(K key, V value) {
    return submit(commands.append(key, value));
  }

  @Override
  public CompletionStage<Long> strlen(K key) {
    return submit(commands.strlen(key));
  }

  @Override
  public CompletionStage<V> getRange(K key, long start, long end) {
    return submit(commands.getRange(key, start, end));
  }

  @Override
  public CompletionStage<Long> setRange(K key, long offset, V value) {
    return submit(commands.setRange(key, offset, value));
  }


  // --- keys --------------------------------------------------------------------------------------

  @Override
  public CompletionStage<Long> del(K... keys) {
    return submit(commands.del(keys));
  }

  @Override
  public CompletionStage<Long> unlink(K... keys) {
    return submit(commands.unlink(keys));
  }

  @Override
  public CompletionStage<Long> exists(K... keys) {
    return submit(commands.exists(keys));
  }

  @Override
  public CompletionStage<Boolean> expire(K key, Duration ttl) {
    return submit(commands.expire(key, ttl));
  }

  @Override
  public CompletionStage<Boolean> expireAt(K key, Instant when) {
    return submit(commands.expireAt(key, when));
  }

  @Override
  public CompletionStage<Boolean> persist(K key) {
    return submit(commands.persist(key));
  }

  @Override
  public CompletionStage<Long> ttl(K key) {
    return submit(commands.ttl(key));
  }

  @Override
  public CompletionStage<Long> pttl(K key) {
    return submit(commands.pttl(key));
  }

  @Override
  public CompletionStage<String> type(K key) {
    return submit(commands.type(key));
  }

  @Override
  public CompletionStage<String> rename(K key, K newKey) {
    return submit(commands.rename(key, newKey));
  }

  @Override
  public CompletionStage<Boolean> renameIfAbsent(K key, K newKey) {
    return submit(commands.renameIfAbsent(key, newKey));
  }

  @Override
  public CompletionStage<List<K>> keys(K pattern) {
    return submit(commands.keys(pattern));
  }

  @Override
  public CompletionStage<ScanPage<K>> scan(String cursor, K pattern, long count) {
    return submit(commands.scan(cursor, pattern, count));
  }

  @Override
  public CompletionStage<Long> dbsize() {
    return submit(commands.dbsize());
  }

  @Override
  public CompletionStage<String> flushdb() {
    return submit(commands.flushdb());
  }


  // --- hashes ------------------------------------------------------------------------------------

  @Override
  public CompletionStage<Long> hset(K key, K field, V value) {
    return submit(commands.hset(key, field, value));
  }

  @Override
  public CompletionStage<Long> hset(K key, Map<K, V> fields) {
    return submit(commands.hset(key, fields));
  }

  @Override
  public CompletionStage<Boolean> hsetIfAbsent(K key, K field, V value) {
    return submit(commands.hsetIfAbsent(key, field, value));
  }

  @Override
  public CompletionStage<V> hget(K key, K field) {
    return submit(commands.hget(key, field));
  }

  @Override
  public CompletionStage<List<V>> hmget(K key, K... fields) {
    return submit(commands.hmget(key, fields));
  }

  @Override
  public CompletionStage<Map<K, V>> hgetall(K key) {
    return submit(commands.hgetall(key));
  }

  @Override
  public CompletionStage<Long> hdel(K key, K... fields) {
    return submit(commands.hdel(key, fields));
  }

  @Override
  public CompletionStage<Boolean> hexists(K key, K field) {
    return submit(commands.hexists(key, field));
  }

  @Override
  public CompletionStage<Long> hincrBy(K key, K field, long amount) {
    return submit(commands.hincrBy(key, field, amount));
  }

  @Override
  public CompletionStage<Double> hincrByFloat(K key, K field, double amount) {
    return submit(commands.hincrByFloat(key, field, amount));
  }

  @Override
  public CompletionStage<List<K>> hkeys(K key) {
    return submit(commands.hkeys(key));
  }

  @Override
  public CompletionStage<List<V>> hvals(K key) {
    return submit(commands.hvals(key));
  }

  @Override
  public CompletionStage<Long> hlen(K key) {
    return submit(commands.hlen(key));
  }


  // --- lists -------------------------------------------------------------------------------------

  @Override
  public CompletionStage<Long> lpush(K key, V... values) {
    return submit(commands.lpush(key, values));
  }

  @Override
  public CompletionStage<Long> rpush(K key, V... values) {
    return submit(commands.rpush(key, values));
  }

  @Override
  public CompletionStage<V> lpop(K key) {
    return submit(commands.lpop(key));
  }

  @Override
  public CompletionStage<V> rpop(K key) {
    return submit(commands.rpop(key));
  }

  @Override
  public CompletionStage<List<V>> lrange(K key, long start, long stop) {
    return submit(commands.lrange(key, start, stop));
  }

  @Override
  public CompletionStage<Long> llen(K key) {
    return submit(commands.llen(key));
  }

  @Override
  public CompletionStage<V> lindex(K key, long index) {
    return submit(commands.lindex(key, index));
  }

  @Override
  public CompletionStage<String> lset(K key, long index, V value) {
    return submit(commands.lset(key, index, value));
  }

  @Override
  public CompletionStage<Long> lrem(K key, long count, V value) {
    return submit(commands.lrem(key, count, value));
  }

  @Override
  public CompletionStage<String> ltrim(K key, long start, long stop) {
    return submit(commands.ltrim(key, start, stop));
  }

  @Override
  public CompletionStage<V> rpoplpush(K source, K destination) {
    return submit(commands.rpoplpush(source, destination));
  }

  @Override
  public CompletionStage<KeyValue<K, V>> blpop(Duration timeout, K... keys) {
    return submit(commands.blpop(timeout, keys));
  }

  @Override
  public CompletionStage<KeyValue<K, V>> brpop(Duration timeout, K... keys) {
    return submit(commands.brpop(timeout, keys));
  }

  @Override
  public CompletionStage<V> brpoplpush(Duration timeout, K source, K destination) {
    return submit(commands.brpoplpush(timeout, source, destination));
  }


  // --- sets --------------------------------------------------------------------------------------

  @Override
  public CompletionStage<Long> sadd(K key, V... members) {
    return submit(commands.sadd(key, members));
  }

  @Override
  public CompletionStage<Long> srem(K key, V... members) {
    return submit(commands.srem(key, members));
  }

  @Override
  public CompletionStage<Set<V>> smembers(K key) {
    return submit(commands.smembers(key));
  }

  @Override
  public CompletionStage<Boolean> sismember(K key, V member) {
    return submit(commands.sismember(key, member));
  }

  @Override
  public CompletionStage<Long> scard(K key) {
    return submit(commands.scard(key));
  }

  @Override
  public CompletionStage<Set<V>> sinter(K... keys) {
    return submit(commands.sinter(keys));
  }

  @Override
  public CompletionStage<Set<V>> sunion(K... keys) {
    return submit(commands.sunion(keys));
  }

  @Override
  public CompletionStage<Set<V>> sdiff(K... keys) {
    return submit(commands.sdiff(keys));
  }

  @Override
  public CompletionStage<V> spop(K key) {
    return submit(commands.spop(key));
  }

  @Override
  public CompletionStage<V> srandmember(K key) {
    return submit(commands.srandmember(key));
  }

  @Override
  public CompletionStage<Boolean> smove(K source, K destination, V member) {
    return submit(commands.smove(source, destination, member));
  }


  // --- sorted sets -------------------------------------------------------------------------------

  @Override
  public CompletionStage<Long> zadd(K key, double score, V member) {
    return submit(commands.zadd(key, score, member));
  }

  @Override
  public CompletionStage<Long> zadd(K key, Collection<ScoredValue<V>> members) {
    return submit(commands.zadd(key, members));
  }

  @Override
  public CompletionStage<Double> zscore(K key, V member) {
    return submit(commands.zscore(key, member));
  }

  @Override
  public CompletionStage<Double> zincrby(K key, double amount, V member) {
    return submit(commands.zincrby(key, amount, member));
  }

  @Override
  public CompletionStage<Long> zrem(K key, V... members) {
    return submit(commands.zrem(key, members));
  }

  @Override
  public CompletionStage<Long> zcard(K key) {
    return submit(commands.zcard(key));
  }

  @Override
  public CompletionStage<Long> zrank(K key, V member) {
    return submit(commands.zrank(key, member));
  }

  @Override
  public CompletionStage<Long> zcount(K key, double min, double max) {
    return submit(commands.zcount(key, min, max));
  }

  @Override
  public CompletionStage<List<V>> zrange(K key, long start, long stop) {
    return submit(commands.zrange(key, start, stop));
  }

  @Override
  public CompletionStage<List<ScoredValue<V>>> zrangeWithScores(K key, long start, long stop) {
    return submit(commands.zrangeWithScores(key, start, stop));
  }

  @Override
  public CompletionStage<List<V>> zrevrange(K key, long start, long stop) {
    return submit(commands.zrevrange(key, start, stop));
  }

  @Override
  public CompletionStage<List<V>> zrangeByScore(K key, double min, double max) {
    return submit(commands.zrangeByScore(key, min, max));
  }


  // --- pub/sub -----------------------------------------------------------------------------------

  @Override
  public CompletionStage<Long> publish(K channel, V message) {
    return submit(commands.publish(channel, message));
  }


  // --- scripting ---------------------------------------------------------------------------------

  @Override
  public CompletionStage<Object> eval(String script, List<K> keys, List<V> args) {
    return submit(commands.eval(script, keys, args));
  }

  @Override
  public CompletionStage<Object> evalsha(String sha1, List<K> keys, List<V> args) {
    return submit(commands.evalsha(sha1, keys, args));
  }

  @Override
  public CompletionStage<String> scriptLoad(String script) {
    return submit(commands.scriptLoad(script));
  }


  // --- server ------------------------------------------------------------------------------------

  @Override
  public CompletionStage<String> ping() {
    return submit(commands.ping());
  }

  @Override
  public CompletionStage<String> info() {
    return submit(commands.info());
  }

  @Override
  public CompletionStage<String> info(String section) {
    return submit(commands.info(section));
  }

  @Override
  public CompletionStage<Role> role() {
    return submit(commands.role());
  }

  @Override
  public CompletionStage<Long> waitReplicas(int replicas, Duration timeout) {
    return submit(commands.waitReplicas(replicas, timeout));
  }
}
