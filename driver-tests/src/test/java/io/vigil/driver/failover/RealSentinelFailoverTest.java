package io.vigil.driver.failover;

/** The failover scenarios with three real {@code redis-sentinel}s managing real {@code redis-server}s. */
class RealSentinelFailoverTest extends FailoverScenarios {

  @Override
  SentinelStack.Sentinels sentinels() {
    return SentinelStack.Sentinels.REAL;
  }
}
