package io.vigil.testkit.sentinel.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  private static final String ME = "a".repeat(40);
  private static final String OTHER = "b".repeat(40);
  private static final String THIRD = "c".repeat(40);

  private final List<String> events = new ArrayList<>();
  private final EpochListener listener = new EpochListener() {
    @Override
    public void newEpoch(long epoch) {
      events.add("+new-epoch " + epoch);
    }

    @Override
    public void votedFor(String leader, long epoch) {
      events.add("+vote-for-leader " + leader + " " + epoch);
    }
  };

  @Test
  void oneVotePerEpochFirstComeFirstServed() {
    EpochCounter epochs = new EpochCounter(0);
    LeaderElection election = new LeaderElection(ME, epochs, listener, Vote.NONE);
    assertThat(election.requestVote(1, OTHER)).isEqualTo(new Vote(OTHER, 1));
    assertThat(election.requestVote(1, THIRD)).as("already voted in epoch 1").isEqualTo(new Vote(OTHER, 1));
    assertThat(epochs.current()).isEqualTo(1);
    assertThat(events).containsExactly("+new-epoch 1", "+vote-for-leader " + OTHER + " 1");
    assertThat(election.votedForAnother()).isTrue();
  }

  @Test
  void staleEpochRequestGetsTheCurrentVoteBack() {
    EpochCounter epochs = new EpochCounter(5);
    LeaderElection election = new LeaderElection(ME, epochs, listener, new Vote(OTHER, 5));
    assertThat(election.requestVote(3, THIRD)).isEqualTo(new Vote(OTHER, 5));
    assertThat(events).isEmpty();
  }

  @Test
  void rememberedVoteSurvivesRestart() {
    EpochCounter epochs = new EpochCounter(4);
    LeaderElection election = new LeaderElection(ME, epochs, listener, new Vote(OTHER, 4));
    assertThat(election.requestVote(4, THIRD).leader()).isEqualTo(OTHER);
  }

  @Test
  void leaderNeedsMajorityOfVoters() {
    EpochCounter epochs = new EpochCounter(0);
    LeaderElection election = new LeaderElection(ME, epochs, listener, Vote.NONE);
    long epoch = epochs.increment();
    // Three sentinels: me plus two others who have not answered yet.
    assertThat(election.leader(epoch, List.of(Vote.NONE, Vote.NONE), 2)).isNull();
    // One other votes for me: 2 of 3.
    assertThat(election.leader(epoch, List.of(new Vote(ME, epoch), Vote.NONE), 2)).isEqualTo(ME);
  }

  @Test
  void leaderNeedsAtLeastQuorumVotes() {
    EpochCounter epochs = new EpochCounter(0);
    LeaderElection election = new LeaderElection(ME, epochs, listener, Vote.NONE);
    long epoch = epochs.increment();
    // Majority of 3 is 2, but quorum is 3.
    assertThat(election.leader(epoch, List.of(new Vote(ME, epoch), Vote.NONE), 3)).isNull();
  }

  @Test
  void sentinelJoinsTheMostVotedCandidate() {
    EpochCounter epochs = new EpochCounter(2);
    LeaderElection election = new LeaderElection(ME, epochs, listener, Vote.NONE);
    // Others already voted for OTHER in epoch 3; we have not voted yet in 3.
    epochs.advanceTo(3);
    String leader = election.leader(3, List.of(new Vote(OTHER, 3), new Vote(OTHER, 3), Vote.NONE, Vote.NONE), 2);
    assertThat(leader).isEqualTo(OTHER);
    assertThat(election.myVote()).isEqualTo(new Vote(OTHER, 3));
  }

  @Test
  void votesFromOtherEpochsDoNotCount() {
    EpochCounter epochs = new EpochCounter(0);
    LeaderElection election = new LeaderElection(ME, epochs, listener, Vote.NONE);
    long epoch = epochs.increment();
    assertThat(election.leader(epoch, List.of(new Vote(ME, epoch - 1), new Vote(ME, epoch - 1)), 2)).isNull();
  }

  @Test
  void splitVoteElectsNobody() {
    EpochCounter epochs = new EpochCounter(0);
    LeaderElection election = new LeaderElection(ME, epochs, listener, Vote.NONE);
    long epoch = epochs.increment();
    // Four voters: me (votes for the most voted), one for OTHER, one for THIRD, one silent.
    String leader = election.leader(epoch, List.of(new Vote(OTHER, epoch), new Vote(THIRD, epoch), Vote.NONE), 2);
    assertThat(leader).isNull();
  }
}
