package io.vigil.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespValue;
import io.vigil.testkit.junit.RealRedis;
import io.vigil.testkit.process.RedisServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the Lua script corpus ({@code src/test/resources/scripting/*.lua.txt}) against the Java
 * server and a real {@code redis-server}, over RESP2 and RESP3, and compares every reply, error
 * texts included; then compares what each server sent its replica, so scripts' writes are
 * replicated as Redis 7.0 replicates them (the effects, wrapped in MULTI/EXEC).
 *
 * <p>Corpus syntax: a case starts with {@code --- <name>} optionally followed by {@code |} and
 * the EVAL arguments after the script ({@code numkeys key... arg...}, default {@code 0}); the
 * lines up to the next case are the script. A line {@code >>> <command>} inside a case is sent
 * before the script, on both servers, its reply compared too. {@code --- <name> | ... @resp2}
 * runs the script over RESP2 only ({@code @resp3} likewise), {@code @unordered} compares
 * aggregate replies as multisets (Lua's table order is a hash order), {@code @sha} runs the
 * script by EVALSHA after SCRIPT LOAD.
 */
class LuaScriptCorpusTest {

  private static final List<String> FILES = List.of("basics", "conversions", "errors", "sandbox",
      "libraries", "replication");

  private static RedisServerProcess redis;
  private static VigilServer vigil;

  @BeforeAll
  static void start() {
    RealRedis.requireServer();
    redis = RedisServerProcess.builder().start();
    vigil = VigilServer.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    if (vigil != null) {
      vigil.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  record Case(String file, int line, String name, String body, List<String> setup, List<byte[]> args,
      boolean resp2, boolean resp3, boolean unordered, boolean bySha) {}

  static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    for (String file : FILES) {
      String text;
      try (InputStream in = LuaScriptCorpusTest.class.getResourceAsStream("/scripting/" + file + ".lua.txt")) {
        assertThat(in).as("corpus file %s", file).isNotNull();
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String[] lines = text.split("\n", -1);
      String header = null;
      int headerLine = 0;
      StringBuilder body = new StringBuilder();
      List<String> setup = new ArrayList<>();
      for (int i = 0; i <= lines.length; i++) {
        String line = i < lines.length ? lines[i] : "--- end";
        if (line.startsWith("--- ")) {
          if (header != null) {
            cases.add(parse(file, headerLine, header, body.toString(), setup));
          }
          header = line.substring(4);
          headerLine = i + 1;
          body.setLength(0);
          setup = new ArrayList<>();
        } else if (line.startsWith(">>> ")) {
          setup.add(line.substring(4));
        } else if (header != null) {
          if (body.length() > 0) {
            body.append('\n');
          }
          body.append(line);
        }
      }
    }
    return cases;
  }

  private static Case parse(String file, int line, String header, String body, List<String> setup) {
    String name = header;
    String rest = "0";
    int bar = header.indexOf('|');
    if (bar >= 0) {
      name = header.substring(0, bar).trim();
      rest = header.substring(bar + 1).trim();
    }
    boolean resp2 = !rest.contains("@resp3");
    boolean resp3 = !rest.contains("@resp2");
    boolean unordered = rest.contains("@unordered");
    boolean bySha = rest.contains("@sha");
    rest = rest.replace("@resp2", "").replace("@resp3", "").replace("@unordered", "").replace("@sha", "").trim();
    if (rest.isEmpty()) {
      rest = "0";
    }
    String trimmed = body.replaceAll("\\s+$", "");
    return new Case(file, line, name, trimmed, setup, DifferentialTest.Args.split(rest), resp2, resp3,
        unordered, bySha);
  }

  @Test
  void corpusAnswersLikeRedis() {
    List<Case> cases = corpus();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    try (RespTestClient real2 = new RespTestClient(redis.address());
        RespTestClient java2 = new RespTestClient(vigil.address());
        RespTestClient real3 = new RespTestClient(redis.address());
        RespTestClient java3 = new RespTestClient(vigil.address());
        ReplicaFeed realFeed = new ReplicaFeed(redis.address());
        ReplicaFeed javaFeed = new ReplicaFeed(vigil.address())) {
      real3.call("HELLO", "3");
      java3.call("HELLO", "3");
      for (Case k : cases) {
        for (int proto = 2; proto <= 3; proto++) {
          if ((proto == 2 && !k.resp2()) || (proto == 3 && !k.resp3())) {
            continue;
          }
          RespTestClient real = proto == 2 ? real2 : real3;
          RespTestClient java = proto == 2 ? java2 : java3;
          String where = k.file() + ".lua.txt:" + k.line() + " " + k.name() + " (RESP" + proto + ")";
          for (String command : k.setup()) {
            compared++;
            compare(where + " >>> " + command, real, java, DifferentialTest.Args.split(command), false, mismatches);
          }
          List<byte[]> argv = new ArrayList<>();
          if (k.bySha()) {
            compare(where + " SCRIPT LOAD", real, java,
                List.of(bytes("SCRIPT"), bytes("LOAD"), bytes(k.body())), false, mismatches);
            argv.add(bytes("EVALSHA"));
            argv.add(bytes(sha1(k.body())));
          } else {
            argv.add(bytes("EVAL"));
            argv.add(bytes(k.body()));
          }
          argv.addAll(k.args());
          compared++;
          compare(where, real, java, argv, k.unordered(), mismatches);
        }
      }
      // the replication streams: every write the corpus made, as each server propagated it
      real2.call("SET", "corpus-end", "1");
      java2.call("SET", "corpus-end", "1");
      List<String> realStream = realFeed.untilKey("corpus-end");
      List<String> javaStream = javaFeed.untilKey("corpus-end");
      for (int i = 0; i < Math.max(realStream.size(), javaStream.size()); i++) {
        String e = i < realStream.size() ? realStream.get(i) : "(nothing)";
        String a = i < javaStream.size() ? javaStream.get(i) : "(nothing)";
        if (!e.equals(a)) {
          mismatches.add("replication stream, command " + i + "\n    redis: " + e + "\n    vigil: " + a
              + "\n    redis before: " + realStream.subList(Math.max(0, i - 3), Math.min(i, realStream.size())));
          break;
        }
      }
      assertThat(realStream).as("the corpus writes").hasSizeGreaterThan(20);
    }
    assertThat(mismatches).as("%d cases, %d replies compared", cases.size(), compared).isEmpty();
  }

  private static void compare(String where, RespTestClient real, RespTestClient java, List<byte[]> argv,
      boolean unordered, List<String> mismatches) {
    byte[][] a = argv.toArray(new byte[0][]);
    real.send(a);
    java.send(a);
    RespValue e = real.read();
    RespValue v = java.read();
    if (unordered) {
      e = DifferentialTest.normalize(e);
      v = DifferentialTest.normalize(v);
    }
    if (!e.equals(v)) {
      mismatches.add(where + "\n    redis: " + DifferentialTest.show(e) + "\n    vigil: " + DifferentialTest.show(v));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String sha1(String body) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes(body)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A replica's view of a server: PSYNC, skip the RDB, then the commands it streams. */
  static final class ReplicaFeed implements AutoCloseable {
    private final java.net.Socket socket;
    private final java.io.InputStream in;
    private final io.vigil.resp.RespParser parser =
        new io.vigil.resp.RespParser(io.vigil.resp.RespParser.Mode.REPLY, io.vigil.resp.RespLimits.DEFAULT);
    private final io.netty.buffer.ByteBuf buffer = io.netty.buffer.Unpooled.buffer();

    ReplicaFeed(java.net.InetSocketAddress address) {
      try {
        socket = new java.net.Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(15_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        java.io.OutputStream out = socket.getOutputStream();
        out.write("REPLCONF listening-port 1\r\n".getBytes(StandardCharsets.US_ASCII));
        line(); // +OK
        out.write("REPLCONF capa psync2\r\n".getBytes(StandardCharsets.US_ASCII));
        line(); // +OK
        out.write("PSYNC ? -1\r\n".getBytes(StandardCharsets.US_ASCII));
        String reply = line();
        assertThat(reply).startsWith("+FULLRESYNC");
        String size = line();
        while (size.isEmpty()) {
          size = line(); // newlines a master sends while it prepares the snapshot
        }
        long n = Long.parseLong(size.substring(1));
        in.readNBytes((int) n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("closed");
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }

    private RespValue read() throws IOException {
      byte[] chunk = new byte[16384];
      while (true) {
        RespValue v = parser.parse(buffer);
        if (v != null) {
          buffer.discardReadBytes();
          return v;
        }
        int n = in.read(chunk);
        if (n < 0) {
          throw new IOException("connection closed by the server");
        }
        buffer.writeBytes(chunk, 0, n);
      }
    }

    /** The commands streamed (PING, SELECT and REPLCONF left out) up to the SET of {@code key}. */
    List<String> untilKey(String key) {
      List<String> out = new ArrayList<>();
      try {
        while (true) {
          RespValue v = read();
          if (!(v instanceof RespArray a)) {
            continue;
          }
          List<String> words = new ArrayList<>();
          for (RespValue e : a.elements()) {
            words.add(((RespBulkString) e).asString());
          }
          String name = words.get(0).toUpperCase(java.util.Locale.ROOT);
          if (name.equals("PING") || name.equals("SELECT") || name.equals("REPLCONF")) {
            continue;
          }
          if (name.equals("SET") && words.get(1).equals(key)) {
            return out;
          }
          // absolute expiry times differ by the milliseconds between the two servers' runs
          words.set(0, name); // a command name's letter case means nothing to a replica
          out.add(String.join(" ", words).replaceAll("(?i)(PXAT|PEXPIREAT (\\S+)) \\d{13}", "$1 <time>"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      buffer.release();
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
