package io.vigil.testkit.sentinel.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.process.RespSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InstanceLinkTest {

  private static RedisServerProcess redis;
  private static MultiThreadIoEventLoopGroup group;
  private static EventLoop loop;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().start();
    IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(1, io);
    loop = group.next();
  }

  @AfterAll
  static void stop() {
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static final class Recorder implements InstanceLink.Listener {
    final CompletableFuture<InstanceLink> up = new CompletableFuture<>();
    final CompletableFuture<Throwable> down = new CompletableFuture<>();
    final CompletableFuture<List<RespValue>> message = new CompletableFuture<>();

    @Override
    public void connected(InstanceLink link) {
      up.complete(link);
    }

    @Override
    public void closed(InstanceLink link, Throwable cause) {
      down.complete(cause);
    }

    @Override
    public void pushed(InstanceLink link, List<RespValue> msg) {
      if (RespSocket.text(msg.get(0)).equals("message")) {
        message.complete(msg);
      }
    }
  }

  @Test
  void pipelinedRepliesReachTheirCallbacksInOrder() throws Exception {
    Recorder r = new Recorder();
    InstanceLink link = InstanceLink.open(loop, redis.address(), 1000, r);
    r.up.get(5, TimeUnit.SECONDS);
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    loop.execute(() -> {
      link.send(v -> first.complete(RespSocket.text(v)), "PING");
      link.send(v -> second.complete(RespSocket.text(v)), "ECHO", "two");
    });
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("two");
    loop.submit(link::close).get(5, TimeUnit.SECONDS);
  }

  @Test
  void subscribedLinkDeliversPublishedHellos() throws Exception {
    Recorder r = new Recorder();
    InstanceLink link = InstanceLink.open(loop, redis.address(), 1000, r);
    r.up.get(5, TimeUnit.SECONDS);
    loop.execute(() -> link.subscribe("__sentinel__:hello"));
    try (RespSocket publisher = RespSocket.connect(redis.address())) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      // the subscription is asynchronous: publish until one subscriber receives it
      while (!r.message.isDone() && System.nanoTime() < deadline) {
        if (RespSocket.text(publisher.call("PUBLISH", "__sentinel__:hello", "hi")).equals("1")) {
          break;
        }
      }
    }
    List<RespValue> msg = r.message.get(5, TimeUnit.SECONDS);
    assertThat(RespSocket.text(msg.get(1))).isEqualTo("__sentinel__:hello");
    assertThat(RespSocket.text(msg.get(2))).isEqualTo("hi");
    loop.submit(link::close).get(5, TimeUnit.SECONDS);
  }

  @Test
  void pendingCallbacksGetNullWhenTheLinkDies() throws Exception {
    try (RedisServerProcess doomed = RedisServerProcess.builder().start()) {
      Recorder r = new Recorder();
      InstanceLink link = InstanceLink.open(loop, doomed.address(), 1000, r);
      r.up.get(5, TimeUnit.SECONDS);
      CompletableFuture<RespValue> reply = new CompletableFuture<>();
      doomed.freeze();
      loop.execute(() -> link.send(reply::complete, "PING"));
      doomed.kill();
      assertThat(reply.get(5, TimeUnit.SECONDS)).isNull();
      r.down.get(5, TimeUnit.SECONDS);
      assertThat(link.isActive()).isFalse();
    }
  }

  @Test
  void connectionRefusedIsReportedAsClosed() throws Exception {
    Recorder r = new Recorder();
    int port;
    try (RedisServerProcess gone = RedisServerProcess.builder().start()) {
      port = gone.port();
    }
    InstanceLink.open(loop, new java.net.InetSocketAddress("127.0.0.1", port), 1000, r);
    assertThat(r.down.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(r.up).isNotDone();
  }
}
