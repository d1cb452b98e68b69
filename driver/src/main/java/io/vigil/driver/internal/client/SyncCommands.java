package io.vigil.driver.internal.client;

import io.vigil.driver.internal.command.CommandBuilder;
import io.vigil.driver.internal.command.Spec;
import io.vigil.resp.RespValue;

/**
 * The blocking typed commands over a {@link CommandRunner}: each call sends one command and
 * waits for it on the calling thread.
 *
 * <p>Thread-safe when its runner is. Not final: the client view adds derivations, pipelines,
 * transactions and subscriptions on top.
 */
public class SyncCommands<K, V> extends SyncCommandsBase<K, V> {

  private final CommandRunner runner;
  private final long timeoutNanos;

  /** Commands built by {@code commands}, sent through {@code runner}, with this command timeout. */
  public SyncCommands(CommandRunner runner, CommandBuilder<K, V> commands, long timeoutNanos) {
    super(commands);
    this.runner = runner;
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  protected <T> T await(Spec<T> spec) {
    RespValue reply = send(spec);
    if (Decoding.needsScript(spec, reply)) {
      Spec<T> eval = spec.noScriptFallback();
      return Decoding.decode(eval, send(eval), runner.node());
    }
    return Decoding.decode(spec, reply, runner.node());
  }

  private RespValue send(Spec<?> spec) {
    long timeout = spec.timeoutNanos(timeoutNanos);
    return Await.await(runner.send(spec.args(), timeout, spec.blocking()), timeout, spec.args(), runner.node());
  }

  /** The runner commands go through. */
  protected final CommandRunner runner() {
    return runner;
  }

  /** The command timeout in nanoseconds. */
  protected final long timeoutNanos() {
    return timeoutNanos;
  }
}
