package io.vigil.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ephemeral loopback ports for processes that cannot bind port 0 and report back. */
public final class Ports {

  private Ports() {}

  /**
   * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the
   * caller binds it, so callers retry on "address in use".
   */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
