package io.vigil.driver.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisCommands;
import io.vigil.driver.RedisServerException;
import io.vigil.driver.WrongTypeException;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespValue;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The assertions every family test shares: bad input refused before anything is sent, and
 * {@code WRONGTYPE} replies as {@link WrongTypeException} naming the command and key.
 */
final class CommandAssertions {

  private CommandAssertions() {}

  /**
   * Asserts that {@code call} throws {@link IllegalArgumentException} whose message names {@code
   * command} and contains {@code argument}, and that the server ran {@code command} no more often
   * than before.
   */
  static void assertRefused(RedisCommands<String, String> redis, String command, String argument,
      ThrowingCallable call) {
    long before = calls(redis, command);
    assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(command).hasMessageContaining(argument);
    assertThat(calls(redis, command)).as("calls of %s the server ran", command).isEqualTo(before);
  }

  /** How many times the server has run {@code command}, from {@code INFO commandstats}. */
  static long calls(RedisCommands<String, String> redis, String command) {
    String prefix = "cmdstat_" + command.toLowerCase(Locale.ROOT) + ":calls=";
    for (String line : redis.info("commandstats").split("\r?\n")) {
      if (line.startsWith(prefix)) {
        int end = line.indexOf(',', prefix.length());
        return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
      }
    }
    return 0;
  }

  /**
   * Asserts that {@code call} fails with {@link WrongTypeException} for {@code command} and {@code
   * key}, both named in its message, the server's text kept.
   */
  static void assertWrongType(String command, String key, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(WrongTypeException.class, e -> {
      assertThat(e.command()).isEqualTo(command);
      assertThat(e.key()).isEqualTo(key);
      assertThat(e.serverMessage()).startsWith("WRONGTYPE Operation against a key holding the wrong kind of value");
      assertThat(e.getMessage()).contains(command).contains("'" + key + "'");
    });
  }

  /**
   * Asserts that the target's server knows each of {@code commands} ({@code COMMAND INFO} has an
   * entry), except a Java server for the commands in {@code gaps}: it must answer those with its
   * unknown-command error, so the test fails the day the server gains one and the list shrinks.
   */
  static void assertServed(Target target, Set<String> gaps, String... commands) {
    RedisCommands<String, String> redis = target.client();
    String[] request = new String[commands.length + 2];
    request[0] = "COMMAND";
    request[1] = "INFO";
    System.arraycopy(commands, 0, request, 2, commands.length);
    List<RespValue> infos = ((RespArray) redis.execute(request)).elements();
    assertThat(infos).hasSameSizeAs(commands);
    for (int i = 0; i < commands.length; i++) {
      String command = commands[i];
      boolean known = !infos.get(i).isNull();
      if (!target.lacks(command, gaps)) {
        assertThat(known).as("%s knows %s", target, command).isTrue();
        continue;
      }
      assertThat(known).as("%s lists %s as a gap but knows it: remove it from the gaps", target, command).isFalse();
      assertThatThrownBy(() -> redis.execute(command.toUpperCase(Locale.ROOT)))
          .isInstanceOfSatisfying(RedisServerException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("ERR");
            assertThat(e.serverMessage()).contains("unknown command");
          });
    }
  }
}
