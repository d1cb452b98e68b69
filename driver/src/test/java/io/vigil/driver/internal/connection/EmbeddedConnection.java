package io.vigil.driver.internal.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vigil.driver.Endpoint;
import io.vigil.resp.RespDecoder;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Connection} over an {@link EmbeddedChannel}, with a hand-driven clock. */
final class EmbeddedConnection {

  final AtomicLong now = new AtomicLong(1_000_000);
  final EmbeddedChannel channel = new EmbeddedChannel();
  final CommandHandler handler = new CommandHandler("127.0.0.1:6379");
  final Connection connection;

  EmbeddedConnection() {
    channel.pipeline().addLast(new RespDecoder(RespParser.Mode.REPLY, RespLimits.DEFAULT), handler);
    connection = new Connection(channel, handler, Endpoint.of("127.0.0.1", 6379), now::get, 0);
  }

  Command send(long timeoutNanos, String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return connection.submit(Command.of(bytes, now.get(), timeoutNanos));
  }

  /** Runs queued event-loop tasks and returns everything written, as text; one entry per write. */
  java.util.List<String> written() {
    channel.runPendingTasks();
    java.util.List<String> out = new java.util.ArrayList<>();
    ByteBuf buf;
    while ((buf = channel.readOutbound()) != null) {
      out.add(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
    return out;
  }

  void reply(String wire) {
    channel.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8));
  }
}
