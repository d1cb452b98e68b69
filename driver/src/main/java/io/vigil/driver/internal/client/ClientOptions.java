package io.vigil.driver.internal.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.driver.AddressMapper;
import io.vigil.driver.Endpoint;
import io.vigil.driver.ReadPolicy;
import io.vigil.driver.RetryPolicy;
import io.vigil.driver.Topology;
import io.vigil.driver.TopologyListener;
import io.vigil.driver.internal.connection.ConnectionSettings;
import io.vigil.driver.internal.pool.PoolSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a client is built with, validated once by the public builder and handed to the
 * runtime whole.
 *
 * <p>Immutable. {@link #toString()} never shows a password.
 *
 * @param topology where the master comes from
 * @param connection how data-node connections are set up
 * @param sentinelConnection how sentinel connections are set up (their own credentials, RESP2)
 * @param pool pool sizes and reconnect backoff
 * @param ioThreads Netty I/O threads
 * @param refreshCommandTable whether to learn command flags from the server's {@code COMMAND}
 * @param addressMapper announced address to reachable address (Sentinel mode)
 * @param topologyListener told of topology changes; never null
 * @param sentinelPollInterval how often one sentinel is asked for the master while all is well
 * @param recoveryPollInterval how often sentinels and nodes are asked while no master is confirmed
 * @param failoverQueueSize the most commands that wait for a master at once
 * @param clock wall time for messages
 * @param meterRegistry where meters go; null for none
 * @param rootView the read policy, retry policy and durability of the client itself
 * @param replicaSampleInterval how often replication offsets are sampled while reads use replicas
 * @param replicaWait how long a {@code replica()} read waits for an eligible replica
 * @param description the client for messages and {@code toString}, passwords hidden
 */
public record ClientOptions(Topology topology, ConnectionSettings connection, ConnectionSettings sentinelConnection,
    PoolSettings pool, int ioThreads, boolean refreshCommandTable, AddressMapper addressMapper,
    TopologyListener topologyListener, Duration sentinelPollInterval, Duration recoveryPollInterval,
    int failoverQueueSize, Clock clock, MeterRegistry meterRegistry, ViewSettings rootView,
    Duration replicaSampleInterval, Duration replicaWait, String description) {

  /** Requires every non-optional part. */
  public ClientOptions {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(sentinelConnection, "sentinelConnection");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(addressMapper, "addressMapper");
    Objects.requireNonNull(topologyListener, "topologyListener");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(rootView, "rootView");
  }

  /** Defaults for one node, as {@code VigilClient.builder().node(node)} would build them. */
  public static ClientOptions standalone(Endpoint node) {
    ConnectionSettings c = ConnectionSettings.defaults();
    return new ClientOptions(Topology.standalone(node), c, c, PoolSettings.defaults(), 1, true,
        AddressMapper.IDENTITY, TopologyListener.NONE, Duration.ofSeconds(3), Duration.ofMillis(20), 10_000,
        Clock.systemUTC(), null, new ViewSettings(ReadPolicy.master(), RetryPolicy.defaults(), null, 0, null),
        Duration.ofMillis(20), Duration.ofMillis(500), "standalone " + node);
  }

  /** How long one question to a sentinel or node may take while finding the master. */
  public Duration probeTimeout() {
    Duration limit = Duration.ofMillis(500);
    return connection.connectTimeout().compareTo(limit) < 0 ? connection.connectTimeout() : limit;
  }

  @Override
  public String toString() {
    return description;
  }
}
