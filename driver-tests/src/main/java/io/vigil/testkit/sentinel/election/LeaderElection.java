package io.vigil.testkit.sentinel.election;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Leader election for one monitored master, from one sentinel's point of view, exactly as Redis
 * 7.0's {@code sentinelVoteLeader} and {@code sentinelGetLeader}: at most one vote per epoch,
 * first come first served, and a leader needs an absolute majority of the voters it knows of
 * and at least the master's quorum.
 *
 * <p>Knows nothing of sockets or time: the owner feeds it requests and the votes other
 * sentinels reported, and persists what the {@link EpochListener} is told. The sentinel-wide
 * current epoch lives in {@link EpochCounter}, shared by the elections of every master. Not
 * thread-safe: sentinels run their state machines on one thread.
 */
public final class LeaderElection {

  private final String myId;
  private final EpochCounter epochs;
  private final EpochListener listener;
  private Vote myVote;

  /**
   * @param myId this sentinel's run id
   * @param epochs the sentinel-wide epoch counter
   * @param remembered the vote recorded in the config file ({@code leader-epoch}), or {@link Vote#NONE}
   */
  public LeaderElection(String myId, EpochCounter epochs, EpochListener listener, Vote remembered) {
    this.myId = Objects.requireNonNull(myId, "myId");
    this.epochs = Objects.requireNonNull(epochs, "epochs");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.myVote = Objects.requireNonNull(remembered, "remembered");
  }

  /** This sentinel's latest vote for this master. */
  public Vote myVote() {
    return myVote;
  }

  /**
   * Handles a vote request ({@code SENTINEL IS-MASTER-DOWN-BY-ADDR ... <epoch> <runid>}) or this
   * sentinel's own candidacy, as {@code sentinelVoteLeader}: a newer epoch is adopted, and the
   * vote goes to the requester only if this sentinel has not voted in that epoch yet.
   *
   * @return the vote this sentinel now holds for the master (possibly for someone else)
   */
  public Vote requestVote(long requestEpoch, String requesterRunId) {
    Objects.requireNonNull(requesterRunId, "requesterRunId");
    if (Long.compareUnsigned(requestEpoch, epochs.current()) > 0) {
      epochs.advanceTo(requestEpoch);
      listener.newEpoch(requestEpoch);
    }
    if (Long.compareUnsigned(myVote.epoch(), requestEpoch) < 0
        && Long.compareUnsigned(epochs.current(), requestEpoch) <= 0) {
      myVote = new Vote(requesterRunId, epochs.current());
      listener.votedFor(requesterRunId, myVote.epoch());
    }
    return myVote;
  }

  /** Forgets whom this sentinel voted for but keeps the epoch, as Redis's master reset does. */
  public void forgetLeader() {
    myVote = new Vote(null, myVote.epoch());
  }

  /** Whether the latest vote went to another sentinel (Redis then delays its own failover). */
  public boolean votedForAnother() {
    return myVote.leader() != null && !myVote.leader().equalsIgnoreCase(myId);
  }

  /**
   * The leader of {@code epoch}, or null when nobody has won yet, as {@code sentinelGetLeader}:
   * counts the votes other sentinels reported for the current epoch, casts this sentinel's own
   * vote (for the most voted candidate, else itself) and checks majority and quorum.
   *
   * @param othersVotes the latest vote each other known sentinel reported for this master
   * @param quorum the master's quorum
   */
  public String leader(long epoch, Collection<Vote> othersVotes, int quorum) {
    Map<String, Integer> counters = new HashMap<>();
    int voters = othersVotes.size() + 1;
    long current = epochs.current();
    String winner = null;
    int maxVotes = 0;
    for (Vote vote : othersVotes) {
      if (vote.leader() != null && !vote.leader().equals("*") && vote.epoch() == current) {
        counters.merge(vote.leader(), 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Integer> e : counters.entrySet()) {
      if (e.getValue() > maxVotes || (e.getValue() == maxVotes && winner != null && e.getKey().compareTo(winner) < 0)) {
        maxVotes = e.getValue();
        winner = e.getKey();
      }
    }
    Vote mine = requestVote(epoch, winner != null ? winner : myId);
    if (mine.leader() != null && mine.epoch() == epoch) {
      int votes = counters.merge(mine.leader(), 1, Integer::sum);
      if (votes > maxVotes) {
        maxVotes = votes;
        winner = mine.leader();
      }
    }
    int majority = voters / 2 + 1;
    if (winner != null && (maxVotes < majority || maxVotes < quorum)) {
      return null;
    }
    return winner;
  }
}
