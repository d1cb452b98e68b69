package io.vigil.driver.internal.client;

import io.vigil.driver.internal.command.Spec;
import io.vigil.resp.RespValue;
import java.util.concurrent.CompletableFuture;

/**
 * A typed command held back by a pipeline or transaction, and the stage its caller got.
 *
 * @param spec the command
 * @param result the caller's stage
 */
record Queued<T>(Spec<T> spec, CompletableFuture<T> result) {

  /** Decodes {@code reply} into the stage; returns the value, or the exception it failed with. */
  Object complete(RespValue reply, String node) {
    try {
      T value = Decoding.decode(spec, reply, node);
      result.complete(value);
      return value;
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return e;
    }
  }
}
