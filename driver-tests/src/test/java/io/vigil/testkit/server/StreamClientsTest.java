package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.vigil.testkit.Await;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * Jedis, Lettuce and redis-py (Debian's python3-redis), unmodified, run a stream consumer group
 * (XADD, XREADGROUP with and without BLOCK, XACK, XPENDING, XCLAIM, XAUTOCLAIM) against the Java
 * server; each flow records what the client saw, and the record must be the one the same flow
 * gives against a real redis-server.
 */
class StreamClientsTest {

  private static RedisServerProcess redis;
  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().directive("save", "").start();
    vigil = VigilServer.builder().start();
  }

  @AfterAll
  static void stop() {
    if (vigil != null) {
      vigil.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void jedisRunsAConsumerGroupAsAgainstRedis() throws Exception {
    List<String> expected = jedisFlow(redis.address());
    assertThat(expected).contains("claimed [1-0]", "acked 1");
    assertThat(jedisFlow(vigil.address())).isEqualTo(expected);
  }

  @Test
  void lettuceRunsAConsumerGroupAsAgainstRedis() {
    List<String> expected = lettuceFlow(redis.address());
    assertThat(expected).contains("autoclaimed [{n=1}] next 9999999999999-0");
    assertThat(lettuceFlow(vigil.address())).isEqualTo(expected);
  }

  @Test
  void redisPyRunsAConsumerGroupAsAgainstRedis() throws Exception {
    boolean present = Files.isExecutable(Path.of("/usr/bin/python3"));
    assertThat(present || !"true".equals(System.getenv("CI"))).as("Debian's python3 with python3-redis").isTrue();
    org.junit.jupiter.api.Assumptions.assumeTrue(present, "redis-py runs on Debian's /usr/bin/python3");
    List<String> expected = redisPyFlow(redis.address());
    assertThat(expected).contains("acked 2");
    assertThat(redisPyFlow(vigil.address())).isEqualTo(expected);
  }

  private static List<String> jedisFlow(InetSocketAddress address) throws Exception {
    List<String> seen = new ArrayList<>();
    try (Jedis jedis = new Jedis(address.getHostString(), address.getPort());
        Jedis blocker = new Jedis(address.getHostString(), address.getPort())) {
      jedis.del("jobs");
      jedis.xadd("jobs", new StreamEntryID(1, 0), Map.of("task", "a"));
      jedis.xadd("jobs", new StreamEntryID(2, 0), Map.of("task", "b"));
      seen.add(jedis.xgroupCreate("jobs", "workers", new StreamEntryID(0, 0), false));
      var read = jedis.xreadGroup("workers", "w1", XReadGroupParams.xReadGroupParams().count(1),
          Map.of("jobs", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
      seen.add("w1 got " + ids(read.get(0).getValue()) + " " + read.get(0).getValue().get(0).getFields());
      var pending = jedis.xpending("jobs", "workers");
      seen.add("pending " + pending.getTotal() + " " + pending.getMinId() + " " + pending.getConsumerMessageCount());
      List<StreamEntry> claimed = jedis.xclaim("jobs", "workers", "w2", 0, XClaimParams.xClaimParams(),
          new StreamEntryID(1, 0));
      seen.add("claimed " + ids(claimed));
      List<StreamPendingEntry> detail = jedis.xpending("jobs", "workers",
          XPendingParams.xPendingParams().start(StreamEntryID.MINIMUM_ID).end(StreamEntryID.MAXIMUM_ID).count(10));
      for (StreamPendingEntry p : detail) {
        seen.add("pending " + p.getID() + " " + p.getConsumerName() + " " + p.getDeliveredTimes());
      }
      seen.add("acked " + jedis.xack("jobs", "workers", new StreamEntryID(1, 0)));
      CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> {
        var r = blocker.xreadGroup("workers", "w3", XReadGroupParams.xReadGroupParams().block(10_000).count(5),
            Map.of("jobs", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        return "w3 got " + ids(r.get(0).getValue());
      });
      seen.add("w2 got " + ids(jedis.xreadGroup("workers", "w2", XReadGroupParams.xReadGroupParams(),
          Map.of("jobs", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)).get(0).getValue()));
      Await.until("w3 blocked", Duration.ofSeconds(5), () -> jedis.clientList().contains("cmd=xreadgroup"));
      jedis.xadd("jobs", new StreamEntryID(3, 0), Map.of("task", "c"));
      seen.add(blocked.get(10, TimeUnit.SECONDS));
      seen.add("length " + jedis.xlen("jobs"));
    }
    return seen;
  }

  private static List<String> lettuceFlow(InetSocketAddress address) {
    List<String> seen = new ArrayList<>();
    RedisClient client = RedisClient.create(RedisURI.create(address.getHostString(), address.getPort()));
    try (StatefulRedisConnection<String, String> connection = client.connect();
        StatefulRedisConnection<String, String> blocking = client.connect()) {
      RedisCommands<String, String> r = connection.sync();
      r.del("events");
      seen.add(r.xgroupCreate(XReadArgs.StreamOffset.from("events", "$"), "readers", XGroupCreateArgs.Builder.mkstream()));
      var waiting = blocking.async().xreadgroup(Consumer.from("readers", "first"),
          XReadArgs.Builder.block(Duration.ofSeconds(10)).count(10), XReadArgs.StreamOffset.lastConsumed("events"));
      Await.until("a blocked reader", Duration.ofSeconds(5), () -> r.info("clients").contains("blocked_clients:1"));
      seen.add(r.xadd("events", Map.of("n", "1")).isEmpty() ? "no id" : "added");
      List<StreamMessage<String, String>> got = waiting.toCompletableFuture().join();
      seen.add("first got " + got.size() + " " + got.get(0).getBody());
      r.xadd("events", new io.lettuce.core.XAddArgs().id("9999999999999-0"), Map.of("n", "2"));
      r.xadd("events", new io.lettuce.core.XAddArgs().id("9999999999999-1"), Map.of("n", "3"));
      List<StreamMessage<String, String>> second = r.xreadgroup(Consumer.from("readers", "second"),
          XReadArgs.StreamOffset.lastConsumed("events"));
      seen.add("second got " + messageIds(second));
      seen.add("pending " + r.xpending("events", "readers").getCount() + " "
          + r.xpending("events", "readers").getConsumerMessageCount());
      for (PendingMessage p : r.xpending("events", Consumer.from("readers", "second"), Range.create("-", "+"),
          Limit.from(10))) {
        seen.add("pending " + p.getId() + " " + p.getConsumer() + " " + p.getRedeliveryCount());
      }
      ClaimedMessages<String, String> claimed = r.xautoclaim("events",
          new XAutoClaimArgs<String>().consumer(Consumer.from("readers", "third")).minIdleTime(0).startId("0").count(1));
      List<Map<String, String>> bodies = new ArrayList<>();
      claimed.getMessages().forEach(m -> bodies.add(m.getBody()));
      seen.add("autoclaimed " + bodies + " next " + claimed.getId());
      seen.add("acked " + r.xack("events", "readers", second.get(1).getId()));
      seen.add("length " + r.xlen("events"));
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    return seen;
  }

  private static List<String> redisPyFlow(InetSocketAddress address) throws IOException, InterruptedException {
    String script = String.join("\n",
        "import sys, threading, redis",
        "r = redis.Redis(host=sys.argv[1], port=int(sys.argv[2]), decode_responses=True)",
        "r.delete('orders')",
        "r.xadd('orders', {'item': 'x'}, id='1-0')",
        "r.xadd('orders', {'item': 'y'}, id='2-0')",
        "print(r.xgroup_create('orders', 'shipping', id='0'))",
        "print(r.xreadgroup('shipping', 'alice', {'orders': '>'}, count=1))",
        "print(r.xreadgroup('shipping', 'bob', {'orders': '>'}))",
        "p = r.xpending('orders', 'shipping'); print(p['pending'], p['min'], p['max'], p['consumers'])",
        "print([(e['message_id'], e['consumer'], e['times_delivered'])"
            + " for e in r.xpending_range('orders', 'shipping', '-', '+', 10)])",
        "print(r.xclaim('orders', 'shipping', 'carol', 0, ['1-0']))",
        "print(r.xclaim('orders', 'shipping', 'carol', 0, ['2-0'], justid=True))",
        "print(r.xautoclaim('orders', 'shipping', 'dave', 0, '0-0', count=5, justid=True))",
        "print('acked', r.xack('orders', 'shipping', '1-0', '2-0'))",
        "got = []",
        "t = threading.Thread(target=lambda: got.append(redis.Redis(host=sys.argv[1], port=int(sys.argv[2]),"
            + " decode_responses=True).xreadgroup('shipping', 'erin', {'orders': '>'}, block=10000)))",
        "t.start()",
        "import time",
        "deadline = time.time() + 5",
        "while r.info('clients')['blocked_clients'] != 1 and time.time() < deadline: time.sleep(0.01)",
        "r.xadd('orders', {'item': 'z'}, id='3-0')",
        "t.join(10)",
        "print(got)",
        "print(r.xinfo_groups('orders'))",
        "");
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, address.getHostString(),
        Integer.toString(address.getPort())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return List.of(out.split("\n"));
  }

  private static String ids(List<StreamEntry> entries) {
    List<String> out = new ArrayList<>();
    entries.forEach(e -> out.add(e.getID().toString()));
    return out.toString();
  }

  private static String messageIds(List<StreamMessage<String, String>> messages) {
    List<String> out = new ArrayList<>();
    messages.forEach(m -> out.add(m.getId()));
    return out.toString();
  }
}
