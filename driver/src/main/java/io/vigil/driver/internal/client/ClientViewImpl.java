package io.vigil.driver.internal.client;

import io.vigil.driver.ClientView;
import io.vigil.driver.Pipeline;
import io.vigil.driver.PubSubListener;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.RedisAsyncCommands;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.Subscription;
import io.vigil.driver.Transaction;
import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.driver.internal.pool.Lease;
import io.vigil.driver.internal.pool.NodePool;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A client view: blocking commands through a runner built from the view's settings, plus its
 * derivations, async, pipelines, transactions and subscriptions. {@link io.vigil.driver.VigilClient}
 * is the root view and extends it.
 *
 * <p>Thread-safe; cheap, as it holds references into the runtime and one set of decoders.
 */
public class ClientViewImpl<K, V> extends SyncCommands<K, V> implements ClientView<K, V> {

  private final ClientRuntime runtime;
  private final ViewSettings settings;
  private final RedisCodec<K, V> codec;
  private final AsyncCommands<K, V> async;
  /** Where pipelines and transactions go: the master, so that their reads see their own writes. */
  private final CommandRunner masterRunner;

  /** A view of {@code runtime} with {@code settings}, encoding with {@code codec}. */
  public ClientViewImpl(ClientRuntime runtime, ViewSettings settings, RedisCodec<K, V> codec) {
    this(runtime, settings, codec, runtime.runner(settings.retryPolicy()));
  }

  private ClientViewImpl(ClientRuntime runtime, ViewSettings settings, RedisCodec<K, V> codec, CommandRunner master) {
    super(runtime.routed(master, settings), new CommandBuilder<>(codec, runtime.table()),
        runtime.commandTimeoutNanos());
    this.runtime = runtime;
    this.settings = settings;
    this.codec = codec;
    this.masterRunner = master;
    this.async = new AsyncCommands<>(runner(), commands, timeoutNanos());
  }

  private ClientView<K, V> derive(ViewSettings next) {
    return new ClientViewImpl<>(runtime, next, codec);
  }

  @Override
  public ClientView<K, V> withRetry(RetryPolicy policy) {
    return derive(settings.withRetryPolicy(policy));
  }

  @Override
  public ClientView<K, V> withReadPolicy(ReadPolicy policy) {
    return derive(settings.withReadPolicy(policy));
  }

  @Override
  public ClientView<K, V> session() {
    ReadPolicy p = settings.readPolicy();
    return session(p.mayReadReplicas() ? p : ReadPolicy.replicaPreferred());
  }

  @Override
  public ClientView<K, V> session(ReadPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return derive(settings.withSession(runtime.newSession(), policy));
  }

  @Override
  public ClientView<K, V> durable(int replicas, Duration timeout) {
    return derive(settings.durable(replicas, timeout));
  }

  @Override
  public <K2, V2> ClientView<K2, V2> withCodec(RedisCodec<K2, V2> newCodec) {
    return new ClientViewImpl<>(runtime, settings, Objects.requireNonNull(newCodec, "codec"));
  }

  @Override
  public RedisCodec<K, V> codec() {
    return codec;
  }

  @Override
  public ReadPolicy readPolicy() {
    return settings.readPolicy();
  }

  /** The settings of this view. */
  protected final ViewSettings settings() {
    return settings;
  }

  @Override
  public RedisAsyncCommands<K, V> async() {
    return async;
  }

  @Override
  public Pipeline<K, V> pipeline() {
    return new PipelineImpl<>(masterRunner, commands, timeoutNanos());
  }

  @Override
  public Transaction<K, V> transaction() {
    long wait = runtime.settings().connectTimeout().toNanos() + timeoutNanos();
    Lease lease = Await.await(runtime.masterPool(wait).thenCompose(NodePool::lease), wait,
        "a transaction connection to " + runtime.nodeName());
    return new TransactionImpl<>(lease, commands, timeoutNanos());
  }

  @Override
  @SafeVarargs
  public final Subscription<K> subscribe(PubSubListener<K, V> listener, K... channels) {
    return open(listener, "subscribe", channels);
  }

  @Override
  @SafeVarargs
  public final Subscription<K> psubscribe(PubSubListener<K, V> listener, K... patterns) {
    return open(listener, "psubscribe", patterns);
  }

  @Override
  @SafeVarargs
  public final Subscription<K> ssubscribe(PubSubListener<K, V> listener, K... shardChannels) {
    return open(listener, "ssubscribe", shardChannels);
  }

  private Subscription<K> open(PubSubListener<K, V> listener, String kind, K[] names) {
    Objects.requireNonNull(listener, "listener");
    SubscriptionImpl<K, V> subscription = SubscriptionImpl.open(runtime::masterPool, runtime.timers(), codec,
        listener, timeoutNanos(), runtime.backoff(), kind, List.of(names));
    runtime.register(subscription);
    return subscription;
  }
}
