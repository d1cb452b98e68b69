package io.vigil.driver;

import java.time.Duration;

/**
 * Receives what a Sentinel-mode client learns about its topology: the master lost, a master
 * confirmed, and every event the sentinels publish.
 *
 * <p>Called on the driver's I/O threads, in the order the client saw things: keep the methods
 * short and never block in them (hand work to your own executor). An exception thrown here is
 * logged and otherwise ignored. Every method has an empty default.
 */
public interface TopologyListener {

  /**
   * The client stopped sending to {@code master}: its connection was lost, or it answered
   * {@code READONLY}, {@code MASTERDOWN} or {@code LOADING}. Retry-safe commands now wait for a
   * confirmed master.
   */
  default void masterLost(String masterName, Endpoint master, String reason) {}

  /**
   * {@code master} is confirmed (by {@code ROLE} and the sentinels) and receives traffic.
   *
   * @param previous the master before, or null at start-up
   * @param downtime how long no master was confirmed; zero when the switch had no gap
   */
  default void masterConfirmed(String masterName, Endpoint master, Endpoint previous, Duration downtime) {}

  /**
   * An event a sentinel published ({@code +switch-master}, {@code +sdown}…) with its payload as
   * sent, for example {@code "mymaster 127.0.0.1 6379 127.0.0.1 6380"}.
   */
  default void sentinelEvent(Endpoint sentinel, String type, String payload) {}
}
