package io.vigil.testkit.server.replication;

import io.vigil.testkit.server.network.Connection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's replication stream and the replicas it feeds: the replication ids, the backlog,
 * {@code master_repl_offset}, and the {@code SYNC}/{@code PSYNC}/{@code REPLCONF} side of a
 * master, as Redis 7.0's {@code replication.c}.
 *
 * <p>On a master, every propagated write arrives through {@link #propagate} and is encoded (with
 * a {@code SELECT} when the database changes), appended to the backlog and written to every
 * online replica. On a replica, commands applied from its master are not re-encoded: the exact
 * bytes of its master's stream come through {@link #proxy}, so sub-replicas see the same stream
 * and offsets (chained replication).
 *
 * <p>Like Redis, there is no backlog (and the offset does not move) until the first replica
 * does a full sync. Full syncs are answered with {@code +FULLRESYNC <replid> <offset>} and a
 * snapshot written at once from the server thread (taken synchronously, so the stream after it
 * starts exactly at the snapshot's offset). Server thread only.
 */
public final class ReplicationSource implements ReplicationFeed {

  /** Writes the current data set as an RDB payload for a full sync. */
  @FunctionalInterface
  public interface SnapshotWriter {
    /** The RDB bytes, with the given replication aux fields. */
    byte[] snapshot(int streamDb, String replId, long offset);
  }

  private final ReplicationIds ids = new ReplicationIds();
  private final java.util.Random markRandom = new java.security.SecureRandom();
  private final Map<Long, ReplicaPeer> peers = new LinkedHashMap<>();
  private ReplicationBacklog backlog;
  private long backlogSize;
  private long offset;
  private int streamDb = -1;
  /** On a replica, the database its master's stream has selected. */
  private int proxiedDb;
  /** Whether this node is a replica: its stream is its master's, passed through {@link #proxy}. */
  private boolean proxying;
  private long syncFull;
  private long syncPartialOk;
  private long syncPartialErr;
  private Runnable ackListener = () -> {};

  /** A source with a backlog of {@code backlogSize} bytes once the first replica attaches. */
  public ReplicationSource(long backlogSize) {
    this.backlogSize = Math.max(ReplicationBacklog.MIN_SIZE, backlogSize);
  }

  /** Called after every {@code REPLCONF ACK} (WAIT re-checks its waiters). */
  public void ackListener(Runnable listener) {
    this.ackListener = listener;
  }

  /** The replication ids. */
  public ReplicationIds ids() {
    return ids;
  }

  /** {@code master_repl_offset}. */
  public long offset() {
    return offset;
  }

  /** The backlog, or null before the first replica. */
  public ReplicationBacklog backlog() {
    return backlog;
  }

  /** The configured backlog size ({@code repl_backlog_size}). */
  public long backlogSize() {
    return backlogSize;
  }

  /** {@code CONFIG SET repl-backlog-size}. */
  public void backlogSize(long size) {
    backlogSize = Math.max(ReplicationBacklog.MIN_SIZE, size);
    if (backlog != null) {
      backlog.resize(backlogSize);
    }
  }

  /** Full syncs served ({@code sync_full}). */
  public long syncFull() {
    return syncFull;
  }

  /** Partial resyncs accepted ({@code sync_partial_ok}). */
  public long syncPartialOk() {
    return syncPartialOk;
  }

  /** Partial resyncs refused ({@code sync_partial_err}). */
  public long syncPartialErr() {
    return syncPartialErr;
  }

  /** Whether propagated commands are wanted (a master with a backlog). */
  public boolean isFeeding() {
    return !proxying && backlog != null;
  }

  /** Replicas that finished PSYNC, in attach order. */
  public List<ReplicaPeer> replicas() {
    List<ReplicaPeer> out = new ArrayList<>();
    for (ReplicaPeer p : peers.values()) {
      if (p.connection.kind() == io.vigil.testkit.server.network.ConnectionKind.REPLICA) {
        out.add(p);
      }
    }
    return out;
  }

  @Override
  public void propagate(int db, List<byte[]> argv) {
    if (proxying || backlog == null) {
      return;
    }
    if (db != streamDb) {
      feed(StreamEncoder.encode("SELECT", Integer.toString(db)));
      streamDb = db;
    }
    feed(StreamEncoder.encode(argv));
  }

  /**
   * On a replica: the exact bytes of one command of its master's stream, once applied, and the
   * database the stream has selected after it (a sub-replica's snapshot starts there).
   */
  public void proxy(byte[] buffer, int offset, int length, int streamDbAfter) {
    proxiedDb = streamDbAfter;
    this.offset += length;
    if (backlog != null) {
      backlog.append(buffer, offset, length);
    }
    byte[] copy = null;
    for (ReplicaPeer p : peers.values()) {
      if (p.state == ReplicaPeer.State.ONLINE && p.heldFrom == 0) {
        if (copy == null) {
          copy = java.util.Arrays.copyOfRange(buffer, offset, offset + length);
        }
        p.connection.writeRaw(copy);
      }
    }
  }

  private void feed(byte[] bytes) {
    offset += bytes.length;
    if (backlog != null) {
      backlog.append(bytes);
    }
    for (ReplicaPeer p : peers.values()) {
      if (p.state == ReplicaPeer.State.ONLINE && p.heldFrom == 0) {
        p.connection.writeRaw(bytes);
      }
    }
  }

  /** Sends {@code PING} down the stream (repl-ping-replica-period), on a master with replicas. */
  public void ping() {
    if (!proxying && backlog != null && !replicas().isEmpty()) {
      feed(StreamEncoder.encode("PING"));
    }
  }

  /** Asks every replica for its offset ({@code REPLCONF GETACK *}), as WAIT does. */
  public void requestAcks() {
    if (!proxying && backlog != null && !replicas().isEmpty()) {
      feed(StreamEncoder.encode("REPLCONF", "GETACK", "*"));
    }
  }

  // --- REPLCONF -------------------------------------------------------------------------------

  private ReplicaPeer peer(Connection c) {
    return peers.computeIfAbsent(c.id(), id -> new ReplicaPeer(c));
  }

  /** {@code REPLCONF listening-port <port>}. */
  public void listeningPort(Connection c, int port) {
    peer(c).listeningPort = port;
  }

  /** {@code REPLCONF ip-address <ip>}. */
  public void announcedIp(Connection c, String ip) {
    peer(c).announcedIp = ip;
  }

  /** {@code REPLCONF capa <capability>}. */
  public void capability(Connection c, String capa) {
    if (capa.equalsIgnoreCase("eof")) {
      peer(c).capaEof = true;
    } else if (capa.equalsIgnoreCase("psync2")) {
      peer(c).capaPsync2 = true;
    }
  }

  /** {@code REPLCONF ACK <offset>} from an attached replica; ignored from anyone else. */
  public void ack(Connection c, long ackOffset, long nowMillis) {
    ReplicaPeer p = peers.get(c.id());
    if (p == null || c.kind() != io.vigil.testkit.server.network.ConnectionKind.REPLICA) {
      return;
    }
    if (ackOffset > p.ackOffset) {
      p.ackOffset = ackOffset;
    }
    p.ackMillis = nowMillis;
    if (p.heldFrom > 0) {
      releaseStream(p);
    }
    ackListener.run();
  }

  /** The first ACK after a diskless snapshot: send what the stream held back, then let it flow. */
  private void releaseStream(ReplicaPeer p) {
    long from = p.heldFrom;
    p.heldFrom = 0;
    if (backlog == null || !backlog.canServeFrom(from)) {
      // the backlog wrapped while the replica loaded: it has to sync again
      p.connection.closeAfterReply();
      return;
    }
    backlog.forEachChunkFrom(from, (buf, off, len) -> {
      byte[] chunk = new byte[len];
      System.arraycopy(buf, off, chunk, 0, len);
      p.connection.writeRaw(chunk);
    });
  }

  /** How many attached replicas acknowledged at least {@code target}. */
  public int replicasAcked(long target) {
    int n = 0;
    for (ReplicaPeer p : replicas()) {
      if (p.state == ReplicaPeer.State.ONLINE && p.ackOffset >= target) {
        n++;
      }
    }
    return n;
  }

  /** Online replicas whose last ACK is at most {@code maxLagSeconds} old (min-replicas-to-write). */
  public int goodReplicas(long nowMillis, long maxLagSeconds) {
    int n = 0;
    for (ReplicaPeer p : replicas()) {
      if (p.state == ReplicaPeer.State.ONLINE && (nowMillis - p.ackMillis) / 1000 <= maxLagSeconds) {
        n++;
      }
    }
    return n;
  }

  /** Forgets a closed connection. */
  public void disconnected(Connection c) {
    peers.remove(c.id());
  }

  // --- SYNC / PSYNC ---------------------------------------------------------------------------

  /**
   * Serves {@code PSYNC replId offset} (or {@code SYNC} when {@code replId} is null): continues
   * from the backlog or writes {@code +FULLRESYNC} and a snapshot, in {@code $EOF:<mark>} framing
   * when {@code diskless} and the replica announced {@code capa eof} (the stream then waits for
   * its first ACK, as Redis), else in {@code $<len>} framing. The connection becomes a replica
   * either way.
   *
   * @return the decision, for logging
   */
  public PsyncDecision sync(Connection c, String replId, long psyncOffset, long nowMillis, boolean diskless,
      SnapshotWriter snapshots) {
    ReplicaPeer p = peer(c);
    c.kind(io.vigil.testkit.server.network.ConnectionKind.REPLICA);
    p.ackMillis = nowMillis;
    PsyncDecision d = PsyncDecision.decide(ids, backlog, replId == null ? "?" : replId,
        replId == null ? -1 : psyncOffset);
    if (replId != null && d.isContinue()) {
      syncPartialOk++;
      c.writeRaw(d.continueReply(p.capaPsync2).getBytes(StandardCharsets.US_ASCII));
      backlog.forEachChunkFrom(d.offset(), (buf, off, len) -> {
        byte[] chunk = new byte[len];
        System.arraycopy(buf, off, chunk, 0, len);
        c.writeRaw(chunk);
      });
      p.state = ReplicaPeer.State.ONLINE;
      return d;
    }
    if (d.countsAsPartialError() && replId != null) {
      syncPartialErr++;
    }
    syncFull++;
    if (backlog == null) {
      // the first replica of a node without history starts a new one, as createReplicationBacklog
      if (replicas().size() <= 1) {
        ids.changeReplId();
        ids.clearReplId2();
      }
      backlog = new ReplicationBacklog(backlogSize, offset);
    }
    int db;
    if (proxying) {
      db = proxiedDb; // the master's stream goes on from there, without a SELECT
    } else {
      // a fresh replica's stream db is unknown: make the next command carry a SELECT
      db = streamDb < 0 ? 0 : streamDb;
      streamDb = -1;
    }
    p.state = ReplicaPeer.State.SEND_BULK;
    if (replId != null) {
      c.writeRaw(("+FULLRESYNC " + ids.replId() + " " + offset + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    byte[] rdb = snapshots.snapshot(db, ids.replId(), offset);
    if (diskless && p.capaEof) {
      String mark = ReplicationIds.randomId(markRandom);
      c.writeRaw(("$EOF:" + mark + "\r\n").getBytes(StandardCharsets.US_ASCII));
      c.writeRaw(rdb);
      c.writeRaw(mark.getBytes(StandardCharsets.US_ASCII));
      p.heldFrom = offset + 1;
    } else {
      c.writeRaw(("$" + rdb.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      c.writeRaw(rdb);
    }
    p.state = ReplicaPeer.State.ONLINE;
    return d;
  }

  // --- role changes ---------------------------------------------------------------------------

  /** This node becomes a replica: from now on its stream is its master's ({@link #proxy}). */
  public void becomeReplica() {
    proxying = true;
  }

  /** After a full sync from a master: adopt its history at {@code masterOffset}. */
  public void adoptFullSync(String masterReplId, long masterOffset) {
    ids.adoptForFullSync(masterReplId);
    offset = masterOffset;
    backlog = new ReplicationBacklog(backlogSize, masterOffset);
    disconnectReplicas();
  }

  /** After {@code +CONTINUE <id>}: when the master's id changed (it was promoted), follow it. */
  public void continueWith(String masterReplId) {
    if (masterReplId != null && !masterReplId.equalsIgnoreCase(ids.replId())) {
      ids.continueWithNewId(masterReplId, offset);
      disconnectReplicas();
    }
    if (backlog == null) {
      backlog = new ReplicationBacklog(backlogSize, offset);
    }
  }

  /**
   * {@code REPLICAOF NO ONE}: the history continues under a new id, the old one becomes
   * {@code replid2} (valid up to offset + 1), and replicas reconnect to learn it.
   */
  public void becomeMaster() {
    proxying = false;
    ids.shift(offset);
    streamDb = -1;
    disconnectReplicas();
  }

  /** Closes every replica's connection (they reconnect and PSYNC). */
  public void disconnectReplicas() {
    for (ReplicaPeer p : new ArrayList<>(peers.values())) {
      if (p.connection.kind() == io.vigil.testkit.server.network.ConnectionKind.REPLICA) {
        p.connection.closeAfterReply();
      }
    }
  }
}
