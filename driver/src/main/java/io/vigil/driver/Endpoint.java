package io.vigil.driver;

import java.util.Objects;

/**
 * A node's network address: a host name or IP literal and a TCP port.
 *
 * <p>Immutable. Its {@link #toString()} ({@code host:port}) names the node in exception messages
 * and logs.
 */
public record Endpoint(String host, int port) {

  /** Validates the host (non-blank) and the port (1 to 65535). */
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
  }

  /** An endpoint for {@code host:port}. */
  public static Endpoint of(String host, int port) {
    return new Endpoint(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
