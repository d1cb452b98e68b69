package io.vigil.testkit.server.rdb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our reader as a replica's: a scripted replica does the PSYNC handshake with a real
 * redis-server 7.0 master and loads the full-sync payload it sends, both disk-based
 * ({@code $<length>}) and diskless ({@code $EOF:<mark>}), then reads the command stream that
 * follows on the same connection.
 */
class RdbFromRealMasterInteropTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void requireRedis() {
    RealRedis.requireServer();
  }

  @Test
  void loadsADiskBasedFullSyncPayload() throws IOException {
    fullSync(false);
  }

  @Test
  void loadsADisklessFullSyncPayloadAndItsEofMark() throws IOException {
    fullSync(true);
  }

  private void fullSync(boolean diskless) throws IOException {
    RdbTestData data = RdbTestData.standard(System.currentTimeMillis());
    try (RedisServerProcess master = RedisServerProcess.builder().directory(dir)
            .directive("enable-debug-command", "yes")
            .directive("repl-diskless-sync", diskless ? "yes" : "no")
            .directive("repl-diskless-sync-delay", "0").start();
        RespTestClient client = new RespTestClient(master.address());
        Socket link = new Socket(master.host(), master.port())) {
      data.populate(client);
      link.setSoTimeout(20_000);
      InputStream in = new BufferedInputStream(link.getInputStream());
      OutputStream out = link.getOutputStream();

      assertThat(command(out, in, "PING")).isEqualTo("+PONG");
      assertThat(command(out, in, "REPLCONF", "listening-port", "6999")).isEqualTo("+OK");
      assertThat(command(out, in, "REPLCONF", "capa", "eof", "capa", "psync2")).isEqualTo("+OK");
      String reply = command(out, in, "PSYNC", "?", "-1");
      assertThat(reply).startsWith("+FULLRESYNC ");
      String[] parts = reply.split(" ");
      String replId = parts[1];
      long offset = Long.parseLong(parts[2]);

      String bulk = line(in);
      while (bulk.isEmpty()) {
        bulk = line(in); // newlines keep the link alive while the master prepares the RDB
      }
      RecordingVisitor rdb = new RecordingVisitor();
      long consumed = new RdbReader(in).read(rdb);
      if (diskless) {
        assertThat(bulk).startsWith("$EOF:").hasSize(5 + 40);
        assertThat(new String(in.readNBytes(40), ISO_8859_1)).as("the EOF mark after the RDB")
            .isEqualTo(bulk.substring(5));
      } else {
        assertThat(consumed).isEqualTo(Long.parseLong(bulk.substring(1)));
      }

      assertThat(rdb.ended).isTrue();
      assertThat(rdb.aux).containsEntry("repl-id", replId).containsEntry("repl-offset", Long.toString(offset))
          .containsEntry("repl-stream-db", "0");
      for (RdbTestData.Entry e : data.entries()) {
        RecordingVisitor.Loaded got = rdb.dbs.get(e.db).get(e.key);
        assertThat(got).as(e.key).isNotNull();
        assertThat(got.expireAtMs).as(e.key).isEqualTo(e.expireAtMs);
        assertThat(RdbTestData.canonical(e.kind, got.value)).as(e.key).isEqualTo(RdbTestData.canonical(e.kind, e.value));
      }

      // After a diskless transfer the master starts the stream at the replica's first ACK that
      // arrives once it has seen the transfer end; an earlier ACK is ignored, so, like a real
      // replica, keep acknowledging (every second) until the stream flows.
      send(out, "REPLCONF", "ACK", Long.toString(offset));
      // the command stream continues on the same connection, right after the payload
      client.call("SELECT", 0);
      client.call("SET", "after-sync", "yes");
      link.setSoTimeout(1000);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
      List<String> next = null;
      while (next == null) {
        try {
          next = readCommandSkippingPings(in);
        } catch (java.net.SocketTimeoutException quiet) {
          if (System.nanoTime() > deadline) {
            throw quiet;
          }
          send(out, "REPLCONF", "ACK", Long.toString(offset));
        }
      }
      if (next.get(0).equalsIgnoreCase("SELECT")) {
        next = readCommandSkippingPings(in);
      }
      assertThat(next).containsExactly("SET", "after-sync", "yes");
    }
  }

  private static String command(OutputStream out, InputStream in, String... args) throws IOException {
    send(out, args);
    return line(in);
  }

  private static void send(OutputStream out, String... args) throws IOException {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    }
    out.write(sb.toString().getBytes(ISO_8859_1));
    out.flush();
  }

  private static List<String> readCommandSkippingPings(InputStream in) throws IOException {
    while (true) {
      String header = line(in);
      int n = Integer.parseInt(header.substring(1));
      List<String> args = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int len = Integer.parseInt(line(in).substring(1));
        args.add(new String(in.readNBytes(len), ISO_8859_1));
        line(in);
      }
      if (!args.get(0).equalsIgnoreCase("PING")) {
        return args;
      }
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("the master closed the link");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
