package io.vigil.driver.internal.command;

import io.vigil.resp.RespValue;

/**
 * Turns a command's reply (never an error reply: those are mapped before) into its Java result.
 * Throws {@link io.vigil.driver.UnexpectedReplyException} when the reply has the wrong shape.
 */
@FunctionalInterface
public interface ReplyDecoder<T> {

  T decode(RespValue reply);
}
