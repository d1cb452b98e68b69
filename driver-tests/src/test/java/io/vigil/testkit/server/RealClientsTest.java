package io.vigil.testkit.server;

import io.vigil.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;

/** Jedis and Lettuce, unmodified, run their common commands against the Java server. */
class RealClientsTest {

  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    vigil = VigilServer.builder().start();
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  @Test
  void jedisRunsCommonCommands() {
    try (Jedis jedis = new Jedis("127.0.0.1", vigil.port())) {
      assertThat(jedis.ping()).isEqualTo("PONG");
      assertThat(jedis.set("j:k", "v", SetParams.setParams().ex(100))).isEqualTo("OK");
      assertThat(jedis.get("j:k")).isEqualTo("v");
      assertThat(jedis.ttl("j:k")).isBetween(99L, 100L);
      assertThat(jedis.incrBy("j:n", 5)).isEqualTo(5);
      assertThat(jedis.hset("j:h", Map.of("a", "1", "b", "2"))).isEqualTo(2);
      assertThat(jedis.hgetAll("j:h")).containsEntry("a", "1").containsEntry("b", "2");
      assertThat(jedis.rpush("j:l", "a", "b", "c")).isEqualTo(3);
      assertThat(jedis.lrange("j:l", 0, -1)).containsExactly("a", "b", "c");
      assertThat(jedis.sadd("j:s", "x", "y")).isEqualTo(2);
      assertThat(jedis.smembers("j:s")).containsExactlyInAnyOrder("x", "y");
      assertThat(jedis.zadd("j:z", Map.of("a", 1.0, "b", 2.5))).isEqualTo(2);
      assertThat(jedis.zrangeWithScores("j:z", 0, -1)).hasSize(2);
      assertThat(jedis.zscore("j:z", "b")).isEqualTo(2.5);
      assertThat(jedis.exists("j:k", "j:n", "nope")).isEqualTo(2);
      assertThat(jedis.del("j:k")).isEqualTo(1);
      assertThat(jedis.dbSize()).isGreaterThanOrEqualTo(5);
      assertThat(jedis.info("server")).contains("redis_version:7.0.15");
      assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "0");
      assertThat(jedis.clientId()).isPositive();
      assertThat(jedis.blpop(1, "j:l")).containsExactly("j:l", "a");
    }
  }

  @Test
  void jedisTransactionsAndWatch() {
    try (Jedis jedis = new Jedis("127.0.0.1", vigil.port());
        Jedis other = new Jedis("127.0.0.1", vigil.port())) {
      Transaction tx = jedis.multi();
      Response<String> set = tx.set("j:tx", "1");
      Response<Long> incr = tx.incr("j:tx");
      List<Object> results = tx.exec();
      assertThat(results).hasSize(2);
      assertThat(set.get()).isEqualTo("OK");
      assertThat(incr.get()).isEqualTo(2);

      jedis.watch("j:tx");
      other.set("j:tx", "changed");
      Transaction aborted = jedis.multi();
      aborted.incr("j:tx");
      assertThat(aborted.exec()).isNull();
    }
  }

  @Test
  void jedisPubSubDeliversMessages() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onMessage(String channel, String message) {
        received.add(channel + "=" + message);
        if (message.equals("stop")) {
          unsubscribe();
        }
      }

      @Override
      public void onPMessage(String pattern, String channel, String message) {
        received.add(pattern + ":" + channel + "=" + message);
        punsubscribe();
      }
    };
    Thread subscriber = new Thread(() -> {
      try (Jedis sub = new Jedis("127.0.0.1", vigil.port())) {
        sub.subscribe(listener, "news");
      }
    });
    subscriber.start();
    try (Jedis pub = new Jedis("127.0.0.1", vigil.port())) {
      Await.until("subscriber registered", Duration.ofSeconds(10),
          () -> pub.pubsubNumSub("news").getOrDefault("news", 0L) == 1L);
      assertThat(pub.publish("news", "hello")).isEqualTo(1);
      assertThat(pub.publish("news", "stop")).isEqualTo(1);
    }
    subscriber.join(10_000);
    assertThat(received).containsExactly("news=hello", "news=stop");
  }

  @Test
  void lettuceRunsCommonCommandsOverResp3() {
    RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", vigil.port()));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      assertThat(redis.ping()).isEqualTo("PONG");
      assertThat(redis.set("l:k", "v")).isEqualTo("OK");
      assertThat(redis.get("l:k")).isEqualTo("v");
      assertThat(redis.hset("l:h", Map.of("a", "1"))).isEqualTo(1);
      assertThat(redis.hgetall("l:h")).containsEntry("a", "1");
      assertThat(redis.sadd("l:s", "a", "b")).isEqualTo(2);
      assertThat(redis.smembers("l:s")).isEqualTo(Set.of("a", "b"));
      assertThat(redis.zadd("l:z", 1.5, "m")).isEqualTo(1);
      assertThat(redis.zrangeWithScores("l:z", 0, -1)).containsExactly(ScoredValue.just(1.5, "m"));
      assertThat(redis.zscore("l:z", "m")).isEqualTo(1.5);
      assertThat(redis.incrbyfloat("l:f", 0.5)).isEqualTo(0.5);
      assertThat(redis.lpush("l:l", "x")).isEqualTo(1);
      assertThat(redis.brpop(1, "l:l").getValue()).isEqualTo("x");
      assertThat(redis.expire("l:k", 100)).isTrue();
      assertThat(redis.ttl("l:k")).isBetween(99L, 100L);
      assertThat(redis.clientGetname()).isNull();
      assertThat(redis.info("replication")).contains("role:master");

      redis.multi();
      redis.set("l:tx", "1");
      redis.incr("l:tx");
      TransactionResult tx = redis.exec();
      assertThat(tx.wasDiscarded()).isFalse();
      assertThat((Long) tx.get(1)).isEqualTo(2L);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void lettucePubSubReceivesPushMessages() {
    RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", vigil.port()));
    try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        StatefulRedisConnection<String, String> pub = client.connect()) {
      List<String> received = new CopyOnWriteArrayList<>();
      sub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          received.add(channel + "=" + message);
        }

        @Override
        public void message(String pattern, String channel, String message) {
          received.add(pattern + ":" + channel + "=" + message);
        }
      });
      sub.sync().subscribe("events");
      sub.sync().psubscribe("ev*");
      // RESP3: the subscriber may still run ordinary commands.
      assertThat(sub.sync().ping()).isEqualTo("PONG");
      assertThat(pub.sync().publish("events", "one")).isEqualTo(2);
      Await.until("both deliveries", Duration.ofSeconds(10), () -> received.size() == 2);
      assertThat(received).containsExactly("events=one", "ev*:events=one");
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
