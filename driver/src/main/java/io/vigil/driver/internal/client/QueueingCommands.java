package io.vigil.driver.internal.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Async commands that are not sent but queued, for a transaction's body or a pipeline.
 *
 * <p>Not thread-safe: one thread fills the queue.
 */
class QueueingCommands<K, V> extends AsyncCommands<K, V> {

  private final List<Queued<?>> queue = new ArrayList<>();

  QueueingCommands(CommandRunner runner, CommandBuilder<K, V> commands, long timeoutNanos) {
    super(runner, commands, timeoutNanos);
  }

  @Override
  protected <T> CompletionStage<T> submit(Spec<T> spec) {
    CompletableFuture<T> result = new CompletableFuture<>();
    queue.add(new Queued<>(spec, result));
    return result;
  }

  /** Takes the queued commands out, leaving the queue empty. */
  List<Queued<?>> drain() {
    List<Queued<?>> out = new ArrayList<>(queue);
    queue.clear();
    return out;
  }

  int queued() {
    return queue.size();
  }
}
