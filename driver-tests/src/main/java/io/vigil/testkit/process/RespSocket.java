package io.vigil.testkit.process;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately plain, blocking RESP connection for tests and tools: one socket, one command
 * at a time, replies as {@link RespValue}s. It shares only the codec with the driver, so tests
 * of the driver, the Java server and the Java Sentinel can check real peers without trusting
 * the code under test.
 *
 * <p>Not thread-safe.
 */
public final class RespSocket implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final RespParser parser = new RespParser(RespParser.Mode.REPLY, RespLimits.DEFAULT);
  private final ByteBuf buffer = Unpooled.buffer();
  private final String peer;

  private RespSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.peer = socket.getRemoteSocketAddress().toString();
  }

  /** Connects with a 5 s read timeout. */
  public static RespSocket connect(InetSocketAddress address) {
    return connect(address, Duration.ofSeconds(5));
  }

  /** Connects; every read gives up after {@code readTimeout}. */
  public static RespSocket connect(InetSocketAddress address, Duration readTimeout) {
    try {
      Socket socket = new Socket();
      socket.connect(address, (int) Math.min(readTimeout.toMillis(), Integer.MAX_VALUE));
      socket.setSoTimeout((int) Math.min(readTimeout.toMillis(), Integer.MAX_VALUE));
      socket.setTcpNoDelay(true);
      return new RespSocket(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + address, e);
    }
  }

  /** Sends a command and reads its reply (an error reply is returned, not thrown). */
  public RespValue call(String... args) {
    send(args);
    return read();
  }

  /** Sends a command without reading (for pipelining or subscriptions). */
  public void send(String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    sendBytes(bytes);
  }

  /** Sends a command of binary arguments without reading. */
  public void sendBytes(byte[]... args) {
    ByteBuf buf = Unpooled.buffer();
    try {
      RespWriter.writeCommand(buf, args);
      byte[] wire = new byte[buf.readableBytes()];
      buf.readBytes(wire);
      out.write(wire);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("write to " + peer + " failed", e);
    } finally {
      buf.release();
    }
  }

  /** Sends raw bytes, for protocol tests. */
  public void sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("write to " + peer + " failed", e);
    }
  }

  /** Reads the next reply, blocking up to the read timeout. */
  public RespValue read() {
    byte[] chunk = new byte[8192];
    try {
      while (true) {
        RespValue value = parser.parse(buffer);
        if (value != null) {
          buffer.discardReadBytes();
          return value;
        }
        int n = in.read(chunk);
        if (n < 0) {
          throw new UncheckedIOException(new IOException(peer + " closed the connection"));
        }
        buffer.writeBytes(chunk, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("read from " + peer + " failed", e);
    }
  }

  /** Whether the peer has closed the connection (reads until EOF or the timeout). */
  public boolean isClosedByPeer() {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** A reply as text: bulk and simple strings as themselves, integers in decimal, errors as their message. */
  public static String text(RespValue value) {
    if (value instanceof RespBulkString b) {
      return b.asString();
    }
    if (value instanceof RespSimpleString s) {
      return s.value();
    }
    if (value instanceof RespInteger i) {
      return Long.toString(i.value());
    }
    if (value instanceof io.vigil.resp.RespError e) {
      return e.message();
    }
    return String.valueOf(value);
  }

  /** A flat array reply as a list of texts. */
  public static List<String> texts(RespValue value) {
    List<String> out = new ArrayList<>();
    for (RespValue v : ((RespArray) value).elements()) {
      out.add(text(v));
    }
    return out;
  }

  @Override
  public void close() {
    buffer.release();
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
