package io.vigil.testkit.sentinel.monitor;

import java.util.Objects;

/** A host and port as a sentinel names instances. */
public record Address(String host, int port) {

  public Address {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
