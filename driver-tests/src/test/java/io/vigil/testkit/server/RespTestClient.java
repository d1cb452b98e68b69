package io.vigil.testkit.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP client for tests: writes commands (or raw bytes) and reads replies
 * decoded by the driver's own parser. Not thread-safe.
 */
final class RespTestClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final RespParser parser = new RespParser(RespParser.Mode.REPLY, RespLimits.DEFAULT);
  private final ByteBuf buffer = Unpooled.buffer();

  RespTestClient(InetSocketAddress address) {
    try {
      socket = new Socket();
      socket.connect(address, 5000);
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one command and reads its reply. */
  RespValue call(String... args) {
    send(args);
    return read();
  }

  /** Sends one command (binary-safe arguments). */
  void send(byte[]... args) {
    ByteBuf b = Unpooled.buffer();
    try {
      RespWriter.writeCommand(b, args);
      raw(toArray(b));
    } finally {
      b.release();
    }
  }

  /** Sends one command. */
  void send(String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    send(bytes);
  }

  /** Sends bytes as they are. */
  void raw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends text as it is (inline commands, broken frames). */
  void raw(String text) {
    raw(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Reads the next reply, blocking up to the socket timeout. */
  RespValue read() {
    byte[] chunk = new byte[16384];
    try {
      while (true) {
        RespValue v = parser.parse(buffer);
        if (v != null) {
          buffer.discardReadBytes();
          return v;
        }
        int n = in.read(chunk);
        if (n < 0) {
          throw new IOException("connection closed by the server");
        }
        buffer.writeBytes(chunk, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code n} replies. */
  List<RespValue> read(int n) {
    List<RespValue> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(read());
    }
    return out;
  }

  /** Whether the server closed the connection (reads until EOF or timeout). */
  boolean closedByServer() {
    try {
      while (true) {
        int n = in.read(new byte[1024]);
        if (n < 0) {
          return true;
        }
      }
    } catch (IOException e) {
      return e.getMessage() != null && e.getMessage().contains("reset");
    }
  }

  void timeout(int millis) {
    try {
      socket.setSoTimeout(millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] toArray(ByteBuf b) {
    byte[] bytes = new byte[b.readableBytes()];
    b.readBytes(bytes);
    return bytes;
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
