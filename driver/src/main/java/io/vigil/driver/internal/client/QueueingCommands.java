package io.vigil.driver.internal.client;

import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.driver.internal.command.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Async commands that are not sent but queued, for a transaction's body or a pipeline. A script
 * run by its SHA-1 is queued as {@code EVAL}, so that a server without it in its cache can neither
 * break the batch's order nor a transaction's atomicity.
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
    queue.add(new Queued<>(spec.batchForm(), result));
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
