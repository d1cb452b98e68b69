package io.vigil.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.NoScriptException;
import io.vigil.driver.VigilClient;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespInteger;
import io.vigil.resp.RespValue;
import io.vigil.testkit.process.RedisServerProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScriptingAndServerCommandsTest {

  static RedisServerProcess redis;
  static VigilClient client;

  @BeforeAll
  static void start() {
    redis = RedisFixture.start();
    client = RedisFixture.client(redis).clientName("vigil-test").build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void flush() {
    client.flushdb();
  }

  @Test
  void evalReturnsPlainJavaValues() {
    Object result = client.eval("redis.call('SET', KEYS[1], ARGV[1]); return {KEYS[1], tonumber(ARGV[2]), redis.call('GET', KEYS[1])}",
        List.of("k"), List.of("v", "42"));

    assertThat(result).isEqualTo(List.of("k", 42L, "v"));
    assertThat(client.eval("return nil", List.of(), List.of())).isNull();
    assertThat(client.eval("return redis.status_reply('FINE')", List.of(), List.of())).isEqualTo("FINE");
  }

  @Test
  void evalshaRunsALoadedScriptAndUnknownShaIsNoScript() {
    String sha = client.scriptLoad("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    assertThat(client.evalsha(sha, List.of("n"), List.of("5"))).isEqualTo(5L);
    assertThatThrownBy(() -> client.evalsha("0000000000000000000000000000000000000000", List.of(), List.of()))
        .isInstanceOf(NoScriptException.class).hasMessageContaining("NOSCRIPT");
  }

  @Test
  void clientNameIsSetOnEveryConnection() {
    assertThat(client.clientGetname()).isEqualTo("vigil-test");
  }

  @Test
  void genericExecuteRunsAnyCommandAndReturnsTheRawReply() {
    client.set("k", "12345");

    RespValue encoding = client.execute("OBJECT", "ENCODING", "k");
    RespValue strlen = client.execute("STRLEN".getBytes(), "k".getBytes());

    assertThat(encoding).isEqualTo(RespBulkString.of("int"));
    assertThat(strlen).isEqualTo(RespInteger.of(5));
  }

  @Test
  void binaryViewStoresArbitraryBytes() {
    byte[] key = {0, 1, 2, (byte) 0xff};
    byte[] value = {(byte) 0xc3, 0x28, 0, '\r', '\n'}; // not valid UTF-8

    client.binary().set(key, value);

    assertThat(client.binary().get(key)).isEqualTo(value);
    client.binary().rpush("bl".getBytes(), value, key);
    assertThat(client.binary().lrange("bl".getBytes(), 0, -1)).containsExactly(value, key);
  }
}
