package io.vigil.testkit.sentinel.monitor;

/**
 * The periods a sentinel works by, in milliseconds. {@link #REDIS} are Redis 7.0's constants;
 * {@link #FAST} keeps every safety rule and only polls more eagerly (the INFO of nodes being
 * promoted or reconfigured, the votes of other sentinels), so failovers finish sooner.
 *
 * @param pingPeriod PING at least this often ({@code SENTINEL_PING_PERIOD})
 * @param infoPeriod INFO this often in steady state ({@code SENTINEL_INFO_PERIOD})
 * @param infoPeriodFailover INFO of replicas this often while failing over or with a link down
 * @param publishPeriod hello this often ({@code SENTINEL_PUBLISH_PERIOD})
 * @param askPeriod ask other sentinels about a down master this often ({@code SENTINEL_ASK_PERIOD})
 * @param maxDesync random extra delay that keeps sentinels from starting failovers in lockstep
 * @param electionTimeout give up an election after this long ({@code SENTINEL_ELECTION_TIMEOUT})
 * @param replicaReconfTimeout consider a replica reconfigured after this long ({@code SENTINEL_SLAVE_RECONF_TIMEOUT})
 * @param tickPeriod the timer runs every {@code tickPeriod/2} to {@code tickPeriod} ms, at random
 */
public record SentinelTimings(
    long pingPeriod,
    long infoPeriod,
    long infoPeriodFailover,
    long publishPeriod,
    long askPeriod,
    long maxDesync,
    long electionTimeout,
    long replicaReconfTimeout,
    long tickPeriod) {

  /** Redis 7.0's values. */
  public static final SentinelTimings REDIS = new SentinelTimings(1000, 10_000, 1000, 2000, 1000, 1000, 10_000, 10_000, 100);

  /**
   * Same rules, eager polling: INFO every 100 ms during failovers, votes asked every 100 ms, the
   * timer every 10 to 20 ms.
   */
  public static final SentinelTimings FAST = new SentinelTimings(1000, 10_000, 100, 2000, 100, 1000, 10_000, 10_000, 20);
}
