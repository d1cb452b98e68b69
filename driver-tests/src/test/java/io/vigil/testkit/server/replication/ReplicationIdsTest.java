package io.vigil.testkit.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicationIdsTest {

  @Test
  void idsAreFortyLowercaseHexCharacters() {
    ReplicationIds ids = new ReplicationIds();
    assertThat(ids.replId()).matches("[0-9a-f]{40}");
    assertThat(ReplicationIds.isValidId(ids.replId())).isTrue();
    assertThat(ReplicationIds.isValidId("xyz")).isFalse();
    assertThat(ReplicationIds.randomId(new Random(4))).isEqualTo(ReplicationIds.randomId(new Random(4)));
  }

  @Test
  void shiftMovesTheIdToReplId2ValidUpToTheNextByte() {
    ReplicationIds ids = new ReplicationIds(new Random(8));
    String first = ids.replId();
    ids.shift(41);
    assertThat(ids.replId2()).isEqualTo(first);
    assertThat(ids.secondReplOffset()).isEqualTo(42);
    assertThat(ids.replId()).isNotEqualTo(first);
  }

  @Test
  void aReplicaFollowsItsMastersIds() {
    ReplicationIds ids = new ReplicationIds(new Random(9));
    String master = ReplicationIds.randomId(new Random(10));
    ids.adoptForFullSync(master);
    assertThat(ids.replId()).isEqualTo(master);
    assertThat(ids.replId2()).isEqualTo(ReplicationIds.NO_ID);
    String promoted = ReplicationIds.randomId(new Random(11));
    ids.continueWithNewId(promoted, 500);
    assertThat(ids.replId()).isEqualTo(promoted);
    assertThat(ids.replId2()).isEqualTo(master);
    assertThat(ids.secondReplOffset()).isEqualTo(501);
    ids.clearReplId2();
    assertThat(ids.secondReplOffset()).isEqualTo(-1);
    assertThatThrownBy(() -> ids.adoptForFullSync("nope")).hasMessageContaining("'nope' is not 40 hex");
  }
}
