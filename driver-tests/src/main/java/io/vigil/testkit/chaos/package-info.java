/**
 * Chaos testing of Redis behind Sentinel: a {@link io.vigil.testkit.chaos.Topology} of real or
 * Java nodes on loopback with a {@link io.vigil.testkit.chaos.Node} handle for each, the
 * {@link io.vigil.testkit.chaos.Faults} they can suffer (kill, freeze, partition, lag, restart),
 * a {@link io.vigil.testkit.chaos.Timeline} of Sentinel events and faults, a seeded
 * {@link io.vigil.testkit.chaos.Nemesis}, and {@link io.vigil.testkit.chaos.ContainerTopology}
 * for official Redis images in Docker. Network faults come from {@code chaos.proxy}; checking
 * what clients saw from {@code chaos.history}.
 */
package io.vigil.testkit.chaos;
