package io.vigil.testkit.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of a {@link Timeline}: a Sentinel event as a sentinel published it, or a fault a
 * test or the {@link Nemesis} applied.
 *
 * @param at time since the timeline started
 * @param source who reported it: a sentinel's name, or {@code nemesis}/{@code faults}
 * @param type the Sentinel channel ({@code +switch-master}) or the fault ({@code kill})
 * @param message the rest, as published ({@code mymaster 127.0.0.1 6379 127.0.0.1 6380})
 */
public record TimelineEvent(Duration at, String source, String type, String message) {

  /** Validates that nothing is null. */
  public TimelineEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }

  /** {@code +12.345s sentinel-1 +switch-master mymaster ...}. */
  @Override
  public String toString() {
    return String.format("+%d.%03ds %-11s %s %s", at.toSeconds(), at.toMillisPart(), source, type, message);
  }
}
