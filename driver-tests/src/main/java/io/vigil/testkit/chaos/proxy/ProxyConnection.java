package io.vigil.testkit.chaos.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One client connection accepted by a {@link ChaosProxy} and its connection to the target,
 * joined by a {@link Pipe} in each direction.
 *
 * <p>Both channels share the accepted channel's event loop, so all state here is confined to
 * that thread; other threads call in through {@link #eventLoop()}. The accepted channel must
 * not auto-read: reading starts once the target is connected.
 */
final class ProxyConnection {

  private final Links links;
  private final Channel client;
  private final InetSocketAddress address;
  private final Duration connectTimeout;
  private final Pipe toTarget;
  private final Pipe toClient;
  /** The target channel once connected. */
  private Channel target;
  /** The target channel while connecting, so an abort can close it. */
  private Channel connecting;
  /** Channels not yet closed, plus one while connecting; at zero the proxy forgets this connection. */
  private int open = 1;
  /** Whether the connection to the target was attempted (it waits while the link is blackholed). */
  private boolean dialed;
  /** Reset or closed by the proxy: a target connected late is closed at once. */
  private boolean aborted;

  ProxyConnection(Links links, Channel client, InetSocketAddress address, Duration connectTimeout) {
    this.links = links;
    this.client = client;
    this.address = address;
    this.connectTimeout = connectTimeout;
    this.toTarget = new Pipe(Direction.CLIENT_TO_TARGET, links, client.eventLoop());
    this.toClient = new Pipe(Direction.TARGET_TO_CLIENT, links, client.eventLoop());
    client.pipeline().addLast(new RelayHandler(toTarget, toClient));
    client.closeFuture().addListener(f -> channelGone());
  }

  EventLoop eventLoop() {
    return client.eventLoop();
  }

  /**
   * Connects to the target unless a direction is blackholed: a handshake cannot cross a
   * partition, so the target must not see the connection, nor the client learn that the target
   * is down, until the link heals ({@link #conditionsChanged()} tries again). What the client
   * sends meanwhile waits in the kernel, unread, like any bytes held by a blackhole. When
   * connecting fails the client is reset, as a refused connection is.
   */
  void connectWhenReachable() {
    if (dialed || aborted || !client.isActive()
        || links.conditions(Direction.CLIENT_TO_TARGET).blackhole()
        || links.conditions(Direction.TARGET_TO_CLIENT).blackhole()) {
      return;
    }
    dialed = true;
    connect();
  }

  private void connect() {
    open++;
    Bootstrap bootstrap = new Bootstrap()
        .group(client.eventLoop())
        .channel(NioSocketChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(), Integer.MAX_VALUE))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new RelayHandler(toClient, toTarget));
          }
        });
    ChannelFuture attempt = bootstrap.connect(address);
    connecting = attempt.channel();
    attempt.addListener((ChannelFuture f) -> {
      connecting = null;
      if (!f.isSuccess()) {
        reset();
      } else {
        target = f.channel();
        open++;
        target.closeFuture().addListener(c -> channelGone());
        if (aborted) {
          target.close();
        } else {
          toTarget.connect(client, target);
          toClient.connect(target, client);
        }
      }
      channelGone(); // the connect attempt is over
    });
  }

  /** The faults changed: connect if still waiting, and let each direction release what it now may. */
  void conditionsChanged() {
    connectWhenReachable();
    toTarget.pump();
    toClient.pump();
  }

  /** Aborts both sides with a TCP reset and drops everything queued. */
  void reset() {
    aborted = true;
    toTarget.discard();
    toClient.discard();
    abort(client);
    abort(target);
    abort(connecting);
  }

  /** Closes both sides (FIN) and drops everything queued. */
  void close() {
    aborted = true;
    toTarget.discard();
    toClient.discard();
    client.close();
    if (target != null) {
      target.close();
    }
    if (connecting != null) {
      connecting.close();
    }
  }

  private static void abort(Channel channel) {
    if (channel != null && channel.isOpen()) {
      // SO_LINGER 0 turns close() into a reset (RST) instead of an orderly FIN.
      channel.config().setOption(ChannelOption.SO_LINGER, 0);
      channel.close();
    }
  }

  private void channelGone() {
    if (--open == 0) {
      links.closed(this);
    }
  }

  @Override
  public String toString() {
    return "ProxyConnection[" + client.remoteAddress() + " -> " + (target == null ? "(connecting)" : target.remoteAddress()) + "]";
  }
}
