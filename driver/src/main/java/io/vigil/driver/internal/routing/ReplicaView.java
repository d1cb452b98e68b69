package io.vigil.driver.internal.routing;

import io.vigil.driver.Endpoint;
import io.vigil.driver.internal.lag.ReplicaLag;

/**
 * What routing knows of one replica at one moment.
 *
 * @param endpoint where it listens
 * @param lag its offset and lag, or null when never sampled
 * @param healthy whether it may be read from at all: its link to this master is up, it is not
 *     loading, and no sentinel reports it down
 * @param why why it is not healthy, for messages; empty when healthy
 * @param rttNanos the latest measured round trip, or -1 when unknown
 */
record ReplicaView(Endpoint endpoint, ReplicaLag lag, boolean healthy, String why, long rttNanos) {}
