package io.vigil.driver.internal.client;

import io.vigil.driver.CommandTimeoutException;
import io.vigil.driver.PubSubListener;
import io.vigil.driver.Subscription;
import io.vigil.driver.codec.RedisCodec;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.connection.Command;
import io.vigil.driver.internal.connection.Connection;
import io.vigil.driver.internal.connection.PushListener;
import io.vigil.driver.internal.pool.Backoff;
import io.vigil.driver.internal.pool.Lease;
import io.vigil.driver.internal.pool.NodePool;
import io.vigil.resp.RespValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription on a leased connection in subscriber mode. Server confirmations complete the
 * waiting calls; messages go to the listener on the I/O thread. When the connection is lost it
 * leases a new one with backoff — from the current master's pool in Sentinel mode, so a
 * subscription follows a failover — and subscribes to everything again.
 *
 * <p>Thread-safe: the channel sets are concurrent, confirmations are matched by name.
 */
final class SubscriptionImpl<K, V> implements Subscription<K>, PushListener {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionImpl.class);

  /** The pool to lease from: the node's, or the current master's (waiting for one). */
  private final LongFunction<CompletableFuture<NodePool>> pools;
  private final ScheduledExecutorService timers;
  private final RedisCodec<K, V> codec;
  private final PubSubListener<K, V> listener;
  private final long timeoutNanos;
  private final Backoff backoff;
  private final Map<ByteBuffer, K> channels = new ConcurrentHashMap<>();
  private final Map<ByteBuffer, K> patterns = new ConcurrentHashMap<>();
  private final Map<ByteBuffer, K> shardChannels = new ConcurrentHashMap<>();
  /** Calls waiting for a confirmation, keyed by kind and name ({@code subscribe:news}). */
  private final Map<String, CompletableFuture<Void>> confirmations = new ConcurrentHashMap<>();
  private volatile Lease lease;
  private volatile boolean open = true;

  private SubscriptionImpl(LongFunction<CompletableFuture<NodePool>> pools, ScheduledExecutorService timers,
      RedisCodec<K, V> codec, PubSubListener<K, V> listener, long timeoutNanos, Backoff backoff) {
    this.pools = pools;
    this.timers = timers;
    this.codec = codec;
    this.listener = listener;
    this.timeoutNanos = timeoutNanos;
    this.backoff = backoff;
  }

  /** Leases a connection and subscribes; blocks until the server confirms. */
  static <K, V> SubscriptionImpl<K, V> open(LongFunction<CompletableFuture<NodePool>> pools,
      ScheduledExecutorService timers, RedisCodec<K, V> codec, PubSubListener<K, V> listener,
      long timeoutNanos, Backoff backoff, String kind, List<K> names) {
    SubscriptionImpl<K, V> subscription = new SubscriptionImpl<>(pools, timers, codec, listener, timeoutNanos, backoff);
    Lease lease = Await.await(pools.apply(timeoutNanos).thenCompose(NodePool::lease), timeoutNanos,
        "a pub/sub connection");
    subscription.attach(lease);
    try {
      subscription.change(kind, names);
    } catch (RuntimeException e) {
      subscription.close();
      throw e;
    }
    return subscription;
  }

  private void attach(Lease lease) {
    this.lease = lease;
    Connection connection = lease.connection();
    connection.pushListener(this);
    connection.enterSubscriberMode();
  }

  @Override
  @SafeVarargs
  public final void subscribe(K... names) {
    change("subscribe", List.of(names));
  }

  @Override
  @SafeVarargs
  public final void unsubscribe(K... names) {
    change("unsubscribe", List.of(names));
  }

  @Override
  @SafeVarargs
  public final void psubscribe(K... names) {
    change("psubscribe", List.of(names));
  }

  @Override
  @SafeVarargs
  public final void punsubscribe(K... names) {
    change("punsubscribe", List.of(names));
  }

  @Override
  @SafeVarargs
  public final void ssubscribe(K... names) {
    change("ssubscribe", List.of(names));
  }

  @Override
  @SafeVarargs
  public final void sunsubscribe(K... names) {
    change("sunsubscribe", List.of(names));
  }

  /** The names subscribed to with {@code kind} ({@code subscribe}, {@code punsubscribe}…). */
  private Map<ByteBuffer, K> namesOf(String kind) {
    switch (kind) {
      case "psubscribe":
      case "punsubscribe":
        return patterns;
      case "ssubscribe":
      case "sunsubscribe":
        return shardChannels;
      default:
        return channels;
    }
  }

  private void change(String kind, List<K> names) {
    if (!open) {
      throw new IllegalStateException("this subscription is closed");
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(kind + " needs at least one name");
    }
    Map<ByteBuffer, K> set = namesOf(kind);
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    for (K name : names) {
      byte[] bytes = codec.encodeKey(name);
      if (kind.endsWith("unsubscribe")) {
        set.remove(ByteBuffer.wrap(bytes));
      } else {
        set.put(ByteBuffer.wrap(bytes), name);
      }
      waits.add(confirmations.computeIfAbsent(key(kind, bytes), k -> new CompletableFuture<>()));
    }
    send(lease.connection(), kind, names.stream().map(codec::encodeKey).toList());
    Await.await(CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)), timeoutNanos,
        kind.toUpperCase() + " on " + lease.connection().endpoint());
  }

  private static void send(Connection connection, String kind, Collection<byte[]> names) {
    byte[][] args = new byte[names.size() + 1][];
    args[0] = kind.toUpperCase().getBytes(StandardCharsets.US_ASCII);
    int i = 1;
    for (byte[] n : names) {
      args[i++] = n;
    }
    connection.submit(Command.withoutReply(args));
  }

  @Override
  public void onPush(List<RespValue> frame) {
    String kind = Replies.text(frame.get(0));
    switch (kind) {
      case "message":
        listener.message(codec.decodeKey(Replies.bytes(frame.get(1))), codec.decodeValue(Replies.bytes(frame.get(2))));
        break;
      case "pmessage":
        listener.message(codec.decodeKey(Replies.bytes(frame.get(1))), codec.decodeKey(Replies.bytes(frame.get(2))),
            codec.decodeValue(Replies.bytes(frame.get(3))));
        break;
      case "smessage":
        listener.shardMessage(codec.decodeKey(Replies.bytes(frame.get(1))),
            codec.decodeValue(Replies.bytes(frame.get(2))));
        break;
      case "subscribe":
      case "psubscribe":
      case "ssubscribe":
      case "unsubscribe":
      case "punsubscribe":
      case "sunsubscribe": {
        if (frame.get(1).isNull()) {
          break; // unsubscribing from nothing
        }
        byte[] name = Replies.bytes(frame.get(1));
        long count = Replies.integer(frame.get(2));
        CompletableFuture<Void> waiting = confirmations.remove(key(kind, name));
        if (waiting != null) {
          waiting.complete(null);
        }
        if (kind.endsWith("unsubscribe")) {
          listener.unsubscribed(codec.decodeKey(name), count);
        } else {
          listener.subscribed(codec.decodeKey(name), count);
        }
        break;
      }
      default:
        log.debug("Ignoring a {} push on a subscription to {}", kind, lease.connection().endpoint());
    }
  }

  @Override
  public void onClose(Throwable cause) {
    if (!open) {
      return;
    }
    lease.release(false);
    confirmations.values().forEach(f -> f.completeExceptionally(
        new CommandTimeoutException("the pub/sub connection to " + lease.connection().endpoint() + " was lost", true)));
    confirmations.clear();
    try {
      listener.disconnected(cause);
    } catch (RuntimeException e) {
      log.warn("A pub/sub listener threw in disconnected()", e);
    }
    log.warn("Lost the pub/sub connection to {}; subscribing again", lease.connection().endpoint());
    reconnect(lease.connection(), 0);
  }

  private void reconnect(Connection dead, int attempt) {
    long delay = attempt == 0 ? 0 : backoff.delay(attempt - 1).toNanos();
    try {
      timers.schedule(() -> pools.apply(timeoutNanos).thenCompose(NodePool::lease).whenComplete((fresh, error) -> {
        if (!open) {
          if (fresh != null) {
            fresh.release(false);
          }
          return;
        }
        if (error != null) {
          reconnect(dead, attempt + 1);
          return;
        }
        attach(fresh);
        if (!channels.isEmpty()) {
          send(fresh.connection(), "subscribe", channels.keySet().stream().map(SubscriptionImpl::bytes).toList());
        }
        if (!patterns.isEmpty()) {
          send(fresh.connection(), "psubscribe", patterns.keySet().stream().map(SubscriptionImpl::bytes).toList());
        }
        if (!shardChannels.isEmpty()) {
          send(fresh.connection(), "ssubscribe", shardChannels.keySet().stream().map(SubscriptionImpl::bytes).toList());
        }
      }), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("Not resubscribing to {}: the client is closed", dead.endpoint());
    }
  }

  @Override
  public Set<K> channels() {
    return new LinkedHashSet<>(channels.values());
  }

  @Override
  public Set<K> patterns() {
    return new LinkedHashSet<>(patterns.values());
  }

  @Override
  public Set<K> shardChannels() {
    return new LinkedHashSet<>(shardChannels.values());
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    if (open) {
      open = false;
      Lease l = lease;
      if (l != null) {
        l.release(false);
      }
    }
  }

  private static String key(String kind, byte[] name) {
    return kind + ":" + new String(name, StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
