package io.vigil.testkit.chaos.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread NIO event-loop group whose {@link #shutdown} returns only after its thread has
 * ended (Netty's termination future completes a moment before), so a closed proxy leaves no
 * thread behind. Thread-safe.
 */
final class EventLoops {

  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final EventLoopGroup group;

  EventLoops(String threadName) {
    ThreadFactory netty = new DefaultThreadFactory(threadName, true);
    this.group = new MultiThreadIoEventLoopGroup(1, runnable -> {
      Thread thread = netty.newThread(runnable);
      threads.add(thread);
      return thread;
    }, NioIoHandler.newFactory());
  }

  EventLoopGroup group() {
    return group;
  }

  /** Shuts the group down at once (closing its channels) and waits for its thread to end. */
  void shutdown(Duration timeout) {
    group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(timeout.toMillis() * 2);
    for (Thread thread : threads) {
      try {
        thread.join(timeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
