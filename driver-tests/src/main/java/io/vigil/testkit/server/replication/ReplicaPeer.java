package io.vigil.testkit.server.replication;

import io.vigil.testkit.server.network.Connection;

/**
 * A replica attached to this node, as its master sees it: the connection, what it announced
 * with {@code REPLCONF}, and its last acknowledged offset. Server thread only.
 */
public final class ReplicaPeer {

  /** A replica's place in the sync, as INFO's {@code state=} shows it. */
  public enum State {
    /** Handshake done, snapshot not sent yet. */
    WAIT_BGSAVE("wait_bgsave"),
    /** The snapshot is being sent. */
    SEND_BULK("send_bulk"),
    /** Receiving the live stream. */
    ONLINE("online");

    private final String text;

    State(String text) {
      this.text = text;
    }

    /** The name INFO prints. */
    public String text() {
      return text;
    }
  }

  final Connection connection;
  int listeningPort;
  String announcedIp;
  boolean capaEof;
  boolean capaPsync2;
  State state = State.WAIT_BGSAVE;
  long ackOffset;
  long ackMillis;
  /**
   * After a diskless ({@code $EOF:}) snapshot: the stream from this offset is held back until
   * the replica's first ACK, as Redis does, so the end mark stays the last thing it reads; 0
   * when the stream flows.
   */
  long heldFrom;

  ReplicaPeer(Connection connection) {
    this.connection = connection;
  }

  /** The replica's connection. */
  public Connection connection() {
    return connection;
  }

  /** The address INFO and ROLE show: the announced ip, else the peer's address. */
  public String ip() {
    if (announcedIp != null) {
      return announcedIp;
    }
    java.net.InetSocketAddress remote = connection.remoteAddress();
    return remote == null ? "?" : remote.getAddress().getHostAddress();
  }

  /** The port it listens on ({@code REPLCONF listening-port}). */
  public int listeningPort() {
    return listeningPort;
  }

  /** Where it is in the sync. */
  public State state() {
    return state;
  }

  /** The offset it last acknowledged ({@code REPLCONF ACK}). */
  public long ackOffset() {
    return ackOffset;
  }

  /** When it last acknowledged, Unix milliseconds. */
  public long ackMillis() {
    return ackMillis;
  }
}
