package io.vigil.testkit.server;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespError;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespSimpleString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and heavy clients: malformed frames answered with Redis's exact texts (checked
 * against a real redis-server) and the connection closed, truncated frames, garbage, deep
 * pipelines and a thousand concurrent clients; the server keeps answering everyone else.
 */
class ProtocolAbuseTest {

  private static VigilServer vigil;
  private static RedisServerProcess redis;

  @BeforeAll
  static void start() {
    vigil = VigilServer.builder().directive("maxclients", "10000").start();
  }

  @AfterAll
  static void stop() {
    vigil.close();
    if (redis != null) {
      redis.close();
    }
  }

  private static RedisServerProcess realRedis() {
    RealRedis.requireServer();
    if (redis == null) {
      redis = RedisServerProcess.builder().start();
    }
    return redis;
  }

  private static void assertServerAlive() {
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      assertThat(c.call("PING")).isEqualTo(RespSimpleString.PONG);
    }
  }

  /** Sends raw bytes to both servers; returns {redis reply, vigil reply} and checks both close. */
  private static RespValue[] both(String bytes) {
    RespValue[] out = new RespValue[2];
    InetSocketAddress[] targets = {realRedis().address(), vigil.address()};
    for (int i = 0; i < 2; i++) {
      try (RespTestClient c = new RespTestClient(targets[i])) {
        c.raw(bytes);
        out[i] = c.read();
        assertThat(c.closedByServer()).as("connection closed after %s", out[i]).isTrue();
      }
    }
    return out;
  }

  @Test
  void unbalancedQuotesAreAnsweredAndTheConnectionClosedAsRedis() {
    RespValue[] r = both("SET k \"unterminated\r\n");
    assertThat(r[1]).isEqualTo(r[0]).isEqualTo(RespError.of("ERR Protocol error: unbalanced quotes in request"));
  }

  @Test
  void bulkLengthOverTheLimitIsAProtocolErrorAsRedis() {
    RespValue[] r = both("*1\r\n$999999999999\r\n");
    assertThat(r[1]).isEqualTo(r[0]);
  }

  @Test
  void invalidMultibulkLengthIsAProtocolErrorAsRedis() {
    RespValue[] r = both("*abc\r\n");
    assertThat(r[1]).isEqualTo(r[0]);
  }

  @Test
  void wrongTypeByteInsideAnArrayIsAProtocolErrorAsRedis() {
    RespValue[] r = both("*1\r\n:5\r\n");
    assertThat(r[1]).isEqualTo(r[0]);
  }

  @Test
  void commandsBeforeAProtocolErrorStillRun() {
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      c.raw("SET before 1\r\nGET before\r\n*1\r\n$-5\r\n");
      assertThat(c.read()).isEqualTo(RespSimpleString.OK);
      assertThat(c.read()).isEqualTo(RespBulkString.of("1"));
      assertThat(c.read()).isInstanceOf(RespError.class);
      assertThat(c.closedByServer()).isTrue();
    }
    assertServerAlive();
  }

  @Test
  void protoMaxBulkLenIsEnforcedLive() {
    try (RespTestClient admin = new RespTestClient(vigil.address())) {
      assertThat(admin.call("CONFIG", "SET", "proto-max-bulk-len", "2mb")).isEqualTo(RespSimpleString.OK);
      try (RespTestClient c = new RespTestClient(vigil.address())) {
        c.raw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n");
        assertThat(c.read()).isEqualTo(RespError.of("ERR Protocol error: invalid bulk length"));
      }
      assertThat(admin.call("CONFIG", "SET", "proto-max-bulk-len", "512mb")).isEqualTo(RespSimpleString.OK);
    }
  }

  @Test
  void truncatedFramesFromClosedClientsLeaveTheServerUp() {
    String[] partial = {"*3\r\n$3\r\nSET\r\n$1\r\nk", "*2\r\n$3\r\nGET", "*", "$", "SET k \"a",
        "*1000000\r\n$1\r\nx\r\n"};
    for (String p : partial) {
      try (RespTestClient c = new RespTestClient(vigil.address())) {
        c.raw(p);
      }
    }
    assertServerAlive();
  }

  @Test
  void binaryGarbageClosesThatClientOnly() {
    Random random = new Random(42);
    try (RespTestClient bystander = new RespTestClient(vigil.address())) {
      for (int round = 0; round < 50; round++) {
        byte[] junk = new byte[1 + random.nextInt(4096)];
        random.nextBytes(junk);
        junk[0] = '*'; // a multibulk header that cannot parse
        junk[1 % junk.length] = (byte) 0xff;
        try (RespTestClient c = new RespTestClient(vigil.address())) {
          c.timeout(2000);
          c.raw(junk);
          c.closedByServer();
        }
        assertThat(bystander.call("PING")).isEqualTo(RespSimpleString.PONG);
      }
    }
  }

  @Test
  void tenThousandPipelinedCommandsAreAnsweredInOrder() {
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 10_000; i++) {
        sb.append("*2\r\n$4\r\nINCR\r\n$4\r\npipe\r\n");
      }
      c.raw(sb.toString());
      for (int i = 1; i <= 10_000; i++) {
        assertThat(c.read()).isEqualTo(RespInteger.of(i));
      }
    }
  }

  @Test
  void aThousandConcurrentClientsAreServed() throws Exception {
    int clients = 1000;
    List<RespTestClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        open.add(new RespTestClient(vigil.address()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(32);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          RespTestClient c = open.get(i);
          String key = "client:" + i;
          done.add(pool.submit(() -> {
            assertThat(c.call("SET", key, key)).isEqualTo(RespSimpleString.OK);
            assertThat(c.call("GET", key)).isEqualTo(RespBulkString.of(key));
            assertThat(c.call("INCR", "shared")).isInstanceOf(RespInteger.class);
          }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      try (RespTestClient c = new RespTestClient(vigil.address())) {
        assertThat(c.call("GET", "shared")).isEqualTo(RespBulkString.of("1000"));
        Await.until("1001 clients listed", Duration.ofSeconds(10), () ->
            ((RespBulkString) c.call("CLIENT", "LIST")).asString().split("\n").length >= clients + 1);
      }
    } finally {
      open.forEach(RespTestClient::close);
    }
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      Await.until("closed clients gone", Duration.ofSeconds(20), () ->
          ((RespBulkString) c.call("CLIENT", "LIST")).asString().split("\n").length == 1);
    }
  }

  @Test
  void subscriberThatDoesNotReadIsDisconnectedAtTheOutputLimit() {
    try (RespTestClient admin = new RespTestClient(vigil.address());
        RespTestClient slow = new RespTestClient(vigil.address())) {
      assertThat(admin.call("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0"))
          .isEqualTo(RespSimpleString.OK);
      slow.call("SUBSCRIBE", "firehose");
      String payload = "x".repeat(1 << 20);
      Await.until("slow subscriber dropped", Duration.ofSeconds(30), () -> {
        admin.call("PUBLISH", "firehose", payload);
        RespValue numsub = admin.call("PUBSUB", "NUMSUB", "firehose");
        return ((io.vigil.resp.RespArray) numsub).get(1).equals(RespInteger.ZERO);
      });
      assertThat(admin.call("CONFIG", "SET", "client-output-buffer-limit",
          "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60")).isEqualTo(RespSimpleString.OK);
    }
    assertServerAlive();
  }

  @Test
  void halfClosedClientStillGetsItsReplies() throws Exception {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(vigil.address(), 5000);
      socket.setSoTimeout(10_000);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 500; i++) {
        sb.append("INCR half\r\n");
      }
      socket.getOutputStream().write(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.shutdownOutput(); // like `printf ... | nc -N`
      byte[] all = socket.getInputStream().readAllBytes();
      String replies = new String(all, java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(replies).startsWith(":1\r\n").endsWith(":500\r\n");
    }
    assertServerAlive();
  }

  @Test
  void inlineCommandsWorkAsForTelnet() {
    try (RespTestClient c = new RespTestClient(vigil.address())) {
      c.raw("SET inline \"a b\\n\"\r\n\r\nGET inline\n");
      assertThat(c.read()).isEqualTo(RespSimpleString.OK);
      assertThat(c.read()).isEqualTo(RespBulkString.of("a b\n"));
    }
  }
}
