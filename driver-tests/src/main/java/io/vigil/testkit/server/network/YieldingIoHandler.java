package io.vigil.testkit.server.network;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;

/**
 * Wraps the event loop's I/O handler (epoll or NIO) so that long work running <em>as a task</em>
 * on the event loop can have ready channels served meanwhile, as Redis's
 * {@code processEventsWhileBlocked} lets a slow script answer other clients with BUSY.
 *
 * <p>Netty's handlers are not reentrant (an I/O pass iterates a shared array of ready events), so
 * {@link #runNow()} refuses to run from inside an I/O pass: work that may need it is scheduled as
 * a task instead, see {@link RespServer#inIoPhase()}. Event loop thread only, except
 * {@link #wakeup()}.
 */
final class YieldingIoHandler implements IoHandler {

  /** A context for a pass that must not wait: ready channels only. */
  private static final IoHandlerContext NOW = new IoHandlerContext() {
    @Override
    public boolean canBlock() {
      return false;
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
      return 0;
    }

    @Override
    public long deadlineNanos() {
      return -1;
    }
  };

  private final IoHandler delegate;
  /** Whether an I/O pass is running; event loop thread only. */
  private boolean inIo;

  private YieldingIoHandler(IoHandler delegate) {
    this.delegate = delegate;
  }

  /** A factory whose handlers wrap those of {@code factory}; {@code created} receives each one. */
  static IoHandlerFactory factory(IoHandlerFactory factory, java.util.function.Consumer<YieldingIoHandler> created) {
    return executor -> {
      YieldingIoHandler handler = new YieldingIoHandler(factory.newHandler(executor));
      created.accept(handler);
      return handler;
    };
  }

  /** Whether the event loop is inside an I/O pass (channel callbacks run from it). */
  boolean inIo() {
    return inIo;
  }

  /**
   * Serves the channels that are ready now, without waiting, when called from a task; does
   * nothing from inside an I/O pass.
   *
   * @return the number of ready channels handled
   */
  int runNow() {
    if (inIo) {
      return 0;
    }
    return run(NOW);
  }

  @Override
  public void initialize() {
    delegate.initialize();
  }

  @Override
  public int run(IoHandlerContext context) {
    inIo = true;
    try {
      return delegate.run(context);
    } finally {
      inIo = false;
    }
  }

  @Override
  public void prepareToDestroy() {
    delegate.prepareToDestroy();
  }

  @Override
  public void destroy() {
    delegate.destroy();
  }

  @Override
  public IoRegistration register(IoHandle handle) throws Exception {
    return delegate.register(handle);
  }

  @Override
  public void wakeup() {
    delegate.wakeup();
  }

  @Override
  public boolean isCompatible(Class<? extends IoHandle> handleType) {
    return delegate.isCompatible(handleType);
  }
}
