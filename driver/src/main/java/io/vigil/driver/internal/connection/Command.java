package io.vigil.driver.internal.connection;

import io.vigil.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * One command on its way to a node, and the future of its raw reply.
 *
 * <p>It is its own future to save an allocation per command. It completes with the reply value
 * (error replies included, as {@link io.vigil.resp.RespError}: mapping them to exceptions is the
 * caller's job, which knows the command's meaning), or exceptionally when it was not sent, its
 * outcome is unknown, or its deadline passed. Completion happens on the connection's event loop.
 */
public final class Command extends CompletableFuture<RespValue> {

  /** Deadline value meaning "never". */
  public static final long NO_DEADLINE = Long.MAX_VALUE;

  private final byte[][] args;
  private final long deadlineNanos;
  private final long timeoutNanos;
  private final boolean expectsReply;
  /** Set on the event loop when the bytes are handed to the channel; read by waiting callers. */
  private volatile boolean written;

  private Command(byte[][] args, long deadlineNanos, long timeoutNanos, boolean expectsReply) {
    if (args.length == 0) {
      throw new IllegalArgumentException("a command needs at least its name");
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) { // checked here: a null found while encoding would corrupt the batch
        throw new IllegalArgumentException("argument " + i + " of a command is null");
      }
    }
    this.args = args;
    this.deadlineNanos = deadlineNanos;
    this.timeoutNanos = timeoutNanos;
    this.expectsReply = expectsReply;
  }

  /**
   * A command that expects one reply.
   *
   * @param now the ticker's current time
   * @param timeoutNanos how long it may take; zero or negative for no deadline
   */
  public static Command of(byte[][] args, long now, long timeoutNanos) {
    long deadline = timeoutNanos <= 0 ? NO_DEADLINE : now + timeoutNanos;
    return new Command(args, deadline, timeoutNanos, true);
  }

  /**
   * A command whose answers arrive as push frames, not as a reply ({@code SUBSCRIBE} and
   * friends): it completes with {@code null} once written.
   */
  public static Command withoutReply(byte[][] args) {
    return new Command(args, NO_DEADLINE, 0, false);
  }

  /** The arguments, name first. Not a copy. */
  public byte[][] args() {
    return args;
  }

  /** The command name in upper case, for messages; never the arguments (they may be secrets). */
  public String name() {
    return new String(args[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
  }

  /** The deadline on the ticker's scale, or {@link #NO_DEADLINE}. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  /** The timeout the deadline was computed from, for messages. */
  public long timeoutNanos() {
    return timeoutNanos;
  }

  /** Whether a reply is expected in the FIFO. */
  public boolean expectsReply() {
    return expectsReply;
  }

  /** Whether the bytes were handed to the network. */
  public boolean written() {
    return written;
  }

  void markWritten() {
    written = true;
  }

  /** The encoded size, roughly, to size the write buffer once per batch. */
  int estimatedSize() {
    int n = 16;
    for (byte[] arg : args) {
      n += arg.length + 16;
    }
    return n;
  }
}
