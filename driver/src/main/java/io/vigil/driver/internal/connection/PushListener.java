package io.vigil.driver.internal.connection;

import io.vigil.resp.RespValue;
import java.util.List;

/**
 * Receives out-of-band frames: RESP3 push frames, and under RESP2 the pub/sub arrays of a
 * connection in subscriber mode.
 *
 * <p>Called on the connection's event loop, in wire order; it must not block.
 */
@FunctionalInterface
public interface PushListener {

  /** One frame; the first element names its kind ({@code message}, {@code subscribe}…). */
  void onPush(List<RespValue> frame);

  /** Called once when the connection closes, for whatever reason. */
  default void onClose(Throwable cause) {}
}
