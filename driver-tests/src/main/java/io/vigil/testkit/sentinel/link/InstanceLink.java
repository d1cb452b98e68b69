package io.vigil.testkit.sentinel.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespDecoder;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import io.vigil.resp.RespPush;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One TCP connection from a sentinel to a data node or another sentinel, as Redis Sentinel
 * keeps them: commands are pipelined and their replies handed to callbacks in order; a link in
 * subscriber mode hands every pushed message to its listener instead.
 *
 * <p>Runs on the sentinel's event loop: callbacks are invoked there, and {@link #send} must be
 * called there too, so the sentinel's state machine stays single-threaded. The link never
 * reconnects by itself; its owner opens a new one after {@code onClose}.
 */
public final class InstanceLink {

  /** What a link reports to its owner. Called on the event loop. */
  public interface Listener {
    /** The TCP connection is up; the owner may now authenticate and name it. */
    void connected(InstanceLink link);

    /** The connection failed or closed; pending callbacks have been told with a null reply. */
    void closed(InstanceLink link, Throwable cause);

    /** A message pushed on a subscribed link ({@code message}, {@code pmessage}...). */
    default void pushed(InstanceLink link, List<RespValue> message) {}
  }

  private final EventLoop loop;
  private final InetSocketAddress target;
  private final Listener listener;
  /** Reply callbacks in request order; event loop only. */
  private final ArrayDeque<Consumer<RespValue>> pending = new ArrayDeque<>();
  private Channel channel;
  private boolean subscribed;
  private boolean closed;

  private InstanceLink(EventLoop loop, InetSocketAddress target, Listener listener) {
    this.loop = loop;
    this.target = target;
    this.listener = listener;
  }

  /**
   * Connects to {@code target} on {@code loop} (which must run Epoll when Epoll is available,
   * NIO otherwise, as the test kit's servers do).
   */
  public static InstanceLink open(EventLoop loop, InetSocketAddress target, int connectTimeoutMillis,
      Listener listener) {
    InstanceLink link = new InstanceLink(loop, Objects.requireNonNull(target, "target"), listener);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("resp-decoder", new RespDecoder(RespParser.Mode.REPLY, RespLimits.DEFAULT));
            ch.pipeline().addLast("link", link.new Handler());
          }
        });
    ChannelFuture future = bootstrap.connect(target);
    link.channel = future.channel();
    future.addListener(f -> {
      if (f.isSuccess()) {
        if (!link.closed) {
          listener.connected(link);
        }
      } else {
        link.fail(f.cause());
      }
    });
    return link;
  }

  /** Where the link goes. */
  public InetSocketAddress target() {
    return target;
  }

  /** Whether the link is connected and not closed. */
  public boolean isActive() {
    return !closed && channel != null && channel.isActive();
  }

  /** Replies still awaited. */
  public int pendingCommands() {
    return pending.size();
  }

  /** Sends a command; {@code onReply} gets the reply, or null if the link dies first. Event loop only. */
  public void send(Consumer<RespValue> onReply, String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    sendBytes(onReply, bytes);
  }

  /** Sends several commands at once (a transaction); each reply goes to its callback. */
  public void sendAll(List<String[]> commands, List<Consumer<RespValue>> callbacks) {
    if (commands.size() != callbacks.size()) {
      throw new IllegalArgumentException("one callback per command");
    }
    if (closed) {
      callbacks.forEach(c -> c.accept(null));
      return;
    }
    ByteBuf buf = channel.alloc().buffer();
    for (int i = 0; i < commands.size(); i++) {
      String[] args = commands.get(i);
      List<byte[]> bytes = new ArrayList<>(args.length);
      for (String a : args) {
        bytes.add(a.getBytes(StandardCharsets.UTF_8));
      }
      RespWriter.writeCommand(buf, bytes);
      pending.add(callbacks.get(i));
    }
    channel.writeAndFlush(buf);
  }

  /** Sends a command of binary arguments. Event loop only. */
  public void sendBytes(Consumer<RespValue> onReply, byte[]... args) {
    if (closed) {
      onReply.accept(null);
      return;
    }
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("InstanceLink.send must run on the sentinel's event loop");
    }
    ByteBuf buf = channel.alloc().buffer();
    RespWriter.writeCommand(buf, args);
    pending.add(onReply);
    channel.writeAndFlush(buf);
  }

  /**
   * Subscribes to {@code channel}: from now on replies are not matched to commands; every
   * pushed message goes to {@link Listener#pushed}.
   */
  public void subscribe(String channelName) {
    if (closed) {
      return;
    }
    subscribed = true;
    // The confirmation arrives as a pushed ["subscribe", channel, count]: no reply callback.
    ByteBuf buf = channel.alloc().buffer();
    RespWriter.writeCommand(buf, "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII),
        channelName.getBytes(StandardCharsets.UTF_8));
    channel.writeAndFlush(buf);
  }

  /** Closes the link; pending callbacks get null. Idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (channel != null) {
      channel.close();
    }
    drain();
  }

  private void fail(Throwable cause) {
    boolean wasClosed = closed;
    closed = true;
    drain();
    if (!wasClosed) {
      listener.closed(this, cause);
    }
  }

  private void drain() {
    Consumer<RespValue> c;
    while ((c = pending.poll()) != null) {
      c.accept(null);
    }
  }

  @Override
  public String toString() {
    return "InstanceLink[" + target + (isActive() ? "" : ", closed") + "]";
  }

  /** The link's pipeline end: matches replies and pushes. Last inbound handler. */
  private final class Handler extends SimpleChannelInboundHandler<RespValue> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RespValue msg) {
      if (msg instanceof RespPush push) {
        listener.pushed(InstanceLink.this, push.elements());
        return;
      }
      if (subscribed && msg instanceof RespArray array && array.size() >= 3) {
        listener.pushed(InstanceLink.this, array.elements());
        return;
      }
      Consumer<RespValue> callback = pending.poll();
      if (callback != null) {
        callback.accept(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      fail(null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
      fail(cause);
    }
  }
}
