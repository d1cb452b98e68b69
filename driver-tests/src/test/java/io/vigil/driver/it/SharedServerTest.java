package io.vigil.driver.it;

import io.vigil.driver.VigilClient;
import io.vigil.testkit.process.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One real {@code redis-server} and one client per test class, the database emptied before each
 * test: the setting of the command-family tests. Test classes run one after another, so the
 * static fields belong to the class running.
 */
abstract class SharedServerTest {

  static RedisServerProcess redis;
  static VigilClient client;

  @BeforeAll
  static void startServerAndClient() {
    redis = RedisFixture.start();
    client = RedisFixture.client(redis).build();
  }

  @AfterAll
  static void stopServerAndClient() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (redis != null) {
      redis.close();
      redis = null;
    }
  }

  @BeforeEach
  void emptyTheDatabase() {
    client.flushdb();
  }
}
