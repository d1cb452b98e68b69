/**
 * Network faults for chaos tests: a {@link io.vigil.testkit.chaos.proxy.ChaosProxy} in front of
 * a node injects drops, blackholes, delays and bandwidth limits, per direction and at runtime;
 * a {@link io.vigil.testkit.chaos.proxy.Network} keeps one proxy per link from a party to a node
 * so that any set of parties can be partitioned from another.
 */
package io.vigil.testkit.chaos.proxy;
