package io.vigil.driver.internal.client;

import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.driver.internal.command.Spec;
import io.vigil.resp.RespValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous typed commands over a {@link CommandRunner}: each call sends one command and
 * returns a stage that completes on the I/O thread.
 *
 * <p>Thread-safe when its runner is. Not final: a pipeline or a transaction's body is these
 * commands over a queue instead of the runner.
 */
public class AsyncCommands<K, V> extends AsyncCommandsBase<K, V> {

  private final CommandRunner runner;
  private final long timeoutNanos;

  /** Commands built by {@code commands}, sent through {@code runner}, with this command timeout. */
  public AsyncCommands(CommandRunner runner, CommandBuilder<K, V> commands, long timeoutNanos) {
    super(commands);
    this.runner = runner;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  protected <T> CompletionStage<T> submit(Spec<T> spec) {
    String node = runner.node();
    CompletableFuture<RespValue> reply = runner.send(spec.args(), spec.timeoutNanos(timeoutNanos), spec.blocking());
    if (spec.noScriptFallback() == null) {
      return reply.thenApply(r -> Decoding.decode(spec, r, node));
    }
    return reply.thenCompose(r -> {
      if (!Decoding.needsScript(spec, r)) {
        return CompletableFuture.completedFuture(Decoding.decode(spec, r, node));
      }
      Spec<T> eval = spec.noScriptFallback();
      return runner.send(eval.args(), eval.timeoutNanos(timeoutNanos), eval.blocking())
          .thenApply(again -> Decoding.decode(eval, again, node));
    });
  }
}
