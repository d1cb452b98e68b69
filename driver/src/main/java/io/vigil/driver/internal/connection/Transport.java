package io.vigil.driver.internal.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The I/O threads and socket type: native epoll when the platform supports it, NIO otherwise.
 *
 * <p>The group's threads are daemon threads named {@code vigil-io-*}; whoever creates a transport
 * shuts its group down.
 */
public record Transport(EventLoopGroup group, Class<? extends SocketChannel> channelType, String name) {

  /** A transport with {@code threads} event loops, epoll if available. */
  public static Transport create(int threads) {
    return create(threads, Epoll.isAvailable());
  }

  /** A transport with {@code threads} event loops; {@code epoll} must only be true where available. */
  public static Transport create(int threads, boolean epoll) {
    IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        threads, IoThread.factory(), factory);
    return new Transport(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class,
        epoll ? "epoll" : "nio");
  }
}
