package io.vigil.testkit.server.replication;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PsyncDecisionTest {

  private final ReplicationIds ids = new ReplicationIds(new Random(1));
  private final ReplicationBacklog backlog = new ReplicationBacklog(100, 0);

  private PsyncDecision psync(String replId, long offset) {
    return PsyncDecision.decide(ids, backlog, replId, offset);
  }

  @Test
  void continuesWithTheCurrentIdFromAnyHeldOffset() {
    backlog.append("0123456789".getBytes(US_ASCII));
    for (long offset = 1; offset <= 11; offset++) {
      PsyncDecision d = psync(ids.replId(), offset);
      assertThat(d.isContinue()).as("offset %s", offset).isTrue();
      assertThat(d.offset()).isEqualTo(offset);
    }
    PsyncDecision d = psync(ids.replId().toUpperCase(), 5);
    assertThat(d.isContinue()).as("ids compare case-insensitively").isTrue();
    assertThat(d.continueReply(true)).isEqualTo("+CONTINUE " + ids.replId() + "\r\n");
    assertThat(d.continueReply(false)).isEqualTo("+CONTINUE\r\n");
    assertThat(d.countsAsPartialError()).isFalse();
  }

  @Test
  void offsetsOutsideTheBacklogNeedAFullResync() {
    backlog.append(new byte[150]); // holds 51..150
    assertThat(psync(ids.replId(), 50).reason()).isEqualTo(PsyncDecision.Reason.OFFSET_NOT_IN_BACKLOG);
    assertThat(psync(ids.replId(), 51).isContinue()).isTrue();
    assertThat(psync(ids.replId(), 151).isContinue()).isTrue();
    PsyncDecision ahead = psync(ids.replId(), 152);
    assertThat(ahead.reason()).isEqualTo(PsyncDecision.Reason.OFFSET_NOT_IN_BACKLOG);
    assertThat(ahead.logMessage()).contains("greater than the master replication offset");
    assertThat(ahead.countsAsPartialError()).isTrue();
    assertThat(ahead.fullResyncReply(150)).isEqualTo("+FULLRESYNC " + ids.replId() + " 150\r\n");
  }

  @Test
  void questionMarkRequestsAFullResyncThatIsNotAnError() {
    PsyncDecision d = psync("?", -1);
    assertThat(d.reason()).isEqualTo(PsyncDecision.Reason.FULL_RESYNC_REQUESTED);
    assertThat(d.countsAsPartialError()).isFalse();
  }

  @Test
  void anUnknownIdIsAMismatch() {
    PsyncDecision d = psync(ReplicationIds.randomId(new Random(2)), 1);
    assertThat(d.reason()).isEqualTo(PsyncDecision.Reason.REPLID_MISMATCH);
    assertThat(d.countsAsPartialError()).isTrue();
    assertThat(d.logMessage()).contains("Replication ID mismatch");
  }

  @Test
  void afterPromotionTheOldIdIsHonouredUpToSecondReplOffset() {
    // a replica at offset 10 is promoted: its old history is valid up to byte 11
    backlog.append("0123456789".getBytes(US_ASCII));
    String oldId = ids.replId();
    ids.shift(backlog.masterReplOffset());
    assertThat(ids.replId2()).isEqualTo(oldId);
    assertThat(ids.secondReplOffset()).isEqualTo(11);
    assertThat(ids.replId()).isNotEqualTo(oldId).hasSize(40);
    backlog.append("abc".getBytes(US_ASCII)); // writes under the new id

    assertThat(psync(oldId, 11).isContinue()).as("offset exactly second_repl_offset").isTrue();
    assertThat(psync(oldId, 5).isContinue()).isTrue();
    PsyncDecision beyond = psync(oldId, 12);
    assertThat(beyond.reason()).isEqualTo(PsyncDecision.Reason.OFFSET_BEYOND_SECOND_REPLID);
    assertThat(beyond.logMessage()).contains("Requested offset for second ID was 12, but I can reply up to 11");
    assertThat(psync(ids.replId(), 12).isContinue()).isTrue();
    PsyncDecision d = psync(oldId, 11);
    assertThat(d.continueReply(true)).as("the reply names the new id").isEqualTo("+CONTINUE " + ids.replId() + "\r\n");
  }

  @Test
  void replId2MatchStillNeedsTheBacklog() {
    backlog.append(new byte[10]);
    String oldId = ids.replId();
    ids.shift(10);
    assertThat(PsyncDecision.decide(ids, null, oldId, 5).reason()).isEqualTo(PsyncDecision.Reason.NO_BACKLOG);
    backlog.append(new byte[200]); // the old bytes are gone
    assertThat(psync(oldId, 5).reason()).isEqualTo(PsyncDecision.Reason.OFFSET_NOT_IN_BACKLOG);
  }

  @Test
  void theInitialEmptyReplId2NeverContinues() {
    assertThat(ids.replId2()).isEqualTo(ReplicationIds.NO_ID);
    assertThat(ids.secondReplOffset()).isEqualTo(-1);
    assertThat(psync(ReplicationIds.NO_ID, 1).reason()).isEqualTo(PsyncDecision.Reason.OFFSET_BEYOND_SECOND_REPLID);
    assertThat(psync(ReplicationIds.NO_ID, -1).reason()).isEqualTo(PsyncDecision.Reason.OFFSET_NOT_IN_BACKLOG);
  }
}
