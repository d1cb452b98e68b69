package io.vigil.testkit.server.replication;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A node's replication ids as Redis 7.0 keeps them: the current {@code replid}, and
 * {@code replid2} with {@code second_repl_offset}, the history this node shared with its former
 * master, valid for PSYNC up to that offset.
 *
 * <p>Ids are 40 lowercase hex characters. {@code replid2} starts as forty '0's with
 * {@code second_repl_offset} -1, as Redis's {@code clearReplicationId2}. Not thread-safe; the
 * server's command thread owns it. Randomness is injected so tests are repeatable.
 *
 * <pre>{@code
 * ReplicationIds ids = new ReplicationIds();
 * // REPLICAOF NO ONE on a replica whose stream reached offset 5000:
 * ids.shift(5000);   // replid2 = old replid, second_repl_offset = 5001, fresh replid
 * PsyncDecision d = PsyncDecision.decide(ids, backlog, requestedReplId, requestedOffset);
 * }</pre>
 */
public final class ReplicationIds {

  /** Length of a replication id. */
  public static final int ID_LENGTH = 40;

  /** The value of {@code replid2} when there is none: forty '0's. */
  public static final String NO_ID = "0".repeat(ID_LENGTH);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Random random;
  private String replId;
  private String replId2 = NO_ID;
  private long secondReplOffset = -1;

  /** Ids from a {@link SecureRandom}, with a fresh random {@code replid}. */
  public ReplicationIds() {
    this(new SecureRandom());
  }

  /** Ids from {@code random}, with a fresh random {@code replid}. */
  public ReplicationIds(Random random) {
    this.random = random;
    this.replId = randomId(random);
  }

  /** A random 40-hex-character id, as Redis's {@code getRandomHexChars}. */
  public static String randomId(Random random) {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < ID_LENGTH; i++) {
      id[i] = HEX[random.nextInt(16)];
    }
    return new String(id);
  }

  /** Whether {@code id} is 40 hex characters. */
  public static boolean isValidId(String id) {
    if (id == null || id.length() != ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < ID_LENGTH; i++) {
      if (Character.digit(id.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The current replication id ({@code master_replid}). */
  public String replId() {
    return replId;
  }

  /** The previous replication id ({@code master_replid2}), or {@link #NO_ID}. */
  public String replId2() {
    return replId2;
  }

  /** The offset up to which {@link #replId2()} is valid ({@code second_repl_offset}), or -1. */
  public long secondReplOffset() {
    return secondReplOffset;
  }

  /** A fresh random {@code replid} ({@code changeReplicationId}), e.g. when a master starts a new history. */
  public void changeReplId() {
    replId = randomId(random);
  }

  /** Forgets {@code replid2} ({@code clearReplicationId2}). */
  public void clearReplId2() {
    replId2 = NO_ID;
    secondReplOffset = -1;
  }

  /**
   * {@code shiftReplicationId}, on {@code REPLICAOF NO ONE}: the current id becomes
   * {@code replid2}, valid up to {@code masterReplOffset + 1} (replicas that had everything up to
   * this node's offset ask for the next byte), and a fresh id starts the new history.
   */
  public void shift(long masterReplOffset) {
    replId2 = replId;
    secondReplOffset = masterReplOffset + 1;
    changeReplId();
  }

  /**
   * A replica's side of {@code +CONTINUE <new id>}: its master's history continues under a new
   * id (the master was promoted), so the old id becomes {@code replid2}, valid up to
   * {@code masterReplOffset + 1}, and {@code newReplId} becomes current.
   */
  public void continueWithNewId(String newReplId, long masterReplOffset) {
    requireValid(newReplId);
    replId2 = replId;
    secondReplOffset = masterReplOffset + 1;
    replId = newReplId;
  }

  /** A replica's side of {@code +FULLRESYNC <id> <offset>}: adopt the master's id, forget replid2. */
  public void adoptForFullSync(String masterReplId) {
    requireValid(masterReplId);
    replId = masterReplId;
    clearReplId2();
  }

  private static void requireValid(String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("replication id '" + id + "' is not 40 hex characters");
    }
  }

  @Override
  public String toString() {
    return "ReplicationIds[replid=" + replId + ", replid2=" + replId2 + ", second_repl_offset="
        + secondReplOffset + "]";
  }
}
