package io.vigil.testkit.chaos.proxy;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy in front of an echo server: byte-exact forwarding, and each fault by its effect. */
class ChaosProxyTest {

  private EchoServer echo;
  private ChaosProxy proxy;

  @BeforeEach
  void start() {
    echo = new EchoServer();
    proxy = ChaosProxy.builder(echo.address()).name("echo").start();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    echo.close();
  }

  @AfterAll
  static void noBufferLeaked() {
    assertThat(NettyLeaks.collectReports()).doesNotContain("LEAK:");
  }

  private Socket connect(Duration readTimeout) throws IOException {
    Socket socket = new Socket();
    socket.connect(proxy.address(), 5_000);
    socket.setSoTimeout((int) readTimeout.toMillis());
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** Writes {@code payload} in pieces of {@code piece} bytes from another thread, reads it all back. */
  private static byte[] roundTrip(Socket socket, byte[] payload, int piece) throws Exception {
    OutputStream out = socket.getOutputStream();
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        for (int off = 0; off < payload.length; off += piece) {
          out.write(payload, off, Math.min(piece, payload.length - off));
        }
        out.flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    byte[] back = readFully(socket.getInputStream(), payload.length);
    writer.get(10, TimeUnit.SECONDS);
    return back;
  }

  private static byte[] readFully(InputStream in, int length) throws IOException {
    byte[] back = new byte[length];
    int read = 0;
    while (read < length) {
      int n = in.read(back, read, length - read);
      if (n < 0) {
        throw new IOException("closed after " + read + " of " + length + " bytes");
      }
      read += n;
    }
    return back;
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void forwardsLargePayloadsByteExactInBothDirections() throws Exception {
    byte[] payload = random(8 << 20, 1);
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      assertThat(Arrays.equals(roundTrip(socket, payload, 100_003), payload)).isTrue();
    }
    assertThat(proxy.bytesForwarded(Direction.CLIENT_TO_TARGET)).isEqualTo(payload.length);
    assertThat(proxy.bytesForwarded(Direction.TARGET_TO_CLIENT)).isEqualTo(payload.length);
  }

  @Test
  void delayedLinkKeepsEveryByteInOrder() throws Exception {
    proxy.delay(Duration.ofMillis(3));
    byte[] payload = random(2 << 20, 2);
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      assertThat(Arrays.equals(roundTrip(socket, payload, 1_531), payload)).isTrue();
    }
  }

  @Test
  void loweringTheDelayNeverReordersBytes() throws Exception {
    proxy.delay(Direction.CLIENT_TO_TARGET, Duration.ofMillis(300));
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      out.write("first-".getBytes());
      out.flush();
      Await.until("the proxy holds the first chunk", Duration.ofSeconds(10),
          () -> proxy.bytesReceived(Direction.CLIENT_TO_TARGET) == 6);
      proxy.delay(Direction.CLIENT_TO_TARGET, Duration.ZERO);
      out.write("second".getBytes());
      out.flush();
      assertThat(new String(readFully(socket.getInputStream(), 12))).isEqualTo("first-second");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void delayAddsAtLeastTheDelayOfEachDirectionToARoundTrip() throws Exception {
    proxy.delay(Direction.CLIENT_TO_TARGET, Duration.ofMillis(120));
    proxy.delay(Direction.TARGET_TO_CLIENT, Duration.ofMillis(80));
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      long start = System.nanoTime();
      assertThat(roundTrip(socket, new byte[] {42}, 1)).containsExactly(42);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
  }

  @Test
  void bandwidthLimitBoundsThroughputFromBelowInTime() throws Exception {
    long rate = 100_000;
    proxy.bandwidth(Direction.TARGET_TO_CLIENT, rate);
    byte[] payload = random(120_000, 3);
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      long start = System.nanoTime();
      assertThat(Arrays.equals(roundTrip(socket, payload, 8_192), payload)).isTrue();
      // The first slice (1/20 s worth) may go at once; the rest at most at the rate.
      long minimumNanos = (payload.length - rate / 20) * 1_000_000_000L / rate;
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(minimumNanos);
    }
    assertThat(proxy.conditions(Direction.TARGET_TO_CLIENT).bytesPerSecond()).isEqualTo(rate);
    assertThat(proxy.conditions(Direction.CLIENT_TO_TARGET).isPass()).isTrue();
  }

  @Test
  void blackholeHoldsBytesAndHealingDeliversThemLate() throws Exception {
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      assertThat(roundTrip(socket, "warm".getBytes(), 4)).isEqualTo("warm".getBytes());
      proxy.blackhole();
      socket.setSoTimeout(300);
      socket.getOutputStream().write("held".getBytes());
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      assertThat(proxy.openConnections()).isEqualTo(1);

      proxy.heal();
      socket.setSoTimeout(10_000);
      assertThat(readFully(socket.getInputStream(), 4)).isEqualTo("held".getBytes());
    }
  }

  @Test
  void blackholingOneDirectionStillDeliversTheOther() throws Exception {
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      assertThat(roundTrip(socket, "warm".getBytes(), 4)).isEqualTo("warm".getBytes());
      proxy.blackhole(Direction.TARGET_TO_CLIENT);
      socket.setSoTimeout(300);
      socket.getOutputStream().write("request".getBytes());
      Await.until("the request reached the echo server", Duration.ofSeconds(10),
          () -> proxy.bytesForwarded(Direction.CLIENT_TO_TARGET) == 4 + 7);
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      assertThat(proxy.bytesForwarded(Direction.TARGET_TO_CLIENT)).isEqualTo(4);

      proxy.heal(Direction.TARGET_TO_CLIENT);
      socket.setSoTimeout(10_000);
      assertThat(readFully(socket.getInputStream(), 7)).isEqualTo("request".getBytes());
    }
  }

  @Test
  void connectionMadeDuringABlackholeReachesTheTargetOnlyAfterHealing() throws Exception {
    proxy.blackhole(Direction.TARGET_TO_CLIENT);
    try (Socket socket = connect(Duration.ofMillis(300))) {
      socket.getOutputStream().write("early".getBytes());
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      assertThat(echo.connections()).isZero();
      assertThat(proxy.bytesReceived(Direction.CLIENT_TO_TARGET)).isZero();

      proxy.heal();
      socket.setSoTimeout(10_000);
      assertThat(readFully(socket.getInputStream(), 5)).isEqualTo("early".getBytes());
      assertThat(echo.connections()).isEqualTo(1);
    }
  }

  @Test
  void blackholeHidesThatTheTargetIsDownUntilHealed() throws Exception {
    int closedPort;
    try (java.net.ServerSocket gone = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    try (ChaosProxy nowhere = ChaosProxy.builder(new java.net.InetSocketAddress("127.0.0.1", closedPort))
            .name("partitioned-nowhere").start();
        Socket socket = new Socket()) {
      nowhere.blackhole();
      socket.connect(nowhere.address(), 5_000);
      socket.setSoTimeout(300);
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

      nowhere.heal();
      socket.setSoTimeout(10_000);
      assertThatThrownBy(() -> {
        if (socket.getInputStream().read() < 0) {
          throw new IOException("closed");
        }
      }).isInstanceOf(IOException.class).isNotInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void blackholeHoldsMoreThanTheProxyBufferAndDeliversAllOfItOnHeal() throws Exception {
    byte[] payload = random(3 << 20, 4); // beyond the 1 MiB held in the proxy: the rest waits in kernel buffers
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      assertThat(roundTrip(socket, "warm".getBytes(), 4)).isEqualTo("warm".getBytes());
      proxy.blackhole(Direction.CLIENT_TO_TARGET);
      CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> {
        try {
          return roundTrip(socket, payload, 65_536);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Await.until("the proxy holds a full buffer", Duration.ofSeconds(10),
          () -> proxy.bytesReceived(Direction.CLIENT_TO_TARGET) >= 4 + (1 << 20));
      assertThat(proxy.bytesForwarded(Direction.CLIENT_TO_TARGET)).isEqualTo(4);
      assertThat(back).isNotDone();
      proxy.heal();
      assertThat(Arrays.equals(back.get(20, TimeUnit.SECONDS), payload)).isTrue();
    }
  }

  @Test
  void dropRefusesNewConnectionsAndResetsOpenOnes() throws Exception {
    try (Socket open = connect(Duration.ofSeconds(10))) {
      assertThat(roundTrip(open, "hi".getBytes(), 2)).isEqualTo("hi".getBytes());
      proxy.drop();
      assertThat(proxy.isDropped()).isTrue();
      assertThatThrownBy(() -> connect(Duration.ofSeconds(1))).isInstanceOf(ConnectException.class);
      assertThatThrownBy(() -> {
        open.getOutputStream().write(1);
        if (open.getInputStream().read() < 0) {
          throw new IOException("closed");
        }
      }).isInstanceOf(IOException.class);
    }
    Await.until("the reset connections are forgotten", Duration.ofSeconds(10), () -> proxy.openConnections() == 0);
  }

  @Test
  void healAfterDropListensAgainOnTheSamePort() throws Exception {
    int port = proxy.port();
    proxy.drop();
    proxy.heal();
    assertThat(proxy.port()).isEqualTo(port);
    try (Socket socket = connect(Duration.ofSeconds(10))) {
      assertThat(roundTrip(socket, "back".getBytes(), 4)).isEqualTo("back".getBytes());
    }
  }

  @Test
  void targetThatRefusesResetsTheClient() throws Exception {
    int closedPort;
    try (java.net.ServerSocket gone = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = gone.getLocalPort();
    }
    try (ChaosProxy nowhere = ChaosProxy.builder(new java.net.InetSocketAddress("127.0.0.1", closedPort))
            .name("nowhere").start();
        Socket socket = new Socket()) {
      socket.connect(nowhere.address(), 5_000);
      socket.setSoTimeout(10_000);
      assertThatThrownBy(() -> {
        if (socket.getInputStream().read() < 0) {
          throw new IOException("closed");
        }
      }).isInstanceOf(IOException.class);
    }
  }

  @Test
  void closeLeavesNoThreadNoListenerAndNoConnection() throws Exception {
    ChaosProxy closing = ChaosProxy.builder(echo.address()).name("closing-test").start();
    Socket socket = new Socket();
    socket.connect(closing.address(), 5_000);
    socket.setSoTimeout(10_000);
    Await.until("the connection is proxied", Duration.ofSeconds(10), () -> closing.openConnections() == 1);
    closing.close();
    closing.close(); // idempotent

    assertThat(socket.getInputStream().read()).isEqualTo(-1);
    socket.close();
    assertThat(closing.openConnections()).isZero();
    assertThatThrownBy(() -> new Socket().connect(closing.address(), 1_000)).isInstanceOf(ConnectException.class);
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("vigil-chaos-proxy-closing-test"));
    assertThatThrownBy(closing::blackhole).isInstanceOf(IllegalStateException.class).hasMessageContaining("closing-test");
  }

  @Test
  void invalidFaultsAreRejectedNamingTheValueAndTheFix() {
    assertThatThrownBy(() -> proxy.delay(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-0.005S").hasMessageContaining("echo");
    assertThatThrownBy(() -> proxy.bandwidth(Direction.CLIENT_TO_TARGET, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heal(CLIENT_TO_TARGET)");
    assertThatThrownBy(() -> ChaosProxy.builder(echo.address()).connectTimeout(Duration.ZERO))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> ChaosProxy.builder(echo.address()).name(" ")).hasMessageContaining("blank");
  }
}
