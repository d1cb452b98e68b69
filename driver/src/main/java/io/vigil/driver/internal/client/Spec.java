package io.vigil.driver.internal.client;

/**
 * A typed command ready to send: its arguments, how to read its reply, and how it must run.
 *
 * @param args the arguments, name first
 * @param decoder reads the reply
 * @param extraTimeoutNanos time added to the command timeout (a blocking command's own timeout);
 *     negative means the command has no deadline
 * @param blocking whether it needs a connection of its own
 */
public record Spec<T>(byte[][] args, ReplyDecoder<T> decoder, long extraTimeoutNanos, boolean blocking) {}
