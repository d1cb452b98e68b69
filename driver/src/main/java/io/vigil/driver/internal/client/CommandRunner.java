package io.vigil.driver.internal.client;

import io.vigil.resp.RespValue;
import java.util.concurrent.CompletableFuture;

/**
 * Where the typed views send commands: the shared pool, one leased connection, a pipeline's
 * buffer or a transaction's queue. The views know what commands mean; runners know where they go.
 */
public interface CommandRunner {

  /**
   * Sends a command; the future completes with the raw reply (error replies included) on an I/O
   * thread, or exceptionally with a {@link io.vigil.driver.VigilException}.
   *
   * @param timeoutNanos the command's deadline from now; zero or negative for none
   * @param blocking whether it needs a connection of its own
   */
  CompletableFuture<RespValue> send(byte[][] args, long timeoutNanos, boolean blocking);

  /** The node commands go to, for messages. */
  String node();
}
