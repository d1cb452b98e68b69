package io.vigil.driver.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisCommands;
import io.vigil.driver.RedisServerException;
import io.vigil.driver.VigilClient;
import io.vigil.driver.WrongTypeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * How the command-family tests run a scenario through both APIs and state what they expect of
 * errors.
 */
final class Scenarios {

  private Scenarios() {}

  /** A scenario written against the blocking interface. */
  @FunctionalInterface
  interface Scenario {
    void run(RedisCommands<String, String> redis, VigilClient client) throws Exception;
  }

  /**
   * Runs {@code scenario} through the blocking API, then, on an emptied database, through the
   * async API; a failure says which API failed.
   */
  static void blockingAndAsync(Target target, Scenario scenario) throws Exception {
    VigilClient client = target.client();
    run("blocking", client, client, scenario);
    client = target.client();
    run("async", AsyncAsBlocking.of(client.async()), client, scenario);
  }

  private static void run(String api, RedisCommands<String, String> redis, VigilClient client, Scenario scenario)
      throws Exception {
    try {
      scenario.run(redis, client);
    } catch (AssertionError e) {
      AssertionError wrapped = new AssertionError("through the " + api + " API: " + e.getMessage(), e);
      wrapped.setStackTrace(e.getStackTrace());
      throw wrapped;
    }
  }

  /** Asserts that the server does not know the command {@code call} sends. */
  static void assertUnknownCommand(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(RedisServerException.class)
        .satisfies(e -> assertThat(((RedisServerException) e).errorCode()).isEqualTo("ERR"))
        .hasMessageContaining("unknown command");
  }

  /**
   * Asserts a {@code WRONGTYPE} error with Redis's text, naming {@code command}, {@code key} and
   * the node.
   */
  static void assertWrongType(ThrowingCallable call, String command, String key) {
    assertThatThrownBy(call).isInstanceOf(WrongTypeException.class)
        .hasMessageStartingWith("WRONGTYPE Operation against a key holding the wrong kind of value")
        .hasMessageContaining("command " + command + ", key '" + key + "', on 127.0.0.1:")
        .satisfies(e -> assertThat(((WrongTypeException) e).errorCode()).isEqualTo("WRONGTYPE"))
        .satisfies(e -> assertThat(((WrongTypeException) e).key()).isEqualTo(key));
  }
}
