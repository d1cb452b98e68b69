package io.vigil.driver.internal.client;

import io.vigil.driver.RedisAsyncCommands;
import io.vigil.driver.RedisCommands;
import io.vigil.driver.Transaction;
import io.vigil.driver.TransactionAbortedException;
import io.vigil.driver.TransactionResult;
import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.driver.internal.command.Replies;
import io.vigil.driver.internal.connection.RedisErrors;
import io.vigil.driver.internal.pool.Lease;
import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A transaction on a leased connection. {@link #exec} pipelines {@code MULTI}, the queued
 * commands and {@code EXEC} in one write, then hands each command its slot of the {@code EXEC}
 * reply.
 *
 * <p>Not thread-safe. The connection is reused after {@link #close()} only when no watch or
 * transaction state can be left on it.
 */
final class TransactionImpl<K, V> implements Transaction<K, V> {

  private static final byte[] MULTI = "MULTI".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXEC = "EXEC".getBytes(StandardCharsets.US_ASCII);

  private final Lease lease;
  private final LeaseRunner runner;
  private final CommandBuilder<K, V> builder;
  private final long timeoutNanos;
  private final SyncCommands<K, V> commands;
  private boolean watching;
  private boolean clean = true;
  private boolean closed;

  TransactionImpl(Lease lease, CommandBuilder<K, V> builder, long timeoutNanos) {
    this.lease = lease;
    this.runner = new LeaseRunner(lease);
    this.builder = builder;
    this.timeoutNanos = timeoutNanos;
    this.commands = new SyncCommands<>(runner, builder, timeoutNanos);
  }

  @Override
  @SafeVarargs
  public final void watch(K... keys) {
    requireOpen();
    byte[][] args = new byte[keys.length + 1][];
    args[0] = "WATCH".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < keys.length; i++) {
      args[i + 1] = builder.codec().encodeKey(keys[i]);
    }
    watching = true;
    simple(args);
  }

  @Override
  public void unwatch() {
    requireOpen();
    simple(new byte[][] {"UNWATCH".getBytes(StandardCharsets.US_ASCII)});
    watching = false;
  }

  @Override
  public RedisCommands<K, V> commands() {
    requireOpen();
    return commands;
  }

  @Override
  public TransactionResult exec(Consumer<RedisAsyncCommands<K, V>> body) {
    requireOpen();
    QueueingCommands<K, V> queue = new QueueingCommands<>(runner, builder, timeoutNanos);
    body.accept(queue);
    List<Queued<?>> queued = queue.drain();
    String node = runner.node();
    clean = false; // until EXEC answers, the connection may be inside MULTI
    CompletableFuture<RespValue> multi = runner.send(new byte[][] {MULTI}, timeoutNanos, false);
    List<CompletableFuture<RespValue>> acks = new ArrayList<>(queued.size());
    for (Queued<?> q : queued) {
      acks.add(runner.send(q.spec().args(), timeoutNanos, false));
    }
    CompletableFuture<RespValue> exec = runner.send(new byte[][] {EXEC}, timeoutNanos, false);
    RespValue execReply = Await.await(exec, timeoutNanos, "EXEC on " + node);
    watching = false;
    clean = true;
    RespValue multiReply = multi.join();
    if (multiReply instanceof RespError error) {
      throw RedisErrors.toException(error, "MULTI", node);
    }
    if (execReply instanceof RespError error) {
      // EXECABORT: a command was refused while queueing; each stage gets its own reason.
      RuntimeException abort = RedisErrors.toException(error, "EXEC", node);
      for (int i = 0; i < queued.size(); i++) {
        RespValue ack = acks.get(i).join();
        if (ack instanceof RespError refused) {
          queued.get(i).complete(refused, node);
        } else {
          queued.get(i).result().completeExceptionally(abort);
        }
      }
      throw abort;
    }
    if (execReply.isNull()) {
      for (Queued<?> q : queued) {
        q.result().completeExceptionally(new TransactionAbortedException(
            "the transaction on " + node + " was not applied: a watched key changed before EXEC"));
      }
      return TransactionResult.aborted();
    }
    List<RespValue> replies = Replies.elements(execReply);
    List<Object> results = new ArrayList<>(replies.size());
    for (int i = 0; i < queued.size(); i++) {
      results.add(queued.get(i).complete(replies.get(i), node));
    }
    return TransactionResult.committed(results);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      lease.release(clean && !watching);
    }
  }

  private void simple(byte[][] args) {
    String node = runner.node();
    String name = Decoding.name(args);
    RespValue reply = Await.await(runner.send(args, timeoutNanos, false), timeoutNanos, name + " on " + node);
    if (reply instanceof RespError error) {
      throw RedisErrors.toException(error, name, node);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this transaction is closed; start a new one with client.transaction()");
    }
  }
}
