package io.vigil.testkit.sentinel.event;

import java.util.Objects;

/**
 * How an event names an instance: {@code <role> <name> <ip> <port>}, followed for replicas and
 * sentinels by {@code @ <master-name> <master-ip> <master-port>}, as Redis's {@code %@} format.
 *
 * @param role {@code master}, {@code slave} or {@code sentinel}
 * @param name the master name, {@code ip:port} for a replica, the run id for a sentinel
 * @param master the master a replica or sentinel belongs to; null for a master
 */
public record InstanceRef(String role, String name, String host, int port, InstanceRef master) {

  public InstanceRef {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    if (!role.equals("master") && master == null) {
      throw new IllegalArgumentException("a " + role + " reference needs its master");
    }
  }

  /** A monitored master. */
  public static InstanceRef master(String name, String host, int port) {
    return new InstanceRef("master", name, host, port, null);
  }

  /** A replica of {@code master}; its name is {@code host:port}. */
  public static InstanceRef replica(String host, int port, InstanceRef master) {
    return new InstanceRef("slave", host + ":" + port, host, port, master);
  }

  /** Another sentinel monitoring {@code master}. */
  public static InstanceRef sentinel(String runId, String host, int port, InstanceRef master) {
    return new InstanceRef("sentinel", runId, host, port, master);
  }

  /** The {@code %@} text. */
  public String describe() {
    String self = role + " " + name + " " + host + " " + port;
    return master == null ? self : self + " @ " + master.name + " " + master.host + " " + master.port;
  }
}
