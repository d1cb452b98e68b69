package io.vigil.testkit.chaos.proxy;

/**
 * What a {@link ProxyConnection} needs from its proxy, so the relaying code knows nothing of
 * binding, registries or the public API: the current faults, traffic accounting, and a way
 * to say it is gone.
 */
interface Links {

  /** The faults to apply to {@code direction} now; read before every chunk. */
  LinkConditions conditions(Direction direction);

  /** Counts bytes read from the source of {@code direction}. */
  void received(Direction direction, int bytes);

  /** Counts bytes handed to the sink of {@code direction}. */
  void forwarded(Direction direction, int bytes);

  /** The connection has no open channel left. */
  void closed(ProxyConnection connection);
}
