package io.vigil.driver.internal.command;

/**
 * A typed command ready to send: its arguments, how to read its reply, and how it must run.
 *
 * @param args the arguments, name first
 * @param decoder reads the reply
 * @param extraTimeoutNanos time added to the command timeout (a blocking command's own timeout);
 *     negative means the command has no deadline
 * @param blocking whether it needs a connection of its own
 * @param noScriptFallback for {@code EVALSHA} of a known script: the {@code EVAL} to send once
 *     when the server answers {@code NOSCRIPT} (its script cache is empty after a restart or a
 *     failover), and to send instead inside pipelines and transactions, where a retry would break
 *     their order; null for every other command
 * @param keyIndex where the first key is in {@code args}, for error messages ({@code WRONGTYPE}
 *     names it); -1 when the command has none or it is not known
 */
public record Spec<T>(byte[][] args, ReplyDecoder<T> decoder, long extraTimeoutNanos, boolean blocking,
    Spec<T> noScriptFallback, int keyIndex) {

  /** A command without a script fallback whose first key is not known. */
  public Spec(byte[][] args, ReplyDecoder<T> decoder, long extraTimeoutNanos, boolean blocking) {
    this(args, decoder, extraTimeoutNanos, blocking, null, -1);
  }

  /** The same command, sent as {@code eval} when the server lacks the script. */
  public Spec<T> withNoScriptFallback(Spec<T> eval) {
    return new Spec<>(args, decoder, extraTimeoutNanos, blocking, eval, keyIndex);
  }

  /** The first key's bytes, or null. */
  public byte[] firstKey() {
    return keyIndex > 0 && keyIndex < args.length ? args[keyIndex] : null;
  }

  /** The deadline of this command from now, given the client's command timeout; 0 for none. */
  public long timeoutNanos(long commandTimeoutNanos) {
    return extraTimeoutNanos < 0 ? 0 : commandTimeoutNanos + extraTimeoutNanos;
  }

  /** The form to send inside a pipeline or transaction. */
  public Spec<T> batchForm() {
    return noScriptFallback != null ? noScriptFallback : this;
  }
}
