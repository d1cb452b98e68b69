package io.vigil.driver.internal.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.vigil.driver.ConnectionException;
import io.vigil.driver.Endpoint;
import io.vigil.resp.RespDecoder;
import io.vigil.resp.RespParser;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to nodes: TCP connect, optional TLS, then the {@link Handshake}.
 *
 * <p>Thread-safe and stateless beyond its settings; {@link #connect} never blocks. The pipeline it
 * builds is {@code [SslHandler] → RespDecoder → CommandHandler}; commands are encoded by the
 * connection straight into the outbound buffer, so there is no outbound handler. With TLS the
 * node's certificate must name the host connected to (see {@link TlsHandlers}) before anything,
 * credentials included, is sent.
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
    Bootstrap bootstrap = bootstrap(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (settings.sslContext() != null) {
          p.addLast("tls",
              TlsHandlers.newHandler(settings.sslContext(), ch.alloc(), endpoint, settings.verifyHostname()));
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
          tlsFailed(endpoint, h.cause(), result);
        }
      });
    });
    return result;
  }

  private Bootstrap bootstrap(ChannelHandler initializer) {
    return new Bootstrap()
        .group(transport.group())
        .channel(transport.channelType())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
        .handler(initializer);
  }

  private void tlsFailed(Endpoint endpoint, Throwable cause, CompletableFuture<Connection> result) {
    String untrusted = "TLS handshake with " + endpoint + " failed: " + cause.getMessage()
        + "; check the client's trust store (sslContext) and the server's certificate";
    if (!settings.verifyHostname() || !hasCause(cause, CertificateException.class)) {
      result.completeExceptionally(new ConnectionException(untrusted, cause));
      return;
    }
    // The engine's verdict names no certificate. Fetch the node's once more, with its chain checked
    // but not its names: if that handshake passes, the names were what failed, and the message
    // can say which names the certificate carries. Nothing is sent on that connection.
    peerCertificate(endpoint).whenComplete((certificate, error) -> {
      if (certificate == null) {
        result.completeExceptionally(new ConnectionException(untrusted, cause));
        return;
      }
      result.completeExceptionally(new ConnectionException("TLS handshake with " + endpoint
          + " failed: its certificate does not name the host " + endpoint.host() + "; it names "
          + TlsHandlers.names(certificate) + ". Connect by a name the certificate carries (an addressMapper"
          + " can rewrite the addresses Sentinel announces), add " + endpoint.host() + " to the certificate's"
          + " subject alternative names, or turn the check off with verifyHostname(false)", cause));
    });
  }

  /** The node's certificate after a handshake that checks its chain only, or null when that fails too. */
  private CompletableFuture<X509Certificate> peerCertificate(Endpoint endpoint) {
    CompletableFuture<X509Certificate> result = new CompletableFuture<>();
    ChannelFuture connect;
    try {
      connect = bootstrap(new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast("tls", TlsHandlers.newHandler(settings.sslContext(), ch.alloc(), endpoint, false));
          ch.pipeline().addLast("ignore", new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
              ctx.close(); // the handshake future reports it
            }
          });
        }
      }).connect(endpoint.host(), endpoint.port());
    } catch (RuntimeException e) { // the group is shut down
      result.complete(null);
      return result;
    }
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        result.complete(null);
        return;
      }
      Channel channel = connect.channel();
      SslHandler tls = channel.pipeline().get(SslHandler.class);
      tls.handshakeFuture().addListener(h -> {
        X509Certificate leaf = null;
        try {
          if (h.isSuccess()) {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x509) {
              leaf = x509;
            }
          }
        } catch (SSLPeerUnverifiedException e) {
          // no certificate to show: the plain message will do
        } finally {
          channel.close();
          result.complete(leaf);
        }
      });
    });
    return result;
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
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
