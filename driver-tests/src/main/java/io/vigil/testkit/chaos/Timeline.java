package io.vigil.testkit.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What happened in a {@link Topology}, in order of arrival: every event each sentinel
 * published on its pub/sub ({@code +sdown}, {@code +odown}, {@code +switch-master}...), and
 * the faults applied through {@link Faults} or a {@link Nemesis}. For demos, reports and for
 * awaiting an event.
 *
 * <p>Thread-safe; {@link #await} blocks up to its timeout.
 */
public final class Timeline {

  private final long startNanos = System.nanoTime();
  /** Guarded by {@code this}. */
  private final List<TimelineEvent> events = new ArrayList<>();

  Timeline() {}

  /** Adds an entry stamped now. */
  public void record(String source, String type, String message) {
    TimelineEvent event = new TimelineEvent(Duration.ofNanos(System.nanoTime() - startNanos),
        Objects.requireNonNull(source, "source"), Objects.requireNonNull(type, "type"), Objects.requireNonNull(message, "message"));
    synchronized (this) {
      events.add(event);
      notifyAll();
    }
  }

  /** Every entry so far. */
  public synchronized List<TimelineEvent> events() {
    return List.copyOf(events);
  }

  /** The entries of one type so far ({@code +switch-master}). */
  public synchronized List<TimelineEvent> events(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  /** The number of entries so far; pass it to {@link #await(Predicate, int, Duration)} to wait for a new one. */
  public synchronized int size() {
    return events.size();
  }

  /**
   * Waits for an entry of {@code type} recorded after the first {@code from} entries.
   *
   * @throws IllegalStateException on timeout, with the timeline in the message
   */
  public TimelineEvent await(String type, int from, Duration timeout) {
    return await(e -> e.type().equals(type), from, timeout);
  }

  /**
   * Waits for an entry matching {@code condition} recorded after the first {@code from} entries.
   *
   * @throws IllegalStateException on timeout, with the timeline in the message
   */
  public synchronized TimelineEvent await(Predicate<TimelineEvent> condition, int from, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = Math.max(0, from);
    while (true) {
      for (; checked < events.size(); checked++) {
        if (condition.test(events.get(checked))) {
          return events.get(checked);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("no matching timeline event within " + timeout + "; timeline:\n" + format());
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while awaiting a timeline event", e);
      }
    }
  }

  /** One line per entry, for logs and reports. */
  public synchronized String format() {
    return events.stream().map(TimelineEvent::toString).collect(Collectors.joining("\n"));
  }

  @Override
  public String toString() {
    return format();
  }
}
