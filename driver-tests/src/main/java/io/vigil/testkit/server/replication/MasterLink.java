package io.vigil.testkit.server.replication;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.command.Dispatcher;
import io.vigil.testkit.server.command.ServerContext;
import io.vigil.testkit.server.persistence.RdbLoader;
import io.vigil.testkit.server.rdb.RdbReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A replica's link to its master, as Redis 7.0's {@code syncWithMaster}/{@code readSyncBulkPayload}:
 * connect, handshake ({@code PING}; then {@code AUTH}, {@code REPLCONF listening-port},
 * {@code REPLCONF capa eof capa psync2} pipelined), {@code PSYNC <replid> <offset+1>} (or
 * {@code PSYNC ? -1} with no history), a full sync in {@code $<len>} or {@code $EOF:<mark>}
 * framing (keep-alive newlines skipped) loaded into a fresh data set swapped in only after a
 * clean end, then the command stream applied in order on the server thread, the offset advanced
 * by each command's bytes. {@code REPLCONF ACK} every second and on {@code GETACK}; on link loss,
 * reconnect with backoff.
 *
 * <p>Runs on the server's event loop thread (the channel is registered there), so applying the
 * stream needs no locks. Times (last I/O, down since, {@code repl-timeout}) follow the server's
 * clock, as INFO reads them. {@link #close()} ends it for good.
 */
public final class MasterLink {

  /** The link's state, as ROLE reports it. */
  public enum State {
    /** Waiting to (re)connect. */
    CONNECT("connect"),
    /** TCP connect in progress. */
    CONNECTING("connecting"),
    /** PING/AUTH/REPLCONF/PSYNC exchange. */
    HANDSHAKE("handshake"),
    /** Receiving the snapshot. */
    TRANSFER("sync"),
    /** Applying the live stream. */
    CONNECTED("connected");

    private final String text;

    State(String text) {
      this.text = text;
    }

    /** ROLE's name for it. */
    public String text() {
      return text;
    }
  }

  /** Where the reader is in the master's replies. */
  private enum Step { PING_REPLY, HANDSHAKE_REPLIES, PSYNC_REPLY, BULK_HEADER, BULK_BODY, STREAM }

  private static final int EOF_MARK_LENGTH = 40;

  private final Dispatcher dispatcher;
  private final ServerContext server;
  private final ReplicationSource source;
  private final String host;
  private final int port;
  private State state = State.CONNECT;
  private Step step;
  private Channel channel;
  private boolean closed;
  private int attempts;
  /** Whether a PSYNC can name a history (this node was a master, or synced before). */
  private boolean hasHistory;
  private Dispatcher.Applier applier;
  private RespParser parser;
  private ByteBuf pending;
  // full sync in progress
  private String fullSyncReplId;
  private long fullSyncOffset;
  private byte[] payload;
  private int payloadLength;
  private long payloadExpected;
  private byte[] eofMark;
  private long lastIoMillis;
  /** What each pipelined handshake reply answers, in order. */
  private final java.util.ArrayDeque<String> awaitedReplies = new java.util.ArrayDeque<>();
  private long downSinceMillis;
  private io.netty.util.concurrent.ScheduledFuture<?> cron;

  /**
   * A link from this server to {@code host:port}; {@code hasHistory} when this node was a master
   * (it then PSYNCs with its own id and offset, so a demoted master can continue).
   */
  public MasterLink(Dispatcher dispatcher, ReplicationSource source, String host, int port, boolean hasHistory) {
    this.dispatcher = dispatcher;
    this.server = dispatcher.server();
    this.source = source;
    this.host = host;
    this.port = port;
    this.hasHistory = hasHistory;
  }

  /** The master's host. */
  public String host() {
    return host;
  }

  /** The master's port. */
  public int port() {
    return port;
  }

  /** The link state. */
  public State state() {
    return state;
  }

  /** Whether the stream is flowing ({@code master_link_status:up}). */
  public boolean isUp() {
    return state == State.CONNECTED;
  }

  /** Seconds since the last byte from the master, or -1 with no link. */
  public long lastIoSecondsAgo(long nowMillis) {
    return channel == null || state == State.CONNECT ? -1 : (nowMillis - lastIoMillis) / 1000;
  }

  /** When the link went down (Unix ms), 0 when it was never up. */
  public long downSinceMillis() {
    return downSinceMillis;
  }

  /** Whether a snapshot is being received. */
  public boolean syncInProgress() {
    return state == State.TRANSFER;
  }

  /** The snapshot's size in bytes, -1 while unknown or with {@code $EOF:} framing. */
  public long syncTotalBytes() {
    return state == State.TRANSFER && payload != null ? payloadExpected : -1;
  }

  /** Snapshot bytes received so far. */
  public long syncReadBytes() {
    return state == State.TRANSFER && payload != null ? payloadLength : 0;
  }

  /** Starts connecting; server thread. */
  public void start() {
    cron = server.eventLoop().scheduleAtFixedRate(this::cron, 1, 1, TimeUnit.SECONDS);
    connect();
  }

  /** Ends the link for good (REPLICAOF NO ONE or another master); server thread. */
  public void close() {
    closed = true;
    if (cron != null) {
      cron.cancel(false);
    }
    if (channel != null) {
      channel.close();
    }
    releasePending();
  }

  private void connect() {
    if (closed) {
      return;
    }
    state = State.CONNECTING;
    Bootstrap b = new Bootstrap()
        .group(server.eventLoop())
        .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
        .handler(new LinkHandler());
    b.connect(host, port).addListener((ChannelFutureListener) f -> {
      if (closed) {
        f.channel().close();
        return;
      }
      if (!f.isSuccess()) {
        server.log().warning("Error condition on socket for SYNC: " + f.cause().getMessage() + " (master "
            + host + ":" + port + ", retry " + (attempts + 1) + ")");
        retryLater();
        return;
      }
      server.log().notice("MASTER <-> REPLICA sync started with " + host + ":" + port);
      channel = f.channel();
      lastIoMillis = server.now();
      state = State.HANDSHAKE;
      step = Step.PING_REPLY;
      pending = Unpooled.buffer();
      send(StreamEncoder.encode("PING"));
    });
  }

  private void retryLater() {
    if (closed) {
      return;
    }
    state = State.CONNECT;
    long delay = Math.min(1000, 50L << Math.min(attempts++, 5));
    server.eventLoop().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void linkLost() {
    releasePending();
    channel = null;
    if (state == State.CONNECTED) {
      downSinceMillis = server.now();
      server.log().notice("Connection with master lost (" + host + ":" + port + ", offset " + source.offset()
          + ").");
    }
    payload = null;
    if (!closed) {
      retryLater();
    }
  }

  private void releasePending() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  private void send(byte[] bytes) {
    if (channel != null) {
      channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
    }
  }

  private void sendAck() {
    send(StreamEncoder.encode("REPLCONF", "ACK", Long.toString(source.offset())));
  }

  private void cron() {
    long now = server.now();
    if (state == State.CONNECTED) {
      sendAck();
    }
    long timeout = server.config().getLong("repl-timeout") * 1000;
    if (channel != null && state != State.CONNECT && now - lastIoMillis > timeout) {
      server.log().warning("MASTER timeout: no data nor PING received from " + host + ":" + port + " for "
          + timeout / 1000 + " s (repl-timeout)");
      channel.close();
    }
  }

  /** Reads the master's bytes; pipeline position: the only handler. */
  private final class LinkHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        if (closed || pending == null || ctx.channel() != channel) {
          return;
        }
        lastIoMillis = server.now();
        pending.writeBytes(in);
        process();
      } catch (LinkException e) {
        server.log().warning(e.getMessage());
        ctx.close();
      } finally {
        in.release();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() == channel) {
        linkLost();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static final class LinkException extends RuntimeException {
    LinkException(String message) {
      super(message, null, false, false);
    }
  }

  /** A line up to LF (CR stripped), or null when incomplete. */
  private String readLine() {
    int lf = pending.indexOf(pending.readerIndex(), pending.writerIndex(), (byte) '\n');
    if (lf < 0) {
      return null;
    }
    int len = lf - pending.readerIndex();
    String line = pending.toString(pending.readerIndex(), len, StandardCharsets.UTF_8);
    pending.readerIndex(lf + 1);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private void process() {
    while (pending != null && pending.isReadable()) {
      if (step == Step.STREAM) {
        readStream();
        break;
      }
      if (step == Step.BULK_BODY) {
        if (!readBody()) {
          break;
        }
        continue;
      }
      String line = readLine();
      if (line == null) {
        break;
      }
      handshakeLine(line);
    }
    if (pending != null) {
      pending.discardSomeReadBytes();
    }
  }

  private void handshakeLine(String line) {
    switch (step) {
      case PING_REPLY:
        if (line.startsWith("-") && !line.startsWith("-NOAUTH") && !line.startsWith("-NOPERM")
            && !line.startsWith("-ERR operation not permitted")) {
          throw new LinkException("Error reply to PING from master " + host + ":" + port + ": '" + line + "'");
        }
        sendHandshake();
        return;
      case HANDSHAKE_REPLIES: {
        String what = awaitedReplies.poll();
        if (line.startsWith("-")) {
          if (what.equals("AUTH")) {
            throw new LinkException("Unable to AUTH to MASTER " + host + ":" + port + ": " + line
                + " (check masterauth/masteruser)");
          }
          // as Redis: an old master refusing a REPLCONF option is only worth a note
          server.log().notice("(Non critical) Master " + host + ":" + port + " does not understand " + what
              + ": " + line);
        }
        if (awaitedReplies.isEmpty()) {
          step = Step.PSYNC_REPLY;
          sendPsync();
        }
        return;
      }
      case PSYNC_REPLY:
        psyncReply(line);
        return;
      case BULK_HEADER:
        bulkHeader(line);
        return;
      default:
        throw new IllegalStateException("unexpected step " + step);
    }
  }

  private void sendHandshake() {
    String user = server.config().get("masteruser");
    String pass = server.config().get("masterauth");
    ByteBuf out = Unpooled.buffer();
    awaitedReplies.clear();
    boolean auth = pass != null && !pass.isEmpty();
    if (auth) {
      awaitedReplies.add("AUTH");
      out.writeBytes(user != null && !user.isEmpty()
          ? StreamEncoder.encode("AUTH", user, pass) : StreamEncoder.encode("AUTH", pass));
    }
    String announced = server.config().get("replica-announce-port");
    int listening = announced != null && !announced.equals("0") ? Integer.parseInt(announced) : server.network().port();
    out.writeBytes(StreamEncoder.encode("REPLCONF", "listening-port", Integer.toString(listening)));
    awaitedReplies.add("REPLCONF listening-port");
    String ip = server.config().get("replica-announce-ip");
    boolean sendIp = ip != null && !ip.isEmpty();
    if (sendIp) {
      out.writeBytes(StreamEncoder.encode("REPLCONF", "ip-address", ip));
      awaitedReplies.add("REPLCONF ip-address");
    }
    out.writeBytes(StreamEncoder.encode("REPLCONF", "capa", "eof", "capa", "psync2"));
    awaitedReplies.add("REPLCONF capa");
    channel.writeAndFlush(out, channel.voidPromise());
    step = Step.HANDSHAKE_REPLIES;
  }

  private void sendPsync() {
    if (hasHistory) {
      send(StreamEncoder.encode("PSYNC", source.ids().replId(), Long.toString(source.offset() + 1)));
    } else {
      send(StreamEncoder.encode("PSYNC", "?", "-1"));
    }
  }

  private void psyncReply(String line) {
    if (line.isEmpty()) {
      return; // keep-alive newline before the reply
    }
    if (line.startsWith("+FULLRESYNC")) {
      String[] f = line.split(" ");
      if (f.length < 3 || !ReplicationIds.isValidId(f[1])) {
        throw new LinkException("Master " + host + ":" + port + " replied with wrong +FULLRESYNC syntax: '"
            + line + "'");
      }
      fullSyncReplId = f[1];
      fullSyncOffset = Long.parseLong(f[2]);
      server.log().notice("Full resync from master: " + fullSyncReplId + ":" + fullSyncOffset);
      state = State.TRANSFER;
      step = Step.BULK_HEADER;
      return;
    }
    if (line.startsWith("+CONTINUE")) {
      String id = line.length() > "+CONTINUE ".length() ? line.substring("+CONTINUE ".length()).trim() : null;
      server.log().notice("Successful partial resynchronization with master " + host + ":" + port
          + " at offset " + source.offset());
      source.continueWith(id != null && ReplicationIds.isValidId(id) ? id : null);
      startStream(applier != null ? applier : dispatcher.applier());
      return;
    }
    throw new LinkException("Unexpected reply to PSYNC from master " + host + ":" + port + ": '" + line + "'");
  }

  private void bulkHeader(String line) {
    if (line.isEmpty()) {
      return; // keep-alive newline while the master prepares the payload
    }
    if (line.startsWith("-")) {
      throw new LinkException("MASTER " + host + ":" + port + " aborted replication with an error: " + line);
    }
    if (!line.startsWith("$")) {
      throw new LinkException("Bad protocol from MASTER " + host + ":" + port
          + ", the first byte is not '$' (we received '" + line + "'), are you sure the host and port are right?");
    }
    if (line.startsWith("$EOF:")) {
      if (line.length() != 5 + EOF_MARK_LENGTH) {
        throw new LinkException("Bad $EOF: mark from master " + host + ":" + port + ": '" + line + "'");
      }
      eofMark = line.substring(5).getBytes(StandardCharsets.US_ASCII);
      payloadExpected = -1;
      payload = new byte[1 << 16];
    } else {
      eofMark = null;
      payloadExpected = Long.parseLong(line.substring(1));
      if (payloadExpected > Integer.MAX_VALUE - 8) {
        throw new LinkException("Snapshot of " + payloadExpected + " bytes from master " + host + ":" + port
            + " is larger than this server can hold");
      }
      payload = new byte[(int) Math.max(16, payloadExpected)];
    }
    payloadLength = 0;
    step = Step.BULK_BODY;
  }

  /** Reads payload bytes; true when the payload is complete and loaded. */
  private boolean readBody() {
    int n = pending.readableBytes();
    if (eofMark == null) {
      n = (int) Math.min(n, payloadExpected - payloadLength);
    }
    if (payloadLength + n > payload.length) {
      payload = Arrays.copyOf(payload, Math.max(payloadLength + n, payload.length * 2));
    }
    pending.readBytes(payload, payloadLength, n);
    payloadLength += n;
    int rdbLength;
    if (eofMark == null) {
      if (payloadLength < payloadExpected) {
        return false;
      }
      rdbLength = payloadLength;
    } else {
      if (payloadLength < EOF_MARK_LENGTH || !Arrays.equals(payload, payloadLength - EOF_MARK_LENGTH,
          payloadLength, eofMark, 0, EOF_MARK_LENGTH)) {
        return false;
      }
      rdbLength = payloadLength - EOF_MARK_LENGTH;
    }
    load(rdbLength);
    return true;
  }

  private void load(int length) {
    server.log().notice("MASTER <-> REPLICA sync: Loading DB in memory (" + length + " bytes)");
    RdbLoader loader = new RdbLoader(server, false, server.now());
    try {
      new RdbReader(new PayloadStream(payload, length)).read(loader);
    } catch (IOException e) {
      payload = null;
      throw new LinkException("Failed trying to load the MASTER synchronization DB from " + host + ":" + port
          + ": " + e.getMessage());
    }
    payload = null;
    loader.swapInto(server.keyspace());
    io.vigil.testkit.server.persistence.RdbFiles.installFunctions(server, loader);
    server.dataSetReplaced();
    source.adoptFullSync(fullSyncReplId, fullSyncOffset);
    hasHistory = true;
    server.log().notice("MASTER <-> REPLICA sync: Finished with success (" + loader.keys() + " keys, offset "
        + fullSyncOffset + ")");
    Dispatcher.Applier fresh = dispatcher.applier();
    String streamDb = loader.aux("repl-stream-db");
    if (streamDb != null) {
      fresh.apply(new byte[][] {bytes("SELECT"), bytes(streamDb)});
    }
    startStream(fresh);
    sendAck(); // a diskless master starts the stream on this first ACK
  }

  private void startStream(Dispatcher.Applier a) {
    applier = a;
    parser = new RespParser(RespParser.Mode.REQUEST, RespLimits.builder()
        .maxBulkLength(server.config().getLong("proto-max-bulk-len")).build());
    state = State.CONNECTED;
    step = Step.STREAM;
    attempts = 0;
    hasHistory = true;
  }

  /** Applies the master's commands that waited while a slow script ran. Server thread only. */
  public void resumeAfterBusyScript() {
    if (closed || pending == null || step != Step.STREAM || !pending.isReadable()) {
      return;
    }
    try {
      readStream();
    } catch (LinkException e) {
      server.log().warning(e.getMessage());
      channel.close();
    }
  }

  private void readStream() {
    while (pending.isReadable()) {
      if (server.busy() != null) {
        return; // as Redis, the master's stream waits while a slow script holds the server
      }
      int start = pending.readerIndex();
      RespValue v = parser.parse(pending);
      if (v == null) {
        // keep a partial command's bytes so they can be proxied whole
        pending.readerIndex(start);
        parser = new RespParser(RespParser.Mode.REQUEST, parser.limits());
        return;
      }
      int end = pending.readerIndex();
      byte[][] argv = argv(v);
      if (argv.length >= 2 && isWord(argv[0], REPLCONF) && isWord(argv[1], GETACK)) {
        sendAck(); // the offset before this GETACK, as Redis
      } else if (argv.length > 0) {
        applier.apply(argv);
      }
      // pending is a heap buffer: hand its bytes on without another copy
      source.proxy(pending.array(), pending.arrayOffset() + start, end - start, applier.db());
    }
  }

  /** The received payload as a stream; unlike ByteArrayInputStream, reads take no lock. */
  private static final class PayloadStream extends java.io.InputStream {
    private final byte[] data;
    private final int length;
    private int position;

    PayloadStream(byte[] data, int length) {
      this.data = data;
      this.length = length;
    }

    @Override
    public int read() {
      return position < length ? data[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= length) {
        return len == 0 ? 0 : -1;
      }
      int n = Math.min(len, length - position);
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }

  private static byte[][] argv(RespValue v) {
    if (!(v instanceof RespArray array)) {
      return new byte[0][];
    }
    List<RespValue> elements = array.elements();
    byte[][] argv = new byte[elements.size()][];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = ((RespBulkString) elements.get(i)).bytes();
    }
    return argv;
  }

  private static final byte[] REPLCONF = bytes("replconf");
  private static final byte[] GETACK = bytes("getack");

  /** Whether {@code arg} is {@code lowerCaseWord}, ignoring ASCII case. */
  private static boolean isWord(byte[] arg, byte[] lowerCaseWord) {
    if (arg.length != lowerCaseWord.length) {
      return false;
    }
    for (int i = 0; i < arg.length; i++) {
      if ((arg[i] | 0x20) != lowerCaseWord[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
