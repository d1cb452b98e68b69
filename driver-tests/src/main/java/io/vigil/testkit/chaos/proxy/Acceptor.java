package io.vigil.testkit.chaos.proxy;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The listening socket of a {@link ChaosProxy}: a blocking accept loop on a thread of its own,
 * handing each accepted socket to the event-loop group as a Netty channel.
 *
 * <p>Why not a Netty server channel: the JDK defers closing a channel registered with a
 * selector until the selector's next turn, so for a moment after {@code close()} it still
 * accepts connections and holds the port. A drop must refuse the very next connect, and a heal
 * must bind the same port at once; a blocking listener is released as soon as {@link #close()}
 * returns.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, once or more.
 */
final class Acceptor {

  private final ServerSocketChannel server;
  private final Thread thread;
  private final EventLoopGroup group;
  private final Consumer<NioSocketChannel> onAccept;

  private Acceptor(ServerSocketChannel server, String name, EventLoopGroup group, Consumer<NioSocketChannel> onAccept) {
    this.server = server;
    this.group = group;
    this.onAccept = onAccept;
    this.thread = new Thread(this::acceptLoop, name);
    this.thread.setDaemon(true);
  }

  /**
   * Listens on {@code address} and starts accepting; each accepted socket is registered with
   * {@code group} (auto-read off, no Nagle) and passed to {@code onAccept} on its event loop.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  static Acceptor listen(InetSocketAddress address, String threadName, EventLoopGroup group,
      Consumer<NioSocketChannel> onAccept) {
    ServerSocketChannel server = null;
    try {
      server = ServerSocketChannel.open();
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address, 128);
    } catch (IOException e) {
      closeQuietly(server);
      throw new UncheckedIOException("cannot listen on " + address.getHostString() + ":" + address.getPort(), e);
    }
    Acceptor acceptor = new Acceptor(server, threadName, group, onAccept);
    acceptor.thread.start();
    return acceptor;
  }

  /** The bound port. */
  int port() {
    try {
      return ((InetSocketAddress) server.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel socket;
      try {
        socket = server.accept();
      } catch (ClosedChannelException e) {
        return; // closed by close(), the normal way out
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
        continue; // a connection that died in the backlog, or a transient resource shortage
      }
      try {
        NioSocketChannel channel = new NioSocketChannel(socket);
        channel.config().setAutoRead(false);
        channel.config().setOption(ChannelOption.TCP_NODELAY, true);
        channel.pipeline().addLast(new io.netty.channel.ChannelInitializer<NioSocketChannel>() {
          @Override
          protected void initChannel(NioSocketChannel ch) {
            onAccept.accept(ch);
          }
        });
        group.next().register(channel).addListener(f -> {
          if (!f.isSuccess()) {
            channel.unsafe().closeForcibly(); // the group is shutting down
          }
        });
      } catch (RuntimeException e) {
        closeQuietly(socket); // for example the group refused the registration while shutting down
      }
    }
  }

  /** Closes the listening socket (new connects are refused from now on) and ends the thread. */
  void close(Duration timeout) {
    closeQuietly(server);
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
