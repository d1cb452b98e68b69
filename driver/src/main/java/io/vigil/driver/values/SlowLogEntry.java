package io.vigil.driver.values;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A command the slow log recorded ({@code SLOWLOG GET}).
 *
 * @param id the entry's unique, increasing id
 * @param startedAt when the command started (second precision)
 * @param duration how long it ran (microsecond precision)
 * @param arguments the command and its arguments, as the server recorded them (long ones cut, at
 *     most 32 kept)
 * @param clientAddress the client's address ({@code ip:port})
 * @param clientName the client's name; empty when it has none
 */
public record SlowLogEntry(long id, Instant startedAt, Duration duration, List<String> arguments,
    String clientAddress, String clientName) {

  /** Copies the arguments. */
  public SlowLogEntry {
    arguments = List.copyOf(arguments);
  }
}
