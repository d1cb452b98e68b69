package io.vigil.driver.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;
import io.vigil.driver.Endpoint;
import io.vigil.resp.RespVersion;
import io.vigil.resp.RespWriter;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One multiplexed connection to a node: commands from any thread are queued, written in batches
 * with one flush per event-loop turn, and matched to replies in order.
 *
 * <p>Thread-safe. {@link #submit} never blocks: it appends to a lock-free queue and, when no
 * drain is pending, schedules one on the event loop; the drain encodes every queued command into
 * one buffer and flushes once, so concurrent callers share syscalls. Deadlines are checked by a
 * periodic sweep on the event loop. A command submitted after the connection closed fails with
 * {@link io.vigil.driver.CommandNotSentException}; one written but unanswered when it closes
 * fails with {@link io.vigil.driver.OutcomeUnknownException}.
 */
public final class Connection {

  private static final AtomicIntegerFieldUpdater<Connection> DRAIN_SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(Connection.class, "drainScheduled");

  private final Channel channel;
  private final CommandHandler handler;
  private final Endpoint endpoint;
  private final String node;
  private final Ticker ticker;
  private final Queue<Command> pending = PlatformDependent.newMpscQueue();
  private final Runnable drainTask = this::drain;
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  /** 1 while a drain task is scheduled and has not started polling yet. */
  private volatile int drainScheduled;
  private volatile RespVersion protocol = RespVersion.RESP2;
  private volatile ScheduledFuture<?> sweep;

  Connection(Channel channel, CommandHandler handler, Endpoint endpoint, Ticker ticker, long sweepNanos) {
    this.channel = channel;
    this.handler = handler;
    this.endpoint = endpoint;
    this.node = endpoint.toString();
    this.ticker = ticker;
    handler.onInactive(this::onClosed);
    if (sweepNanos > 0) {
      this.sweep = channel.eventLoop().scheduleAtFixedRate(
          () -> handler.expire(ticker.nanoTime()), sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The node this connection talks to. */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** The protocol agreed in the handshake. */
  public RespVersion protocol() {
    return protocol;
  }

  void protocol(RespVersion version) {
    this.protocol = version;
  }

  /** The clock deadlines are measured on. */
  public Ticker ticker() {
    return ticker;
  }

  /** Whether the channel is open. */
  public boolean isActive() {
    return channel.isActive();
  }

  /** Completes (never exceptionally) once the connection is closed and its commands failed. */
  public CompletableFuture<Void> closeFuture() {
    return closeFuture;
  }

  /** The channel's event loop, where pushes and completions run. */
  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  /** Routes push frames (and, after {@link #enterSubscriberMode}, RESP2 pub/sub arrays). */
  public void pushListener(PushListener listener) {
    handler.pushListener(listener);
  }

  /** Marks the connection as subscribed: under RESP2 its pub/sub arrays become pushes. */
  public void enterSubscriberMode() {
    channel.eventLoop().execute(handler::enterResp2Subscriber);
  }

  /** Queues a command for writing and returns it; it completes on the event loop. */
  public Command submit(Command command) {
    if (!channel.isActive()) {
      command.completeExceptionally(Failures.notSent(command, node, "the connection is closed", handler.closeCause()));
      return command;
    }
    pending.offer(command);
    if (drainScheduled == 0 && DRAIN_SCHEDULED.compareAndSet(this, 0, 1)) {
      try {
        channel.eventLoop().execute(drainTask);
      } catch (RejectedExecutionException e) {
        drainScheduled = 0;
        failPending("the client is closed", e);
      }
    }
    return command;
  }

  /** Closes the channel; commands in flight fail as outcome-unknown, queued ones as not sent. */
  public CompletableFuture<Void> close() {
    channel.close();
    return closeFuture;
  }

  /** Commands awaiting a reply; for tests and metrics, may be stale. Event loop only. */
  int inFlightCount() {
    return handler.inFlightCount();
  }

  private void drain() {
    drainScheduled = 0; // commands offered from now on schedule another drain
    if (!channel.isActive() || handler.isInactive()) {
      failPending("the connection closed", handler.closeCause());
      return;
    }
    Command first = pending.poll();
    if (first == null) {
      return;
    }
    ByteBuf out = channel.alloc().ioBuffer(Math.max(256, first.estimatedSize()));
    boolean any = false;
    for (Command command = first; command != null; command = pending.poll()) {
      if (command.isDone()) {
        continue; // cancelled or timed out while queued: never write it
      }
      RespWriter.writeCommand(out, command.args());
      handler.written(command);
      if (!command.expectsReply()) {
        command.complete(null);
      }
      any = true;
    }
    if (any) {
      channel.writeAndFlush(out, channel.voidPromise());
    } else {
      out.release();
    }
  }

  private void failPending(String why, Throwable cause) {
    Command command;
    while ((command = pending.poll()) != null) {
      command.completeExceptionally(Failures.notSent(command, node, why, cause));
    }
  }

  /** Runs on the event loop after the handler failed the commands in flight. */
  private void onClosed() {
    ScheduledFuture<?> s = sweep;
    if (s != null) {
      s.cancel(false);
    }
    failPending("the connection closed", handler.closeCause()); // queued, never written
    closeFuture.complete(null);
  }

  @Override
  public String toString() {
    return "Connection[" + node + ", " + protocol + (channel.isActive() ? "" : ", closed") + "]";
  }
}
