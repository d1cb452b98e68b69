package io.vigil.testkit.sentinel.election;

/**
 * What the election tells its owner: state that must be persisted and events to publish.
 * Implementations must not call back into the election.
 */
public interface EpochListener {

  /** The sentinel-wide epoch moved forward ({@code +new-epoch}); persist it. */
  void newEpoch(long epoch);

  /** This sentinel voted ({@code +vote-for-leader <runid> <epoch>}); persist it. */
  void votedFor(String leader, long epoch);
}
