package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import io.vigil.testkit.server.replication.PsyncDecision;
import io.vigil.testkit.server.replication.ReplicationBacklog;
import io.vigil.testkit.server.replication.ReplicationIds;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real redis-server 7.0 replica of a scripted master built from this package's writer and the
 * replication core: it must load our RDB as its full-sync payload, apply the stream, and after
 * a broken link resume with {@code +CONTINUE} from our backlog.
 */
class RdbReplicaFullSyncInteropTest {

  private static final long SNAPSHOT_OFFSET = 1000;

  @TempDir
  Path dir;

  @Test
  void realReplicaLoadsOurFullSyncThenContinuesFromOurBacklog() throws IOException {
    RealRedis.requireServer();
    RdbTestData data = RdbTestData.standard(System.currentTimeMillis());
    ReplicationIds ids = new ReplicationIds(new Random(7));
    ReplicationBacklog backlog = new ReplicationBacklog(ReplicationBacklog.DEFAULT_SIZE, SNAPSHOT_OFFSET);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    data.write(new RdbWriter(payload, RdbOptions.builder().listPackedThreshold(RdbTestData.PACKED_THRESHOLD).build()),
        System.currentTimeMillis() / 1000, new RdbWriter.ReplicationAux(0, ids.replId(), SNAPSHOT_OFFSET));

    try (ServerSocket master = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      master.setSoTimeout(20_000);
      try (RedisServerProcess replica = RedisServerProcess.builder().directory(dir)
              .directive("replicaof", "127.0.0.1", Integer.toString(master.getLocalPort())).start();
          RespTestClient client = new RespTestClient(replica.address())) {

        try (Socket link = master.accept()) {
          ReplicaLink replicaLink = new ReplicaLink(link);
          List<String> psync = replicaLink.handshake();
          assertThat(psync).containsExactly("PSYNC", "?", "-1");
          PsyncDecision decision = PsyncDecision.decide(ids, backlog, psync.get(1), Long.parseLong(psync.get(2)));
          assertThat(decision.reason()).isEqualTo(PsyncDecision.Reason.FULL_RESYNC_REQUESTED);
          replicaLink.write(decision.fullResyncReply(SNAPSHOT_OFFSET).getBytes(ISO_8859_1));
          replicaLink.write(("$" + payload.size() + "\r\n").getBytes(ISO_8859_1));
          replicaLink.write(payload.toByteArray());
          replicaLink.propagate(backlog, "SELECT", "0");
          replicaLink.propagate(backlog, "SET", "live", "1");

          await(() -> "1".equals(textOrNull(client.call("GET", "live"))), "the streamed SET on the replica");
          Map<String, String> info = info(client);
          assertThat(info).containsEntry("master_link_status", "up")
              .containsEntry("master_replid", ids.replId())
              .containsEntry("master_repl_offset", Long.toString(backlog.masterReplOffset()));
          for (Map.Entry<Integer, List<RdbTestData.Entry>> db : data.byDb().entrySet()) {
            client.call("SELECT", db.getKey());
            int extra = db.getKey() == 0 ? 1 : 0; // "live"
            assertThat(client.number("DBSIZE")).isEqualTo(db.getValue().size() + extra);
            for (RdbTestData.Entry e : db.getValue()) {
              assertThat(client.text("OBJECT", "ENCODING", e.keyBytes())).as(e.key).isEqualTo(data.expectedEncoding(e));
              assertThat(client.number("PEXPIRETIME", e.keyBytes())).as(e.key).isEqualTo(e.expireAtMs);
            }
          }
          client.call("SELECT", 0);
        }

        // The link broke; the master keeps writing into its backlog meanwhile.
        long replicaHas = backlog.masterReplOffset();
        byte[] missed = RespCommand.encode("SET", "while-down", "2");
        backlog.append(missed);

        try (Socket link = master.accept()) {
          ReplicaLink replicaLink = new ReplicaLink(link);
          List<String> psync = replicaLink.handshake();
          assertThat(psync).containsExactly("PSYNC", ids.replId(), Long.toString(replicaHas + 1));
          PsyncDecision decision = PsyncDecision.decide(ids, backlog, psync.get(1), Long.parseLong(psync.get(2)));
          assertThat(decision.isContinue()).as(decision.logMessage()).isTrue();
          replicaLink.write(decision.continueReply(true).getBytes(ISO_8859_1));
          backlog.forEachChunkFrom(decision.offset(), replicaLink::write);
          replicaLink.flush();

          await(() -> "2".equals(textOrNull(client.call("GET", "while-down"))), "the missed SET via +CONTINUE");
          Map<String, String> info = info(client);
          assertThat(info).containsEntry("master_link_status", "up")
              .containsEntry("master_repl_offset", Long.toString(backlog.masterReplOffset()));
          assertThat(replica.log()).contains("Successful partial resynchronization with master");
        }
      }
    }
  }

  private static String textOrNull(Object reply) {
    return reply == null ? null : new String((byte[]) reply, ISO_8859_1);
  }

  private static Map<String, String> info(RespTestClient client) {
    Map<String, String> fields = new java.util.HashMap<>();
    for (String line : client.text("INFO", "replication").split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return fields;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  /** RESP multibulk encoding of a command, as a master propagates it. */
  static final class RespCommand {
    private RespCommand() {}

    static byte[] encode(String... args) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(("*" + args.length + "\r\n").getBytes(ISO_8859_1));
      for (String a : args) {
        byte[] b = a.getBytes(ISO_8859_1);
        out.writeBytes(("$" + b.length + "\r\n").getBytes(ISO_8859_1));
        out.writeBytes(b);
        out.writeBytes("\r\n".getBytes(ISO_8859_1));
      }
      return out.toByteArray();
    }
  }

  /** The master's end of a replication link, scripted. */
  private static final class ReplicaLink {
    private final InputStream in;
    private final OutputStream out;

    ReplicaLink(Socket socket) throws IOException {
      socket.setSoTimeout(20_000);
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    /** Answers PING and REPLCONF as a master does, and returns the PSYNC command. */
    List<String> handshake() throws IOException {
      while (true) {
        List<String> command = readCommand();
        String name = command.get(0).toUpperCase();
        if (name.equals("PING")) {
          write("+PONG\r\n".getBytes(ISO_8859_1));
        } else if (name.equals("REPLCONF")) {
          write("+OK\r\n".getBytes(ISO_8859_1));
        } else if (name.equals("PSYNC")) {
          return command;
        } else {
          throw new AssertionError("unexpected command from the replica during the handshake: " + command);
        }
      }
    }

    void propagate(ReplicationBacklog backlog, String... args) throws IOException {
      byte[] command = RespCommand.encode(args);
      backlog.append(command);
      write(command);
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    void write(byte[] bytes, int offset, int length) {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    void flush() throws IOException {
      out.flush();
    }

    private List<String> readCommand() throws IOException {
      String header = line();
      if (!header.startsWith("*")) {
        throw new AssertionError("expected a multibulk command from the replica, got '" + header + "'");
      }
      int n = Integer.parseInt(header.substring(1));
      List<String> args = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int len = Integer.parseInt(line().substring(1));
        args.add(new String(in.readNBytes(len), ISO_8859_1));
        line();
      }
      return args;
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("the replica closed the link");
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }
  }
}
