package io.vigil.driver.internal.client;

import io.vigil.driver.internal.command.Spec;
import io.vigil.driver.internal.connection.RedisErrors;
import io.vigil.resp.RespError;
import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Turns a raw reply into a command's result: error replies become typed exceptions. */
final class Decoding {

  private Decoding() {}

  static <T> T decode(Spec<T> spec, RespValue reply, String node) {
    if (reply instanceof RespError error) {
      throw RedisErrors.toException(error, name(spec.args()), node, spec.firstKey());
    }
    return spec.decoder().decode(reply);
  }

  /**
   * Whether {@code reply} asks for {@code spec}'s script fallback: the server lacks the script
   * ({@code NOSCRIPT}), so nothing ran and the {@code EVAL} is safe to send.
   */
  static boolean needsScript(Spec<?> spec, RespValue reply) {
    return spec.noScriptFallback() != null && reply instanceof RespError e && "NOSCRIPT".equals(e.prefix());
  }

  static String name(byte[][] args) {
    return new String(args[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
  }
}
