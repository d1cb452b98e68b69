package io.vigil.driver.internal.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.driver.internal.command.CommandTable;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RetrySafetyTest {

  private final CommandTable table = new CommandTable();

  private boolean safe(String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return RetrySafety.isRetrySafe(table.lookup(args[0]), bytes);
  }

  @Test
  void readsAreRetrySafe() {
    assertThat(safe("GET", "k")).isTrue();
    assertThat(safe("HGETALL", "h")).isTrue();
  }

  @Test
  void plainSetAndDelAreRetrySafe() {
    assertThat(safe("SET", "k", "v")).isTrue();
    assertThat(safe("SET", "k", "v", "EX", "10")).isTrue();
    assertThat(safe("DEL", "k")).isTrue();
  }

  @Test
  void conditionalOrReturningSetIsNot() {
    assertThat(safe("SET", "k", "v", "NX")).isFalse();
    assertThat(safe("SET", "k", "v", "GET")).isFalse();
    assertThat(safe("SET", "k", "xx", "XX")).isFalse();
  }

  @Test
  void deltasAndBlockingCommandsAreNot() {
    assertThat(safe("INCR", "k")).isFalse();
    assertThat(safe("LPUSH", "l", "a")).isFalse();
    assertThat(safe("BLPOP", "l", "0")).isFalse();
    assertThat(safe("ZADD", "z", "INCR", "1", "m")).isFalse();
    assertThat(safe("ZADD", "z", "1", "m")).isTrue();
  }

  @Test
  void valuesThatLookLikeOptionsAreNotOptions() {
    assertThat(safe("SET", "NX", "v")).isTrue(); // the key is called NX
  }
}
