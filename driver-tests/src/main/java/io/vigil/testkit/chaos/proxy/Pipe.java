package io.vigil.testkit.chaos.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One direction of one proxied connection: bytes read from the source channel wait in a FIFO
 * queue until the direction's faults let them go to the sink channel.
 *
 * <p>Each chunk is due at its arrival time plus the delay in force when it arrived; the queue
 * is released strictly in order, so a shorter delay never overtakes a longer one. A blackhole
 * stops the release and keeps the chunks; healing releases them late, as TCP would after a
 * partition heals. A bandwidth limit releases slices of at most 1/20 s worth of bytes, each
 * no earlier than the previous one's budget allows. The end of the source stream travels as
 * the last chunk, so the sink is closed only after everything before it was delivered.
 *
 * <p>Backpressure: reading from the source stops while more than {@link #HIGH_WATER} bytes are
 * queued (further data waits in the kernel's socket buffers, like on a congested link), and the
 * release stops while the sink is not writable.
 *
 * <p>Confined to the connection's event loop; not thread-safe.
 */
final class Pipe {

  /** Queued bytes above which the source is no longer read. */
  static final int HIGH_WATER = 1 << 20;

  private final Direction direction;
  private final Links links;
  private final EventLoop eventLoop;
  private Channel source;
  private Channel sink;
  private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private long queuedBytes;
  /** Earliest time the next slice may go under a bandwidth limit. */
  private long nextFreeNanos = System.nanoTime();
  /** The scheduled pump, or null; cleared when it runs. */
  private ScheduledFuture<?> wakeup;
  private long wakeupAtNanos;
  /** The end was delivered or the sink is gone: nothing more will be forwarded. */
  private boolean done;

  /** A chunk of bytes, or the end of the stream when {@code bytes} is null. */
  private record Chunk(ByteBuf bytes, long dueNanos) {}

  Pipe(Direction direction, Links links, EventLoop eventLoop) {
    this.direction = direction;
    this.links = links;
    this.eventLoop = eventLoop;
  }

  /** Both ends are connected: queued chunks may flow, and the source is read. */
  void connect(Channel sourceChannel, Channel sinkChannel) {
    this.source = sourceChannel;
    this.sink = sinkChannel;
    pump();
  }

  /** Takes ownership of {@code bytes}, read from the source. */
  void offer(ByteBuf bytes) {
    if (done) {
      bytes.release();
      return;
    }
    links.received(direction, bytes.readableBytes());
    queue.add(new Chunk(bytes, System.nanoTime() + links.conditions(direction).delay().toNanos()));
    queuedBytes += bytes.readableBytes();
    pump();
  }

  /** The source stream ended; the sink is closed once everything before the end is delivered. */
  void end() {
    if (done) {
      return;
    }
    queue.add(new Chunk(null, System.nanoTime() + links.conditions(direction).delay().toNanos()));
    pump();
  }

  /** Drops everything queued; nothing more will be forwarded (the sink is gone, or a reset). */
  void discard() {
    done = true;
    for (Chunk chunk; (chunk = queue.poll()) != null; ) {
      if (chunk.bytes() != null) {
        chunk.bytes().release();
      }
    }
    queuedBytes = 0;
    if (wakeup != null) {
      wakeup.cancel(false);
      wakeup = null;
    }
  }

  /** Releases whatever the current faults allow, then adjusts reading from the source. */
  void pump() {
    if (done || sink == null) {
      updateReading();
      return;
    }
    boolean wrote = false;
    while (!queue.isEmpty() && sink.isWritable()) {
      LinkConditions conditions = links.conditions(direction);
      if (conditions.blackhole()) {
        break; // healing calls pump() again
      }
      Chunk head = queue.peek();
      long now = System.nanoTime();
      if (head.dueNanos() - now > 0) {
        wakeUpAt(head.dueNanos(), now);
        break;
      }
      if (head.bytes() == null) {
        queue.poll();
        done = true;
        sink.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      ByteBuf out;
      long rate = conditions.bytesPerSecond();
      if (rate > 0) {
        if (nextFreeNanos - now > 0) {
          wakeUpAt(nextFreeNanos, now);
          break;
        }
        int slice = (int) Math.min(head.bytes().readableBytes(), Math.max(1, rate / 20));
        out = head.bytes().readRetainedSlice(slice);
        // nanoTime values are compared by difference only: they may be negative or wrap.
        nextFreeNanos = (nextFreeNanos - now > 0 ? nextFreeNanos : now) + slice * 1_000_000_000L / rate;
        if (!head.bytes().isReadable()) {
          queue.poll().bytes().release();
        }
      } else {
        out = queue.poll().bytes();
      }
      int n = out.readableBytes();
      queuedBytes -= n;
      links.forwarded(direction, n);
      sink.write(out, sink.voidPromise());
      wrote = true;
    }
    if (wrote) {
      sink.flush();
    }
    updateReading();
  }

  private void wakeUpAt(long dueNanos, long now) {
    if (wakeup != null && wakeupAtNanos - dueNanos <= 0) {
      return; // an earlier or equal wake-up is already scheduled
    }
    if (wakeup != null) {
      wakeup.cancel(false);
    }
    wakeupAtNanos = dueNanos;
    wakeup = eventLoop.schedule(this::wokenUp, dueNanos - now, TimeUnit.NANOSECONDS);
  }

  private void wokenUp() {
    wakeup = null;
    pump();
  }

  private void updateReading() {
    boolean read = !done && sink != null && queuedBytes < HIGH_WATER;
    if (source != null && source.isOpen() && source.config().isAutoRead() != read) {
      source.config().setAutoRead(read);
    }
  }
}
