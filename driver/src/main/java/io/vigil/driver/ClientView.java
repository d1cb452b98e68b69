package io.vigil.driver;

import io.vigil.driver.codec.RedisCodec;
import java.time.Duration;

/**
 * A way of talking to Redis: the blocking commands it inherits, an async view, pipelines,
 * transactions and subscriptions, with a read policy, a retry policy, optionally a
 * read-your-writes session and durable writes, and a codec for keys and values.
 *
 * <p>Views compose like values: each {@code with…}, {@link #session()}, {@link #durable} and
 * {@link #withCodec} returns a new view that keeps everything else of this one, so they combine
 * in any order and every derived view offers the same derivations again. They share the client's
 * connections, are cheap to make, are thread-safe and die with the client.
 *
 * <pre>{@code
 * ClientView<String, String> orders = redis.session().durable(2, Duration.ofSeconds(2));
 * ClientView<byte[], byte[]> blobs = orders.withCodec(ByteArrayCodec.INSTANCE); // same session
 * ClientView<String, String> cache = redis.withReadPolicy(ReadPolicy.replicaPreferred().maxLag(Duration.ofMillis(100)));
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface ClientView<K, V> extends RedisCommands<K, V> {

  /**
   * This view with commands retried across failovers by {@code policy} instead of the client's
   * {@link VigilClient.Builder#retryPolicy}. In standalone mode commands are not retried and the
   * policy has no effect.
   *
   * <pre>{@code
   * redis.withRetry(RetryPolicy.builder().acceptDuplicates(true).build()).incr("page-views");
   * }</pre>
   */
  ClientView<K, V> withRetry(RetryPolicy policy);

  /**
   * This view with reads routed by {@code policy}; writes, pipelines, transactions and
   * subscriptions still go to the master. In a session, reads keep seeing the session's writes.
   */
  ClientView<K, V> withReadPolicy(ReadPolicy policy);

  /**
   * A new read-your-writes session with this view's read policy, or {@link
   * ReadPolicy#replicaPreferred()} when it reads only from the master. See {@link
   * #session(ReadPolicy)}.
   */
  ClientView<K, V> session();

  /**
   * A new read-your-writes session: its reads follow {@code policy} but go only to replicas that
   * have every write made through the session (else to the master), so a read never misses the
   * session's own writes. Each write's position in the master's replication stream is learnt
   * from the replica sampler, so a read right after a write goes to the master until the next
   * sample (at most one sampling interval). Thread-safe: pass it between threads, and the reads
   * of one see the writes of another; views derived from it ({@link #withCodec}, {@link #durable}
   * …) share the session. Across a failover the session's offsets keep their meaning when the new
   * master continues the old one's replication history ({@code replid2}); otherwise its reads go
   * to the master.
   */
  ClientView<K, V> session(ReadPolicy policy);

  /**
   * This view with every write acknowledged only once {@code replicas} replicas have it
   * ({@code WAIT replicas timeout} on the write's own connection). When fewer confirm within
   * {@code timeout} the write throws {@link NotDurableException}: it is applied on the master but
   * not confirmed durable. Each write and its {@code WAIT} share one leased master connection.
   * Through a failover a durable write behaves like any write: an attempt that was not sent, or
   * that reached a demoted master ({@code READONLY}), runs again on the next confirmed master; one
   * whose outcome is unknown runs again only when the command is safe to repeat; all within the
   * command timeout plus {@code timeout}. Reads follow the view's read policy.
   *
   * <p>Behind Sentinel, ask for every replica when a write must survive any failover. With fewer,
   * Sentinel may promote a replica that lacks the write (it ranks replicas by offsets up to seconds
   * old), and a killed master that returns before the failover ends can collect writes that a
   * replica not yet moved confirms, which are then lost to the resync: the chaos suite measured
   * such losses with 1 of 2 replicas and none with 2 of 2. The price of every replica is that
   * durable writes fail as {@link NotDurableException} while one is down.
   *
   * @throws IllegalArgumentException when {@code replicas} is below 1 or {@code timeout} not positive
   */
  ClientView<K, V> durable(int replicas, Duration timeout);

  /**
   * This view with keys and values encoded by {@code codec}: {@code withCodec(ByteArrayCodec.INSTANCE)}
   * for raw bytes, or a codec of your own. Read policy, retry policy, session and durability are
   * kept.
   */
  <K2, V2> ClientView<K2, V2> withCodec(RedisCodec<K2, V2> codec);

  /** The codec of this view. */
  RedisCodec<K, V> codec();

  /** Where this view's reads go. */
  ReadPolicy readPolicy();

  /** The same commands, asynchronous, with this view's policies and codec. */
  RedisAsyncCommands<K, V> async();

  /**
   * A new pipeline: commands queue locally until {@link Pipeline#sync()} sends them in one
   * batch to the master. Not thread-safe: one thread fills and sends a pipeline.
   */
  Pipeline<K, V> pipeline();

  /**
   * Leases a master connection for a transaction ({@code WATCH}, reads, then {@code MULTI}…{@code
   * EXEC}). Close it to give the connection back. Blocks until the connection is ready.
   */
  Transaction<K, V> transaction();

  /**
   * Subscribes {@code listener} to {@code channels} on a connection of its own; returns once the
   * server confirmed every channel. The subscription survives reconnects and failovers (it
   * subscribes again on the new master).
   */
  Subscription<K> subscribe(PubSubListener<K, V> listener, K... channels);

  /** Like {@link #subscribe}, for glob patterns ({@code news.*}). */
  Subscription<K> psubscribe(PubSubListener<K, V> listener, K... patterns);

  /**
   * Like {@link #subscribe}, for shard channels ({@code SSUBSCRIBE}, messages published with
   * {@link #spublish}).
   */
  Subscription<K> ssubscribe(PubSubListener<K, V> listener, K... shardChannels);
}
