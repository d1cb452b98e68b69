package io.vigil.driver.failover;

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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny RESP server posing as a sentinel that names the wrong node as master: it answers
 * {@code SENTINEL GET-MASTER-ADDR-BY-NAME mymaster} with {@code 127.0.0.1:<liePort>} (and nil for
 * other names), knows no replicas or
 * sentinels, accepts {@code SUBSCRIBE}, and can publish a forged {@code +switch-master}.
 */
final class LyingSentinel implements AutoCloseable {

  private final ServerSocket server;
  private volatile int liePort;
  private final String password;
  private final List<OutputStream> subscribers = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  LyingSentinel(int liePort) throws IOException {
    this(liePort, null);
  }

  /** A sentinel that wants {@code AUTH <password>} first ({@code requirepass}), when it is not null. */
  LyingSentinel(int liePort, String password) throws IOException {
    this.liePort = liePort;
    this.password = password;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "lying-sentinel");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** From now on names {@code 127.0.0.1:<port>}. */
  void lieAbout(int port) {
    this.liePort = port;
  }

  int port() {
    return server.getLocalPort();
  }

  /** Publishes {@code +switch-master mymaster 127.0.0.1 <from> 127.0.0.1 <liePort>} to every subscriber. */
  void announceSwitch(int from) throws IOException {
    String payload = SentinelStack.MASTER + " 127.0.0.1 " + from + " 127.0.0.1 " + liePort;
    byte[] frame = array("message", "+switch-master", payload);
    for (OutputStream out : subscribers) {
      synchronized (out) {
        out.write(frame);
        out.flush();
      }
    }
  }

  int subscribers() {
    return subscribers.size();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread t = new Thread(() -> serve(socket), "lying-sentinel-conn");
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
      boolean authenticated = password == null;
      while (true) {
        List<String> command = readCommand(in);
        if (command == null) {
          return;
        }
        byte[] reply;
        if (command.get(0).equalsIgnoreCase("AUTH")) {
          authenticated = password != null && password.equals(command.get(command.size() - 1));
          reply = (authenticated ? "+OK\r\n" : "-WRONGPASS invalid username-password pair or user is disabled.\r\n")
              .getBytes(StandardCharsets.US_ASCII);
        } else if (!authenticated) {
          reply = "-NOAUTH Authentication required.\r\n".getBytes(StandardCharsets.US_ASCII);
        } else {
          reply = answer(command, out);
        }
        synchronized (out) {
          out.write(reply);
          out.flush();
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private byte[] answer(List<String> command, OutputStream out) {
    String name = command.get(0).toUpperCase(Locale.ROOT);
    if (name.equals("PING")) {
      return "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    }
    if (name.equals("SUBSCRIBE")) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int i = 1; i < command.size(); i++) {
        byte[] confirm = ("*3\r\n$9\r\nsubscribe\r\n" + bulk(command.get(i)) + ":" + i + "\r\n")
            .getBytes(StandardCharsets.UTF_8);
        all.write(confirm, 0, confirm.length);
      }
      subscribers.add(out);
      return all.toByteArray();
    }
    if (name.equals("SENTINEL") && command.size() >= 2) {
      String sub = command.get(1).toUpperCase(Locale.ROOT);
      if (sub.equals("GET-MASTER-ADDR-BY-NAME")) {
        if (command.size() < 3 || !command.get(2).equals(SentinelStack.MASTER)) {
          return "*-1\r\n".getBytes(StandardCharsets.US_ASCII); // like Sentinel for an unknown name
        }
        return array("127.0.0.1", Integer.toString(liePort));
      }
      if (sub.equals("REPLICAS") || sub.equals("SLAVES") || sub.equals("SENTINELS")) {
        return "*0\r\n".getBytes(StandardCharsets.US_ASCII);
      }
    }
    return ("-ERR unknown command '" + command.get(0) + "'\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] array(String... items) {
    StringBuilder sb = new StringBuilder("*").append(items.length).append("\r\n");
    for (String item : items) {
      sb.append(bulk(item));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String bulk(String s) {
    return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
  }

  private static List<String> readCommand(InputStream in) throws IOException {
    String header = line(in);
    if (header == null) {
      return null;
    }
    if (!header.startsWith("*")) {
      return List.of(header.trim().split("\\s+"));
    }
    int n = Integer.parseInt(header.substring(1));
    List<String> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = Integer.parseInt(line(in).substring(1));
      byte[] data = in.readNBytes(len + 2);
      args.add(new String(data, 0, len, StandardCharsets.UTF_8));
    }
    return args;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = buf.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      buf.write(b);
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
