package io.vigil.testkit.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import io.vigil.resp.RespValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal replica for tests: it sends {@code SYNC}, skips the RDB payload and then reads the
 * commands the master propagates, so two masters' replication streams can be compared command
 * by command. Blocking, not thread-safe.
 */
final class ReplicationTap implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final RespParser parser = new RespParser(RespParser.Mode.REPLY, RespLimits.DEFAULT);
  private final ByteBuf buffer = Unpooled.buffer();

  /** Connects to {@code master} and completes the full sync. */
  ReplicationTap(InetSocketAddress master) {
    try {
      socket = new Socket();
      socket.connect(master, 5000);
      socket.setSoTimeout(10_000);
      in = socket.getInputStream();
      socket.getOutputStream().write("*1\r\n$4\r\nSYNC\r\n".getBytes(StandardCharsets.US_ASCII));
      skipPayload();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The RDB comes as {@code $<len>\r\n<bytes>} (no trailing CRLF), after newlines while it is made. */
  private void skipPayload() throws IOException {
    int b;
    while ((b = in.read()) == '\n') {
      // keep-alive newlines while the master saves
    }
    if (b != '$') {
      throw new IOException("expected the RDB payload, got byte " + b);
    }
    ByteArrayOutputStream len = new ByteArrayOutputStream();
    while ((b = in.read()) != '\r') {
      len.write(b);
    }
    in.read(); // '\n'
    long n = Long.parseLong(len.toString(StandardCharsets.US_ASCII));
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("the master closed the link during the full sync");
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }

  /** The next propagated command, as words. */
  List<String> next() {
    byte[] chunk = new byte[16384];
    try {
      while (true) {
        RespValue v = parser.parse(buffer);
        if (v != null) {
          buffer.discardReadBytes();
          List<String> words = new ArrayList<>();
          for (RespValue e : ((RespArray) v).elements()) {
            words.add(new String(((RespBulkString) e).bytes(), StandardCharsets.ISO_8859_1));
          }
          return words;
        }
        int n = in.read(chunk);
        if (n < 0) {
          throw new IOException("the master closed the replication link");
        }
        buffer.writeBytes(chunk, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    buffer.release();
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
