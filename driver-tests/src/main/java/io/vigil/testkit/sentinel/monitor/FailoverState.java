package io.vigil.testkit.sentinel.monitor;

/** The steps of a failover, as Redis 7.0's {@code SENTINEL_FAILOVER_STATE_*}. */
public enum FailoverState {
  NONE("none"),
  WAIT_START("wait_start"),
  SELECT_SLAVE("select_slave"),
  SEND_SLAVEOF_NOONE("send_slaveof_noone"),
  WAIT_PROMOTION("wait_promotion"),
  RECONF_SLAVES("reconf_slaves"),
  UPDATE_CONFIG("update_config");

  private final String redisName;

  FailoverState(String redisName) {
    this.redisName = redisName;
  }

  /** The name {@code SENTINEL MASTER} reports in {@code failover-state}. */
  public String redisName() {
    return redisName;
  }
}
