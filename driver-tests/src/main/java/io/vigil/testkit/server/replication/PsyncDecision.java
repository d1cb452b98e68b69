package io.vigil.testkit.server.replication;

/**
 * What a master answers to {@code PSYNC <replid> <offset>}: continue from the backlog or do a
 * full resync — decided exactly as Redis 7.0's {@code masterTryPartialResynchronization}.
 *
 * <p>Continue when the requested id is the current {@code replid}, or is {@code replid2} and the
 * offset is at most {@code second_repl_offset}; and the backlog exists and holds the offset (or
 * the offset is the next byte to come). Ids compare case-insensitively, as {@code strcasecmp}.
 * Pure: it reads the ids and backlog and changes neither. Immutable.
 *
 * <pre>{@code
 * PsyncDecision d = PsyncDecision.decide(ids, backlog, argv[1], offset);
 * if (d.isContinue()) {
 *   write(d.continueReply(replicaSupportsPsync2));
 *   backlog.forEachChunkFrom(d.offset(), this::write);
 * } else {
 *   if (d.countsAsPartialError()) stats.syncPartialErr++;
 *   startFullSync(); // +FULLRESYNC <replid> <offset> with d.fullResyncReply(snapshotOffset)
 * }
 * }</pre>
 */
public final class PsyncDecision {

  /** Why the master decided as it did. */
  public enum Reason {
    /** Partial resync accepted. */
    ACCEPTED,
    /** The replica asked for a full resync ({@code PSYNC ? -1}). */
    FULL_RESYNC_REQUESTED,
    /** The id is neither {@code replid} nor {@code replid2}. */
    REPLID_MISMATCH,
    /** The id is {@code replid2} but the offset is past {@code second_repl_offset}. */
    OFFSET_BEYOND_SECOND_REPLID,
    /** The master has no backlog. */
    NO_BACKLOG,
    /** The offset is no longer (or not yet) in the backlog. */
    OFFSET_NOT_IN_BACKLOG
  }

  private final Reason reason;
  private final String replId;
  private final String requestedReplId;
  private final long offset;
  private final String logMessage;

  private PsyncDecision(Reason reason, String replId, String requestedReplId, long offset, String logMessage) {
    this.reason = reason;
    this.replId = replId;
    this.requestedReplId = requestedReplId;
    this.offset = offset;
    this.logMessage = logMessage;
  }

  /**
   * Decides a {@code PSYNC requestedReplId requestedOffset}.
   *
   * @param ids the master's replication ids
   * @param backlog the master's backlog, or null when it has none
   */
  public static PsyncDecision decide(ReplicationIds ids, ReplicationBacklog backlog, String requestedReplId,
      long requestedOffset) {
    String current = ids.replId();
    boolean matchesCurrent = requestedReplId.equalsIgnoreCase(current);
    boolean matchesSecond = requestedReplId.equalsIgnoreCase(ids.replId2());
    if (!matchesCurrent && (!matchesSecond || requestedOffset > ids.secondReplOffset())) {
      if (requestedReplId.startsWith("?")) {
        return full(Reason.FULL_RESYNC_REQUESTED, current, requestedReplId, requestedOffset,
            "Full resync requested by replica");
      }
      if (!matchesSecond) {
        return full(Reason.REPLID_MISMATCH, current, requestedReplId, requestedOffset,
            "Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '"
                + requestedReplId + "', my replication IDs are '" + current + "' and '" + ids.replId2() + "')");
      }
      return full(Reason.OFFSET_BEYOND_SECOND_REPLID, current, requestedReplId, requestedOffset,
          "Partial resynchronization not accepted: Requested offset for second ID was " + requestedOffset
              + ", but I can reply up to " + ids.secondReplOffset());
    }
    if (backlog == null) {
      return full(Reason.NO_BACKLOG, current, requestedReplId, requestedOffset,
          "Unable to partial resync with replica for lack of backlog (Replica request was: " + requestedOffset + ").");
    }
    if (!backlog.canServeFrom(requestedOffset)) {
      String message = "Unable to partial resync with replica for lack of backlog (Replica request was: "
          + requestedOffset + ").";
      if (requestedOffset > backlog.masterReplOffset()) {
        message += " Warning: replica tried to PSYNC with an offset that is greater than the master"
            + " replication offset.";
      }
      return full(Reason.OFFSET_NOT_IN_BACKLOG, current, requestedReplId, requestedOffset, message);
    }
    return new PsyncDecision(Reason.ACCEPTED, current, requestedReplId, requestedOffset,
        "Partial resynchronization request from replica accepted. Sending "
            + backlog.bytesFrom(requestedOffset) + " bytes of backlog starting from offset " + requestedOffset + ".");
  }

  private static PsyncDecision full(Reason reason, String replId, String requested, long offset, String log) {
    return new PsyncDecision(reason, replId, requested, offset, log);
  }

  /** Whether the master continues from its backlog ({@code +CONTINUE}). */
  public boolean isContinue() {
    return reason == Reason.ACCEPTED;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }

  /** The offset the replica asked for; for a continue, where to start streaming the backlog. */
  public long offset() {
    return offset;
  }

  /**
   * Whether a refused request counts in {@code sync_partial_err} (it does unless the replica
   * asked for a full resync with {@code ?}).
   */
  public boolean countsAsPartialError() {
    return !isContinue() && !requestedReplId.startsWith("?");
  }

  /**
   * The continue line: {@code +CONTINUE <replid>} for replicas that announced {@code capa psync2},
   * plain {@code +CONTINUE} for older ones; with CRLF.
   */
  public String continueReply(boolean psync2) {
    if (!isContinue()) {
      throw new IllegalStateException("the decision was a full resync (" + reason + "), not a continue");
    }
    return psync2 ? "+CONTINUE " + replId + "\r\n" : "+CONTINUE\r\n";
  }

  /** The full resync line, {@code +FULLRESYNC <replid> <offset>} with CRLF, for the snapshot's offset. */
  public String fullResyncReply(long snapshotOffset) {
    if (isContinue()) {
      throw new IllegalStateException("the decision was a continue, not a full resync");
    }
    return "+FULLRESYNC " + replId + " " + snapshotOffset + "\r\n";
  }

  /** The line Redis logs for this decision. */
  public String logMessage() {
    return logMessage;
  }

  @Override
  public String toString() {
    return "PsyncDecision[" + reason + ", offset=" + offset + "]";
  }
}
