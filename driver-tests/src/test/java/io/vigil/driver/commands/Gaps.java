package io.vigil.driver.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.driver.RedisServerException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What a family test expects where the Java server lacks a command: its unknown-command error,
 * so the test fails — and its gap list must shrink — the day the server gains the command.
 */
final class Gaps {

  private Gaps() {}

  /** Asserts that {@code call} fails with the server's unknown-command (or unknown-subcommand) error. */
  static void assertUnknownCommand(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RedisServerException.class, e -> {
      assertThat(e.errorCode()).isEqualTo("ERR");
      assertThat(e.serverMessage()).containsAnyOf("unknown command", "unknown subcommand",
          "not supported by this server");
    });
  }
}
