package io.vigil.driver;

/**
 * A batch of commands sent together: each method queues a command locally and returns its
 * stage; {@link #sync()} writes the whole batch in one go and waits for every reply.
 *
 * <p>Not thread-safe: one thread fills and sends a pipeline. A pipeline is not a transaction:
 * other clients' commands may run between its commands. Stages complete on the I/O thread once
 * the batch is sent; a command that fails fails only its own stage.
 *
 * <pre>{@code
 * Pipeline<String, String> p = client.pipeline();
 * CompletionStage<String> a = p.get("a");
 * p.incr("counter");
 * p.sync();
 * String value = a.toCompletableFuture().join();
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Pipeline<K, V> extends RedisAsyncCommands<K, V> {

  /**
   * Sends the queued commands and waits until all completed (successfully or not), within the
   * command timeout of the slowest. The pipeline is empty again afterwards and can be reused.
   */
  void sync();

  /** How many commands are queued and not sent yet. */
  int size();
}
