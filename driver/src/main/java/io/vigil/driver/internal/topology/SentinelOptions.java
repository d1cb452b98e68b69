package io.vigil.driver.internal.topology;

import io.vigil.driver.AddressMapper;
import io.vigil.driver.Endpoint;
import io.vigil.driver.TopologyListener;
import io.vigil.driver.internal.connection.ConnectionSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How a Sentinel-mode client finds and follows its master. Immutable; validated by the public
 * builder.
 *
 * @param masterName the name the sentinels monitor the master under
 * @param sentinels the sentinels to ask first
 * @param sentinelSettings how to connect to sentinels (their own credentials, RESP2, no database)
 * @param mapper announced address to reachable address
 * @param listener told of topology changes; never null
 * @param pollInterval how often one sentinel is asked for the master while all is well
 * @param recoveryInterval how often sentinels and nodes are asked while no master is confirmed
 * @param probeTimeout how long one such question may take, connect included
 * @param queueSize the most commands that wait for a master at once
 * @param clock wall time for messages (when the master was lost)
 */
public record SentinelOptions(String masterName, List<Endpoint> sentinels, ConnectionSettings sentinelSettings,
    AddressMapper mapper, TopologyListener listener, Duration pollInterval, Duration recoveryInterval,
    Duration probeTimeout, int queueSize, Clock clock) {}
