package io.vigil.testkit.server.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespValue;
import java.io.IOException;
import java.util.List;

/**
 * Hands each decoded request to the {@link CommandProcessor} and flushes replies once per read
 * batch.
 *
 * <p>Pipeline position: after {@code RespDecoder} (request mode); nothing follows it. A protocol
 * error is answered with Redis's text ({@code -ERR Protocol error: ...}) and the connection is
 * closed after the reply, as Redis does; commands decoded before the error still run first.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

  private final RespServer server;
  private final Connection connection;

  ConnectionHandler(RespServer server, Connection connection) {
    this.server = server;
    this.connection = connection;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    server.register(connection);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.releaseOutput();
    server.unregister(connection);
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof RespArray request)) {
      return; // the request decoder only produces arrays
    }
    if (connection.isClosing()) {
      return;
    }
    List<RespValue> elements = request.elements();
    byte[][] argv = new byte[elements.size()][];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = ((RespBulkString) elements.get(i)).bytes();
    }
    if (connection.isHeld() || connection.hasQueued()) {
      connection.enqueue(argv);
      return;
    }
    server.beginBatch(connection);
    try {
      server.processor().execute(connection, argv);
    } finally {
      server.endBatch(connection);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    connection.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof RespProtocolException protocol) {
      server.log().verbose("Protocol error (" + protocol.redisMessage() + ") from client: "
          + connection);
      connection.write(RespError.of("ERR " + protocol.redisMessage()));
      connection.closeAfterReply();
      connection.flush();
      return;
    }
    if (!(cause instanceof IOException)) {
      server.log().warning("Closing " + connection + " after an unexpected error: " + cause);
    }
    connection.close();
  }
}
