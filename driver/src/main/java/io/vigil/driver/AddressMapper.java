package io.vigil.driver;

/**
 * Maps an address that Sentinel announces (a master, a replica, a discovered sentinel) to the
 * address this client can reach, for NAT, containers and port forwarding.
 *
 * <p>Called on the driver's I/O threads: it must be fast, thread-safe and must not block. The
 * configured sentinel addresses are used as given and are not mapped.
 *
 * <pre>{@code
 * AddressMapper docker = a -> a.host().startsWith("172.") ? Endpoint.of("localhost", a.port()) : a;
 * }</pre>
 */
@FunctionalInterface
public interface AddressMapper {

  /** Leaves every address as announced. */
  AddressMapper IDENTITY = announced -> announced;

  /** The reachable address for {@code announced}; never null. */
  Endpoint map(Endpoint announced);
}
