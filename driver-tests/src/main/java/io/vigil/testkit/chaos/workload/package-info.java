/**
 * A ready-made chaos run for Vigil against a {@link io.vigil.testkit.chaos.Topology}: a mixed
 * multi-threaded workload ({@link io.vigil.testkit.chaos.workload.ChaosWorkload}) of durable
 * appends, read-your-writes session reads and lag-bounded replica reads, every operation recorded
 * in a {@link io.vigil.testkit.chaos.history.History}; a {@link io.vigil.testkit.chaos.Nemesis}
 * injecting seeded faults meanwhile; and the verdict of a
 * {@link io.vigil.testkit.chaos.history.HistoryChecker} over the final data
 * ({@link io.vigil.testkit.chaos.workload.ChaosRun}, {@link io.vigil.testkit.chaos.workload.ChaosResult}).
 */
package io.vigil.testkit.chaos.workload;
