package io.vigil.testkit.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks every topology builder makes on its shape ({@link Topology.Builder}, {@link
 * ContainerTopology.Builder}): one place for the limits and the messages that name them.
 */
final class TopologyShape {

  private TopologyShape() {}

  /** A master name Sentinel accepts in its config and commands. */
  static String masterName(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("master name must be letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    return name;
  }

  /** Replicas besides the master: 0 to 16. */
  static int replicas(int count) {
    if (count < 0 || count > 16) {
      throw new IllegalArgumentException("replicas must be between 0 and 16, got " + count);
    }
    return count;
  }

  /** Sentinels: 0 to 9. */
  static int sentinels(int count) {
    if (count < 0 || count > 9) {
      throw new IllegalArgumentException("sentinels must be between 0 and 9, got " + count);
    }
    return count;
  }

  /** A Sentinel period given in whole milliseconds, at least 1. */
  static Duration positiveMillis(String what, Duration value) {
    Objects.requireNonNull(value, what);
    if (value.toMillis() <= 0) {
      throw new IllegalArgumentException(what + " must be at least 1 ms, got " + value);
    }
    return value;
  }
}
