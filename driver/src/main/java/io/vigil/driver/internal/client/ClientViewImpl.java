package io.vigil.driver.internal.client;

import io.vigil.driver.ClientView;
import io.vigil.driver.Pipeline;
import io.vigil.driver.PubSubListener;
import io.vigil.driver.RedisAsyncCommands;
import io.vigil.driver.Subscription;
import io.vigil.driver.Transaction;
import io.vigil.driver.internal.pool.Lease;
import io.vigil.driver.internal.pool.NodePool;
import java.util.List;
import java.util.Objects;

/**
 * A client view for one codec: blocking commands over the pool, plus async, pipelines,
 * transactions and subscriptions.
 *
 * <p>Thread-safe; cheap, as it only holds references into the runtime.
 */
public final class ClientViewImpl<K, V> extends SyncCommands<K, V> implements ClientView<K, V> {

  private final ClientRuntime runtime;
  private final CommandBuilder<K, V> builder;
  private final long timeoutNanos;
  private final AsyncCommands<K, V> async;

  /** Where pipelines go: the master, so that a pipeline's reads see its own writes. */
  private final CommandRunner runner;

  public ClientViewImpl(ClientRuntime runtime, Codec<K, V> codec) {
    this(runtime, runtime.runner(), codec);
  }

  /** A view sending through {@code runner} (the runtime's, or one with another retry policy). */
  public ClientViewImpl(ClientRuntime runtime, CommandRunner runner, Codec<K, V> codec) {
    this(runtime, runner, runner, codec);
  }

  /**
   * A view sending single commands through {@code runner} (which may route reads to replicas)
   * and pipelines through {@code masterRunner}.
   */
  public ClientViewImpl(ClientRuntime runtime, CommandRunner runner, CommandRunner masterRunner, Codec<K, V> codec) {
    this(runtime, runner, masterRunner, new CommandBuilder<>(codec, runtime.table()),
        runtime.settings().commandTimeout().toNanos());
  }

  private ClientViewImpl(ClientRuntime runtime, CommandRunner runner, CommandRunner masterRunner,
      CommandBuilder<K, V> builder, long timeoutNanos) {
    super(runner, builder, timeoutNanos);
    this.runtime = runtime;
    this.runner = masterRunner;
    this.builder = builder;
    this.timeoutNanos = timeoutNanos;
    this.async = new AsyncCommands<>(runner, builder, timeoutNanos);
  }

  @Override
  public RedisAsyncCommands<K, V> async() {
    return async;
  }

  @Override
  public Pipeline<K, V> pipeline() {
    return new PipelineImpl<>(runner, builder, timeoutNanos);
  }

  @Override
  public Transaction<K, V> transaction() {
    long wait = runtime.settings().connectTimeout().toNanos() + timeoutNanos;
    Lease lease = Await.await(runtime.masterPool(wait).thenCompose(NodePool::lease), wait,
        "a transaction connection to " + runtime.nodeName());
    return new TransactionImpl<>(lease, builder, timeoutNanos);
  }

  @Override
  @SafeVarargs
  public final Subscription<K> subscribe(PubSubListener<K, V> listener, K... channels) {
    return open(listener, false, channels);
  }

  @Override
  @SafeVarargs
  public final Subscription<K> psubscribe(PubSubListener<K, V> listener, K... patterns) {
    return open(listener, true, patterns);
  }

  private Subscription<K> open(PubSubListener<K, V> listener, boolean patterns, K[] names) {
    Objects.requireNonNull(listener, "listener");
    SubscriptionImpl<K, V> subscription = SubscriptionImpl.open(runtime::masterPool, runtime.timers(),
        builder.codec(), listener, timeoutNanos, runtime.backoff(), patterns, List.of(names));
    runtime.register(subscription);
    return subscription;
  }
}
