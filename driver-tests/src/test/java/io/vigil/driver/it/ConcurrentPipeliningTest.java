package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.VigilClient;
import io.vigil.testkit.process.RedisServerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many threads share the multiplexed connections; every reply must reach its own caller. */
class ConcurrentPipeliningTest {

  static RedisServerProcess redis;

  @BeforeAll
  static void start() {
    redis = RedisFixture.start();
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @ParameterizedTest(name = "{0} connection(s)")
  @ValueSource(ints = {1, 3})
  void hundredThreadsEachReadBackTheirOwnValues(int connections) throws Exception {
    int threads = 100;
    int perThread = 200;
    try (VigilClient client = RedisFixture.client(redis).connectionsPerNode(connections).build()) {
      client.flushdb();
      ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread worker = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < perThread; i++) {
              String key = "t" + id + ":" + (i % 10);
              String value = id + "/" + i;
              client.set(key, value);
              String read = client.get(key);
              long counter = client.incr("counter:" + id);
              if (!value.equals(read) || counter != i + 1) {
                mismatches.add(key + " expected " + value + "/" + (i + 1) + " got " + read + "/" + counter);
              }
            }
          } catch (Exception e) {
            mismatches.add(e.toString());
          }
        });
        worker.start();
        workers.add(worker);
      }
      start.countDown();
      for (Thread worker : workers) {
        worker.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(worker.isAlive()).as("worker finished").isFalse();
      }

      assertThat(mismatches).isEmpty();
      assertThat(client.get("counter:99")).isEqualTo(Integer.toString(perThread));
    }
  }
}
