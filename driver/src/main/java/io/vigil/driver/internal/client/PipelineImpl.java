package io.vigil.driver.internal.client;

import io.vigil.driver.Pipeline;
import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.resp.RespValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A pipeline: queued commands sent back to back through the client's runner, so they share
 * one write and one flush.
 *
 * <p>Not thread-safe.
 */
final class PipelineImpl<K, V> extends QueueingCommands<K, V> implements Pipeline<K, V> {

  private final CommandRunner runner;
  private final long timeoutNanos;

  PipelineImpl(CommandRunner runner, CommandBuilder<K, V> commands, long timeoutNanos) {
    super(runner, commands, timeoutNanos);
    this.runner = runner;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void sync() {
    List<Queued<?>> batch = drain();
    if (batch.isEmpty()) {
      return;
    }
    String node = runner.node();
    CompletableFuture<?>[] done = new CompletableFuture<?>[batch.size()];
    long longest = 0;
    for (int i = 0; i < batch.size(); i++) {
      Queued<?> q = batch.get(i);
      long timeout = q.spec().timeoutNanos(timeoutNanos);
      longest = longest < 0 || timeout == 0 ? -1 : Math.max(longest, timeout);
      CompletableFuture<RespValue> reply = runner.send(q.spec().args(), timeout, q.spec().blocking());
      done[i] = reply.handle((r, error) -> {
        if (error != null) {
          q.result().completeExceptionally(error);
        } else {
          q.complete(r, node);
        }
        return null;
      });
    }
    Await.await(CompletableFuture.allOf(done), Math.max(0, longest), "a pipeline of " + batch.size() + " commands on " + node);
  }

  @Override
  public int size() {
    return queued();
  }
}
