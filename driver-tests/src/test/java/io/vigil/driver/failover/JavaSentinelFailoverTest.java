package io.vigil.driver.failover;

/** The failover scenarios with three Java sentinels ({@code VigilSentinel}) managing real {@code redis-server}s. */
class JavaSentinelFailoverTest extends FailoverScenarios {

  @Override
  SentinelStack.Sentinels sentinels() {
    return SentinelStack.Sentinels.JAVA;
  }
}
