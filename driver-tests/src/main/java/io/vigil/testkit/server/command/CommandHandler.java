package io.vigil.testkit.server.command;

import io.vigil.resp.RespValue;

/**
 * Runs one command. Returns the reply, or null when there is none yet (the client blocked) or
 * the handler wrote it itself. Errors are thrown as {@link RedisError}.
 */
@FunctionalInterface
public interface CommandHandler {

  /** Executes {@code call} on the server thread. */
  RespValue run(Call call);
}
