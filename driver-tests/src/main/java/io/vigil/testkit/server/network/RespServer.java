package io.vigil.testkit.server.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vigil.resp.RespDecoder;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A RESP server on Netty: every client channel, and the acceptor, on one event loop thread, as
 * Redis runs, so the {@link CommandProcessor} sees one command at a time.
 *
 * <p>It knows nothing of commands: the data server and a Sentinel plug in their own processor.
 * Use {@link #eventLoop()} to run timers and cross-thread work on the server thread.
 */
public final class RespServer implements AutoCloseable {

  private final CommandProcessor processor;
  private final ServerLog log;
  private final Supplier<RespLimits> limits;
  private final EventLoopGroup group;
  private final List<Channel> listeners = new ArrayList<>();
  /** Live connections by id, in connection order. Event loop only. */
  private final LinkedHashMap<Long, Connection> connections = new LinkedHashMap<>();
  private long nextId = 1;
  private Connection batch;
  /** The event loop's I/O handler; set when the loop starts. */
  private volatile YieldingIoHandler io;
  private long totalConnections;
  /** Bytes read from and written to clients that have disconnected; live ones are summed on demand. */
  private long closedInputBytes;
  long outputBytes;

  /**
   * A server that will feed {@code processor}; {@code limits} is read for every new connection
   * (so {@code proto-max-bulk-len} changes apply to new clients).
   */
  public RespServer(CommandProcessor processor, ServerLog log, Supplier<RespLimits> limits, String threadName) {
    this.processor = processor;
    this.log = log;
    this.limits = limits;
    IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true),
        YieldingIoHandler.factory(io, h -> this.io = h));
  }

  /** The server thread's executor. */
  public io.netty.channel.EventLoop eventLoop() {
    return group.next();
  }

  /**
   * Whether the event loop is in an I/O pass (serving channel reads) rather than running a
   * task. Work that will call {@link #processEventsWhileBlocked()} must run as a task.
   */
  public boolean inIoPhase() {
    YieldingIoHandler h = io;
    return h == null || h.inIo();
  }

  /**
   * Serves the clients whose input is ready now, from inside a long task (a slow script), as
   * Redis's {@code processEventsWhileBlocked}: their commands run (and may be refused BUSY), no
   * timer runs. Does nothing from inside an I/O pass. Server thread only.
   */
  public void processEventsWhileBlocked() {
    YieldingIoHandler h = io;
    if (h != null) {
      h.runNow();
    }
  }

  /** The log. */
  public ServerLog log() {
    return log;
  }

  /** Binds {@code host:port} (port 0 = ephemeral) and returns the bound address. */
  public InetSocketAddress bind(String host, int port) throws InterruptedException {
    Channel channel = bootstrap().bind(host, port).sync().channel();
    listeners.add(channel);
    return (InetSocketAddress) channel.localAddress();
  }

  /**
   * Replaces the listening sockets (CONFIG SET port/bind) without blocking the server thread:
   * binds every new address first and only then closes the old ones, so a failure leaves the
   * server listening where it was. {@code done} gets null or the failure, on the server thread.
   */
  public void rebind(List<String> hosts, int port, java.util.function.Consumer<Throwable> done) {
    List<Channel> bound = new ArrayList<>();
    bindNext(hosts, 0, port, bound, error -> {
      if (error != null) {
        bound.forEach(Channel::close);
        done.accept(error);
        return;
      }
      List<Channel> old = new ArrayList<>(listeners);
      listeners.clear();
      listeners.addAll(bound);
      old.forEach(Channel::close);
      done.accept(null);
    });
  }

  private void bindNext(List<String> hosts, int i, int port, List<Channel> bound,
      java.util.function.Consumer<Throwable> done) {
    if (i == hosts.size()) {
      done.accept(null);
      return;
    }
    bootstrap().bind(hosts.get(i), port).addListener((io.netty.channel.ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        done.accept(f.cause());
        return;
      }
      bound.add(f.channel());
      bindNext(hosts, i + 1, port, bound, done);
    });
  }

  /** The port of the first listening socket, or -1. */
  public int port() {
    return listeners.isEmpty() ? -1 : ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
  }

  private ServerBootstrap bootstrap() {
    Class<? extends ServerChannel> type = Epoll.isAvailable()
        ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    return new ServerBootstrap()
        .group(group, group)
        .channel(type)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            RespDecoder decoder = new RespDecoder(RespParser.Mode.REQUEST, limits.get());
            Connection connection = new Connection(nextId++, ch, decoder.parser(), RespServer.this);
            ch.pipeline().addLast("resp-decoder", decoder);
            ch.pipeline().addLast("connection", new ConnectionHandler(RespServer.this, connection));
          }
        });
  }

  /** The live connections (event loop only; a read-only view). */
  public Collection<Connection> connections() {
    return Collections.unmodifiableCollection(connections.values());
  }

  /** Connections accepted since start. */
  public long totalConnections() {
    return totalConnections;
  }

  CommandProcessor processor() {
    return processor;
  }

  void register(Connection connection) {
    connections.put(connection.id(), connection);
    totalConnections++;
    if (!processor.connected(connection)) {
      connection.closeAfterReply();
    }
  }

  /** Bytes received from clients since start (INFO {@code total_net_input_bytes}). */
  public long inputBytes() {
    long n = closedInputBytes;
    for (Connection c : connections.values()) {
      n += c.parser().position();
    }
    return n;
  }

  /** Bytes sent to clients since start (INFO {@code total_net_output_bytes}). */
  public long outputBytes() {
    return outputBytes;
  }

  void unregister(Connection connection) {
    if (connections.remove(connection.id()) != null) {
      closedInputBytes += connection.parser().position();
      processor.disconnected(connection);
    }
  }

  void beginBatch(Connection connection) {
    batch = connection;
  }

  void endBatch(Connection connection) {
    if (batch == connection) {
      batch = null;
    }
  }

  boolean inReadBatch(Connection connection) {
    return batch == connection;
  }

  /** Stops listening, closes every connection and stops the thread; waits up to 10 s. */
  @Override
  public void close() {
    for (Channel c : listeners) {
      c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    // Close every client explicitly: the event loop's own shutdown could leave a just-accepted
    // connection open, and a replica on the other end would then never see its master go.
    if (!group.isShuttingDown()) {
      group.submit(() -> {
        for (Connection c : new ArrayList<>(connections.values())) {
          c.close();
        }
      }).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  /** Stops listening only (SHUTDOWN from the server thread, before the thread ends). */
  public void closeListeners() {
    for (Channel c : listeners) {
      c.close();
    }
  }
}
