package io.vigil.testkit.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.process.RespSocket;
import io.vigil.testkit.server.VigilServer;
import io.vigil.testkit.server.rdb.RdbVisitor;
import io.vigil.testkit.server.rdb.RdbWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The replica's side of the protocol against a scripted master that sends every byte in its own
 * TCP segment: the handshake Redis sends, {@code PSYNC ? -1}, keep-alive newlines, a diskless
 * {@code $EOF:} payload, the first ACK, the stream applied with its offset, and {@code GETACK}
 * answered with the offset before the GETACK itself.
 */
class MasterLinkTest {

  private static final String REPL_ID = "0123456789abcdef0123456789abcdef01234567";
  private static final String MARK = "fedcba9876543210fedcba9876543210fedcba98";

  @Test
  void replicaFollowsAScriptedMasterByteByByte() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        VigilServer replica = VigilServer.builder()
            .directive("replicaof", "127.0.0.1", Integer.toString(listener.getLocalPort())).start();
        Socket master = listener.accept()) {
      master.setSoTimeout(10_000);
      master.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(master.getInputStream());
      OutputStream out = master.getOutputStream();

      assertThat(readCommand(in)).containsExactly("PING");
      trickle(out, "+PONG\r\n");
      assertThat(readCommand(in)).containsExactly("REPLCONF", "listening-port", Integer.toString(replica.port()));
      assertThat(readCommand(in)).containsExactly("REPLCONF", "capa", "eof", "capa", "psync2");
      trickle(out, "+OK\r\n+OK\r\n");
      assertThat(readCommand(in)).containsExactly("PSYNC", "?", "-1");

      ByteArrayOutputStream rdb = new ByteArrayOutputStream();
      new RdbWriter(rdb).header().auxFields(0, 0, new RdbWriter.ReplicationAux(0, REPL_ID, 100), false)
          .selectDb(0).resizeDb(1, 0).string(bytes("loaded"), bytes("yes"), RdbVisitor.NO_EXPIRY).end();
      ByteArrayOutputStream fullSync = new ByteArrayOutputStream();
      fullSync.writeBytes(bytes("+FULLRESYNC " + REPL_ID + " 100\r\n\n\n$EOF:" + MARK + "\r\n"));
      fullSync.writeBytes(rdb.toByteArray());
      fullSync.writeBytes(bytes(MARK));
      trickle(out, fullSync.toByteArray());
      assertThat(readCommand(in)).containsExactly("REPLCONF", "ACK", "100");

      byte[] stream = concat(
          StreamEncoder.encode("SELECT", "0"),
          StreamEncoder.encode("SET", "a", "1"),
          StreamEncoder.encode("PING"),
          StreamEncoder.encode("RPUSH", "l", "x", "y"));
      byte[] getack = StreamEncoder.encode("REPLCONF", "GETACK", "*");
      trickle(out, concat(stream, getack));
      long expected = 100 + stream.length;
      awaitAck(in, expected);

      assertThat(RespSocket.text(Nodes.call(replica.address(), "GET", "loaded"))).isEqualTo("yes");
      assertThat(RespSocket.text(Nodes.call(replica.address(), "GET", "a"))).isEqualTo("1");
      assertThat(RespSocket.texts(Nodes.call(replica.address(), "LRANGE", "l", "0", "-1"))).containsExactly("x", "y");
      var info = Nodes.info(replica.address(), "replication");
      assertThat(info.get("master_replid")).isEqualTo(REPL_ID);
      assertThat(info.get("slave_repl_offset")).isEqualTo(Long.toString(expected + getack.length));
      assertThat(info.get("master_link_status")).isEqualTo("up");
    }
  }

  @Test
  void corruptSnapshotLeavesTheDataSetAsItWasAndReconnects() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        VigilServer node = VigilServer.builder().start()) {
      Nodes.call(node.address(), "SET", "old", "kept");
      String myId = Nodes.info(node.address(), "replication").get("master_replid");
      Nodes.call(node.address(), "REPLICAOF", "127.0.0.1", Integer.toString(listener.getLocalPort()));
      try (Socket master = listener.accept()) {
        master.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(master.getInputStream());
        OutputStream out = master.getOutputStream();
        assertThat(readCommand(in)).containsExactly("PING");
        out.write(bytes("+PONG\r\n"));
        readCommand(in);
        readCommand(in);
        out.write(bytes("+OK\r\n+OK\r\n"));
        // a node that was a master continues its own history
        assertThat(readCommand(in)).containsExactly("PSYNC", myId, "1");
        ByteArrayOutputStream rdb = new ByteArrayOutputStream();
        new RdbWriter(rdb).header().selectDb(0).string(bytes("new"), bytes("value"), RdbVisitor.NO_EXPIRY).end();
        byte[] payload = rdb.toByteArray();
        payload[payload.length - 3] ^= 0x55; // breaks the CRC-64
        out.write(bytes("+FULLRESYNC " + REPL_ID + " 0\r\n$" + payload.length + "\r\n"));
        out.write(payload);
        out.flush();
        assertThat(in.read()).as("the replica drops the link").isEqualTo(-1);
      }
      try (Socket again = listener.accept()) {
        again.setSoTimeout(10_000);
        assertThat(readCommand(new DataInputStream(again.getInputStream()))).containsExactly("PING");
      }
      assertThat(RespSocket.text(Nodes.call(node.address(), "GET", "old"))).isEqualTo("kept");
      assertThat(RespSocket.text(Nodes.call(node.address(), "EXISTS", "new"))).isEqualTo("0");
    }
  }

  private static void awaitAck(DataInputStream in, long expected) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<String> ack = readCommand(in);
      assertThat(ack.subList(0, 2)).containsExactly("REPLCONF", "ACK");
      long offset = Long.parseLong(ack.get(2));
      assertThat(offset).isLessThanOrEqualTo(expected);
      if (offset == expected) {
        return;
      }
    }
    throw new AssertionError("no REPLCONF ACK " + expected + " within 10 s");
  }

  /** Writes each byte in its own flush, so the replica sees every possible split. */
  private static void trickle(OutputStream out, String text) throws IOException {
    trickle(out, bytes(text));
  }

  private static void trickle(OutputStream out, byte[] data) throws IOException {
    for (byte b : data) {
      out.write(b);
      out.flush();
    }
  }

  private static List<String> readCommand(DataInputStream in) throws IOException {
    String header = readLine(in);
    assertThat(header).startsWith("*");
    int n = Integer.parseInt(header.substring(1));
    List<String> argv = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String len = readLine(in);
      byte[] arg = new byte[Integer.parseInt(len.substring(1))];
      in.readFully(arg);
      readLine(in);
      argv.add(new String(arg, StandardCharsets.UTF_8));
    }
    return argv;
  }

  private static String readLine(InputStream in) throws IOException {
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

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
