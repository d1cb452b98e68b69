package io.vigil.driver;

/**
 * Receives what a Sentinel-mode client learns about its topology, as {@link TopologyEvent}s: the
 * master lost, a master confirmed, and every event the sentinels publish.
 *
 * <p>Called on the driver's I/O threads, in the order the client saw things: keep it short and
 * never block in it (hand work to your own executor). An exception thrown here is logged and
 * otherwise ignored.
 */
@FunctionalInterface
public interface TopologyListener {

  /** Does nothing. */
  TopologyListener NONE = event -> {};

  /** One thing the client learnt. */
  void onEvent(TopologyEvent event);
}
