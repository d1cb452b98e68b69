package io.vigil.testkit.server.rdb;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
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
 * A minimal blocking RESP2 client over a plain socket, for checking a real redis-server from
 * tests without a client library. Replies: byte[] (bulk), String (status), Long, List, null;
 * an error reply throws.
 */
final class RespTestClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RespTestClient(InetSocketAddress address) {
    try {
      socket = new Socket();
      socket.connect(address, 5000);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = new BufferedOutputStream(socket.getOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + address, e);
    }
  }

  /** Sends one command; arguments are byte[] or anything whose toString() is the argument. */
  Object call(Object... args) {
    send(args);
    return read();
  }

  /** Like {@link #call} with a List of arguments. */
  Object callList(List<?> args) {
    return call(args.toArray());
  }

  String text(Object... args) {
    Object r = call(args);
    return r instanceof byte[] ? new String((byte[]) r, StandardCharsets.UTF_8) : (String) r;
  }

  long number(Object... args) {
    return (Long) call(args);
  }

  @SuppressWarnings("unchecked")
  List<byte[]> bulks(Object... args) {
    return (List<byte[]>) (List<?>) call(args);
  }

  private void send(Object[] args) {
    try {
      out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (Object a : args) {
        byte[] b = a instanceof byte[] ? (byte[]) a : a.toString().getBytes(StandardCharsets.UTF_8);
        out.write(('$' + Integer.toString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write('\r');
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object read() {
    try {
      int type = in.read();
      String line = line();
      switch (type) {
        case '+':
          return line;
        case '-':
          throw new IllegalStateException("redis error: " + line);
        case ':':
          return Long.parseLong(line);
        case '$': {
          int n = Integer.parseInt(line);
          if (n < 0) {
            return null;
          }
          byte[] b = in.readNBytes(n);
          in.readNBytes(2);
          return b;
        }
        case '*': {
          int n = Integer.parseInt(line);
          if (n < 0) {
            return null;
          }
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(read());
          }
          return list;
        }
        default:
          throw new IllegalStateException("unexpected RESP type byte " + type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      b.write(c);
    }
    in.read();
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a test connection
    }
  }
}
