package io.vigil.testkit.server.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.vigil.resp.RespParser;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import io.vigil.resp.RespWriter;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * One client connection as the server sees it: identity, protocol version, and an output
 * buffer that is flushed once per read batch rather than once per reply.
 *
 * <p>Event loop thread only. A connection can be <em>held</em> (blocked on BLPOP, paused by
 * CLIENT PAUSE): commands that arrive meanwhile are queued and the socket stops being read, so
 * pipelined commands run in order once it is released. {@link #attachment} carries the
 * processor's per-client state.
 */
public final class Connection {

  private final long id;
  private final Channel channel;
  private final RespParser parser;
  private final RespServer server;
  private final long createdMillis;
  private RespVersion version = RespVersion.RESP2;
  private String name = "";
  private long lastInteractionMillis;
  private String lastCommand = "NULL";
  private ConnectionKind kind = ConnectionKind.NORMAL;
  private Object attachment;
  private ByteBuf out;
  private boolean flushScheduled;
  private boolean closeAfterReply;
  private int holds;
  private final ArrayDeque<byte[][]> queued = new ArrayDeque<>();
  private boolean draining;

  Connection(long id, Channel channel, RespParser parser, RespServer server) {
    this.id = id;
    this.channel = channel;
    this.parser = parser;
    this.server = server;
    this.createdMillis = System.currentTimeMillis();
    this.lastInteractionMillis = createdMillis;
  }

  /** The unique, increasing client id (CLIENT ID). */
  public long id() {
    return id;
  }

  /** The client's address. */
  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  /** The local address it connected to. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** {@code ip:port} of the client, as CLIENT LIST writes it. */
  public String addr() {
    InetSocketAddress a = remoteAddress();
    return a == null ? "?:0" : a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** {@code ip:port} of the local end. */
  public String laddr() {
    InetSocketAddress a = localAddress();
    return a == null ? "?:0" : a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /** The request parser, whose limits follow {@code proto-max-bulk-len}. */
  public RespParser parser() {
    return parser;
  }

  /** The protocol version replies are written in. */
  public RespVersion version() {
    return version;
  }

  /** Switches the protocol version (HELLO). */
  public void version(RespVersion version) {
    this.version = version;
  }

  /** The name set by CLIENT SETNAME, or empty. */
  public String name() {
    return name;
  }

  /** Sets the name. */
  public void name(String name) {
    this.name = name;
  }

  /** When it connected, Unix milliseconds. */
  public long createdMillis() {
    return createdMillis;
  }

  /** When it last sent a command, Unix milliseconds. */
  public long lastInteractionMillis() {
    return lastInteractionMillis;
  }

  /** The last command it ran, lower case ({@code client|list}). */
  public String lastCommand() {
    return lastCommand;
  }

  /** Records a command run now. */
  public void touch(String command, long nowMillis) {
    this.lastCommand = command;
    this.lastInteractionMillis = nowMillis;
  }

  /** What the connection is (CLIENT KILL TYPE). */
  public ConnectionKind kind() {
    return kind;
  }

  /** Sets what the connection is. */
  public void kind(ConnectionKind kind) {
    this.kind = kind;
  }

  /** The processor's per-client state. */
  public Object attachment() {
    return attachment;
  }

  /** Sets the processor's per-client state. */
  public void attachment(Object attachment) {
    this.attachment = attachment;
  }

  /** Whether the socket is still open. */
  public boolean isOpen() {
    return channel.isActive();
  }

  /** Bytes of replies waiting to be flushed. */
  public int pendingOutputBytes() {
    return out == null ? 0 : out.readableBytes();
  }

  /** Bytes written to this client that it has not read yet (ours plus the socket's queue). */
  public long outputBytes() {
    io.netty.channel.ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
    return pendingOutputBytes() + (queued == null ? 0 : queued.totalPendingWriteBytes());
  }

  /**
   * Queues a reply. It is flushed at the end of the current read batch, or soon after when
   * written from outside the connection's own batch (pub/sub, unblocking).
   */
  public void write(RespValue value) {
    if (!channel.isActive()) {
      return;
    }
    if (out == null) {
      out = channel.alloc().ioBuffer(256);
    }
    RespWriter.write(out, value, version);
    if (!server.inReadBatch(this)) {
      scheduleFlush();
    }
  }

  /** Queues raw bytes (already RESP), e.g. a MONITOR line. */
  public void writeRaw(byte[] bytes) {
    if (!channel.isActive()) {
      return;
    }
    if (out == null) {
      out = channel.alloc().ioBuffer(256);
    }
    out.writeBytes(bytes);
    if (!server.inReadBatch(this)) {
      scheduleFlush();
    }
  }

  private void scheduleFlush() {
    if (!flushScheduled) {
      flushScheduled = true;
      channel.eventLoop().execute(this::flush);
    }
  }

  /** Writes out what is buffered; closes afterwards when {@link #closeAfterReply()} was asked. */
  public void flush() {
    flushScheduled = false;
    ByteBuf pending = out;
    out = null;
    if (pending != null) {
      server.outputBytes += pending.readableBytes();
      if (!channel.isActive()) {
        pending.release();
      } else if (closeAfterReply) {
        // close only once the reply has left, as Redis's CLIENT_CLOSE_AFTER_REPLY
        channel.writeAndFlush(pending).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        return;
      } else {
        channel.writeAndFlush(pending, channel.voidPromise());
      }
    }
    if (closeAfterReply) {
      channel.close();
    }
  }

  /** Closes once the replies written so far are flushed (QUIT, protocol errors, CLIENT KILL). */
  public void closeAfterReply() {
    closeAfterReply = true;
    scheduleFlush();
  }

  /** Whether the connection will close after its pending replies. */
  public boolean isClosing() {
    return closeAfterReply;
  }

  /** Closes now, dropping unflushed replies. */
  public void close() {
    releaseOutput();
    channel.close();
  }

  void releaseOutput() {
    if (out != null) {
      out.release();
      out = null;
    }
  }

  /** Stops running this client's commands (they queue) until {@link #release()}. */
  public void hold() {
    holds++;
    channel.config().setAutoRead(false);
  }

  /** Undoes one {@link #hold()}; when none remain, runs queued commands, then reads again. */
  public void release() {
    if (holds == 0) {
      return;
    }
    holds--;
    if (holds == 0) {
      channel.eventLoop().execute(this::drain);
    }
  }

  /** Whether commands are being held. */
  public boolean isHeld() {
    return holds > 0;
  }

  /**
   * Holds the connection and puts {@code argv} back at the head of its queue, to run when
   * released (CLIENT PAUSE).
   */
  public void defer(byte[][] argv) {
    queued.addFirst(argv);
    hold();
  }

  /**
   * Runs {@code argv} as a task on the event loop, before any command this client sends after
   * it; the socket keeps being read meanwhile (later commands queue behind it).
   */
  public void runLater(byte[][] argv) {
    queued.addFirst(argv);
    channel.eventLoop().execute(this::drain);
  }

  void enqueue(byte[][] argv) {
    queued.add(argv);
  }

  boolean hasQueued() {
    return !queued.isEmpty();
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    server.beginBatch(this);
    try {
      while (holds == 0 && !queued.isEmpty() && channel.isActive() && !closeAfterReply) {
        server.processor().execute(this, queued.poll());
      }
    } finally {
      server.endBatch(this);
      draining = false;
    }
    flush();
    if (holds == 0 && channel.isActive()) {
      channel.config().setAutoRead(true);
      channel.read();
    }
  }

  @Override
  public String toString() {
    return "client id=" + id + " addr=" + addr();
  }
}
