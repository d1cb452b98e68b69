package io.vigil.driver.internal.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.Endpoint;
import io.vigil.resp.RespDecoder;
import io.vigil.resp.RespParser;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to nodes: TCP connect, optional TLS, then the {@link Handshake}.
 *
 * <p>Thread-safe and stateless beyond its settings; {@link #connect} never blocks. The pipeline it
 * builds is {@code [SslHandler] → RespDecoder → CommandHandler}; commands are encoded by the
 * connection straight into the outbound buffer, so there is no outbound handler.
 */
public final class ConnectionFactory {

  private static final Logger log = LoggerFactory.getLogger(ConnectionFactory.class);

  private final Transport transport;
  private final ConnectionSettings settings;
  /** Connects in progress, so that closing the client can fail them even if the I/O threads are gone. */
  private final Set<CompletableFuture<Connection>> inProgress = ConcurrentHashMap.newKeySet();

  /** A factory opening connections on {@code transport}'s event loops with {@code settings}. */
  public ConnectionFactory(Transport transport, ConnectionSettings settings) {
    this.transport = transport;
    this.settings = settings;
  }

  /** The settings every connection gets. */
  public ConnectionSettings settings() {
    return settings;
  }

  /**
   * Connects and sets the connection up. Fails with {@link ConnectionException} (in a
   * {@link CompletionException}) naming the node.
   */
  public CompletableFuture<Connection> connect(Endpoint endpoint) {
    CompletableFuture<Connection> result = new CompletableFuture<>();
    inProgress.add(result);
    result.whenComplete((c, e) -> inProgress.remove(result));
    Connection[] holder = new Connection[1];
    Bootstrap bootstrap = new Bootstrap()
        .group(transport.group())
        .channel(transport.channelType())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (settings.sslContext() != null) {
              p.addLast("tls", settings.sslContext().newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
            }
            CommandHandler handler = new CommandHandler(endpoint.toString());
            p.addLast("resp", new RespDecoder(RespParser.Mode.REPLY, settings.limits()));
            p.addLast("commands", handler);
            holder[0] = new Connection(ch, handler, endpoint, settings.ticker(), settings.sweepNanos());
          }
        });
    ChannelFuture connect;
    try {
      connect = bootstrap.connect(endpoint.host(), endpoint.port());
    } catch (RuntimeException e) { // the group is shut down
      result.completeExceptionally(new ConnectionException("cannot connect to " + endpoint + ": " + e, e));
      return result;
    }
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        result.completeExceptionally(new ConnectionException(
            "cannot connect to " + endpoint + ": " + f.cause().getMessage(), f.cause()));
        return;
      }
      Connection connection = holder[0];
      SslHandler tls = connect.channel().pipeline().get(SslHandler.class);
      if (tls == null) {
        handshake(endpoint, connection, result);
        return;
      }
      tls.handshakeFuture().addListener(h -> {
        if (h.isSuccess()) {
          handshake(endpoint, connection, result);
        } else {
          connection.close();
          result.completeExceptionally(new ConnectionException("TLS handshake with " + endpoint + " failed: "
              + h.cause().getMessage() + "; check the client's trust store (sslContext) and the server's certificate",
              h.cause()));
        }
      });
    });
    return result;
  }

  /**
   * Fails every connect still in progress, for a client that is closing: a listener that the
   * stopped I/O threads will never run cannot leave a caller waiting.
   */
  public void abortConnects() {
    for (CompletableFuture<Connection> connect : inProgress) {
      connect.completeExceptionally(new ConnectionException("the client was closed while connecting", null));
    }
  }

  private void handshake(Endpoint endpoint, Connection connection, CompletableFuture<Connection> result) {
    Handshake.run(connection, settings).whenComplete((ok, error) -> {
      if (error == null) {
        log.debug("Connected to {} ({}, {})", endpoint, connection.protocol(), transport.name());
        result.complete(connection);
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      connection.close();
      result.completeExceptionally(cause instanceof ConnectionException
          ? cause
          : new ConnectionException("cannot set up a connection to " + endpoint + ": " + cause.getMessage(), cause));
    });
  }
}
