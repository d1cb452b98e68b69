package io.vigil.driver.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted stand-in for Redis on an ephemeral loopback port: it reads RESP commands and
 * answers each with whatever bytes the script returns, so tests can send replies no real server
 * would. One thread per connection; closed with the test.
 */
final class FakeRedis implements AutoCloseable {

  private final ServerSocket server;
  private final Function<List<String>, String> script;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<List<String>> received = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  FakeRedis(Function<List<String>, String> script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    this.acceptor = new Thread(this::accept, "fake-redis-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread t = new Thread(() -> serve(socket), "fake-redis-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        List<String> command = readCommand(in);
        if (command == null) {
          return;
        }
        received.add(command);
        String reply = script.apply(command);
        if (reply == null) {
          return; // the script asks to hang up
        }
        out.write(reply.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static List<String> readCommand(InputStream in) throws IOException {
    String header = readLine(in);
    if (header == null) {
      return null;
    }
    int n = Integer.parseInt(header.substring(1));
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = Integer.parseInt(readLine(in).substring(1));
      byte[] data = in.readNBytes(len + 2);
      args.add(new String(data, 0, len, StandardCharsets.UTF_8));
    }
    return args;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
