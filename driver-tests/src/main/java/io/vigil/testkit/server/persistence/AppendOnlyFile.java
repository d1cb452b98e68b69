package io.vigil.testkit.server.persistence;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespArray;
import io.vigil.resp.RespBulkString;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespParser;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespValue;
import io.vigil.testkit.server.command.Dispatcher;
import io.vigil.testkit.server.command.ServerContext;
import io.vigil.testkit.server.replication.ReplicationFeed;
import io.vigil.testkit.server.replication.StreamEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The append-only file, in Redis 7.0's multi-part layout: in {@code dir}/{@code appenddirname}
 * a manifest ({@code appendonly.aof.manifest}) naming a base RDB ({@code appendonly.aof.1.base.rdb})
 * and an incremental file of RESP commands ({@code appendonly.aof.1.incr.aof}), so Redis 7.0
 * can load what this writes.
 *
 * <p>Every propagated write is written to the file (with a {@code SELECT} when the database
 * changes) before its reply leaves the server, so a killed process keeps every acknowledged
 * write; {@code appendfsync always} also fsyncs each write, {@code everysec} once a second,
 * {@code no} leaves it to the OS. At start-up the base and incremental files are replayed; a
 * truncated tail is cut off and logged when {@code aof-load-truncated yes}, as Redis does, and
 * refused otherwise. After a full synchronization replaced a replica's data set the file starts
 * over from it ({@link #dataSetReplaced()}), as in Redis, so a restart loads what the replica
 * held; otherwise it is not compacted: there is no {@code BGREWRITEAOF}. Server thread only.
 */
public final class AppendOnlyFile implements ReplicationFeed, AutoCloseable {

  private final ServerContext server;
  private final String fsync;
  private final Path dir;
  private final String name;
  /** The files the manifest names now. */
  private final List<Path> files;
  private FileChannel channel;
  private int seq;
  private int db = -1;
  private boolean dirty;
  private io.netty.util.concurrent.ScheduledFuture<?> everysec;

  private AppendOnlyFile(ServerContext server, FileChannel channel, Path dir, String name, int seq, List<Path> files) {
    this.server = server;
    this.channel = channel;
    this.fsync = server.config().get("appendfsync");
    this.dir = dir;
    this.name = name;
    this.seq = seq;
    this.files = new ArrayList<>(files);
  }

  /**
   * Loads the AOF of {@code server}'s configuration when it exists (creating it, with a base
   * snapshot of the current data, when not) and returns the writer for new commands. Server
   * thread only, before clients are served.
   *
   * @throws IOException when the files cannot be read or written, or a truncated tail is not allowed
   */
  public static AppendOnlyFile open(ServerContext server, Dispatcher dispatcher) throws IOException {
    Path dir = Path.of(server.config().get("dir")).resolve(server.config().get("appenddirname"));
    String name = server.config().get("appendfilename");
    Path manifest = dir.resolve(name + ".manifest");
    List<Path> files = new ArrayList<>();
    int seq = 0;
    Path incr;
    if (Files.exists(manifest)) {
      Path last = null;
      for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
        String[] f = line.trim().split(" ");
        if (f.length < 6 || !f[0].equals("file")) {
          continue;
        }
        Path file = dir.resolve(f[1]);
        files.add(file);
        seq = Math.max(seq, parseSeq(f[3]));
        if (f[5].equals("b")) {
          if (f[1].endsWith(".rdb")) {
            RdbFiles.load(server, file);
          } else {
            replay(server, dispatcher, file);
          }
        } else if (f[5].equals("i")) {
          replay(server, dispatcher, file);
          last = file;
        }
      }
      if (last == null) {
        throw new IOException("The AOF manifest " + manifest + " names no incremental file");
      }
      incr = last;
    } else {
      Files.createDirectories(dir);
      seq = 1;
      Path base = writeBase(server, dir, name, seq);
      incr = dir.resolve(name + "." + seq + ".incr.aof");
      Files.write(incr, new byte[0]);
      writeManifest(manifest, base, incr, seq);
      files.add(base);
      files.add(incr);
      server.log().notice("Creating AOF base file " + base.getFileName() + " and incr file "
          + incr.getFileName() + " in " + dir);
    }
    FileChannel ch = FileChannel.open(incr, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    AppendOnlyFile aof = new AppendOnlyFile(server, ch, dir, name, seq, files);
    if (aof.fsync.equals("everysec")) {
      aof.everysec = server.eventLoop().scheduleAtFixedRate(aof::fsyncIfDirty, 1, 1, TimeUnit.SECONDS);
    }
    return aof;
  }

  /**
   * Starts the file over from the data set as it is now, as Redis does when a full
   * synchronization has replaced a replica's data set ({@code restartAOFAfterSYNC}): a new base
   * snapshot and an empty incremental file under the next sequence number, then the manifest
   * switched to them atomically and the old files deleted. Until the switch a restart loads the
   * old files; after it, the new data set. Server thread only.
   */
  @Override
  public void dataSetReplaced() {
    int next = seq + 1;
    try {
      Path base = writeBase(server, dir, name, next);
      Path incr = dir.resolve(name + "." + next + ".incr.aof");
      Files.write(incr, new byte[0]);
      FileChannel fresh = FileChannel.open(incr, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      writeManifest(dir.resolve(name + ".manifest"), base, incr, next);
      FileChannel old = channel;
      channel = fresh;
      db = -1;
      dirty = false;
      seq = next;
      try {
        old.close();
      } catch (IOException e) {
        server.log().warning("Can't close the previous AOF file: " + e.getMessage());
      }
      for (Path f : files) {
        Files.deleteIfExists(f);
      }
      files.clear();
      files.add(base);
      files.add(incr);
      server.log().notice("Background AOF rewrite finished successfully: base " + base.getFileName()
          + ", incr " + incr.getFileName());
    } catch (IOException e) {
      server.log().warning("Background AOF rewrite after the sync failed: " + e.getMessage()
          + "; the AOF keeps the previous data set until the next sync");
    }
  }

  private static int parseSeq(String value) throws IOException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IOException("Bad sequence '" + value + "' in the AOF manifest", e);
    }
  }

  private static Path writeBase(ServerContext server, Path dir, String name, int seq) throws IOException {
    Path base = dir.resolve(name + "." + seq + ".base.rdb");
    try (FileChannel file = FileChannel.open(base, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(file), 1 << 16)) {
      RdbSnapshot.write(server.keyspace(), RdbFiles.functionLibraries(server), out, RdbFiles.options(server.config()), null, true);
      out.flush();
      file.force(true);
    }
    return base;
  }

  private static void writeManifest(Path manifest, Path base, Path incr, int seq) throws IOException {
    Path tmp = manifest.resolveSibling("temp-" + manifest.getFileName());
    Files.writeString(tmp, "file " + base.getFileName() + " seq " + seq + " type b\n"
        + "file " + incr.getFileName() + " seq " + seq + " type i\n", StandardCharsets.UTF_8);
    Files.move(tmp, manifest, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Replays a file of RESP commands, cutting a truncated tail as {@code aof-load-truncated} says. */
  static void replay(ServerContext server, Dispatcher dispatcher, Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    ByteBuf in = Unpooled.wrappedBuffer(data);
    RespParser parser = new RespParser(RespParser.Mode.REQUEST, RespLimits.builder()
        .maxBulkLength(server.config().getLong("proto-max-bulk-len")).build());
    Dispatcher.Applier applier = dispatcher.applier();
    long commands = 0;
    int good = 0;
    boolean truncated = false;
    try {
      while (in.isReadable()) {
        RespValue v = parser.parse(in);
        if (v == null) {
          truncated = true;
          break;
        }
        applier.apply(argv(v));
        commands++;
        good = in.readerIndex();
      }
    } catch (RespProtocolException e) {
      throw new IOException("Bad file format reading the append only file " + file + " at offset " + good
          + ": " + e.getMessage() + " (use redis-check-aof --fix)", e);
    }
    if (truncated) {
      if (!server.config().getBool("aof-load-truncated")) {
        throw new IOException("Unexpected end of file reading the append only file " + file + " at offset "
            + good + " of " + data.length + ". You can: 1) Make a backup of your AOF file, then use "
            + "./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the "
            + "'aof-load-truncated' configuration option to yes and restart the server.");
      }
      server.log().warning("!!! Warning: short read while loading the AOF file " + file + "!!!");
      server.log().warning("!!! Truncating the AOF " + file + " at offset " + good + " !!!");
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(good);
      }
      server.log().warning("AOF " + file + " loaded anyway because aof-load-truncated is enabled");
    }
    server.log().notice("DB loaded from incr file " + file.getFileName() + " (" + commands + " commands)");
  }

  private static byte[][] argv(RespValue v) {
    List<RespValue> elements = v instanceof RespArray a ? a.elements() : new ArrayList<>();
    byte[][] argv = new byte[elements.size()][];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = ((RespBulkString) elements.get(i)).bytes();
    }
    return argv;
  }

  @Override
  public void propagate(int db, List<byte[]> argv) {
    try {
      if (db != this.db) {
        write(StreamEncoder.encode("SELECT", Integer.toString(db)));
        this.db = db;
      }
      write(StreamEncoder.encode(argv));
      if (fsync.equals("always")) {
        channel.force(false);
      } else {
        dirty = true;
      }
    } catch (IOException e) {
      // Redis exits when it cannot write the AOF; an embedded server logs and keeps serving
      server.log().warning("Error writing to the AOF file: " + e.getMessage());
    }
  }

  private void write(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  private void fsyncIfDirty() {
    if (!dirty) {
      return;
    }
    dirty = false;
    try {
      channel.force(false);
    } catch (IOException e) {
      server.log().warning("Can't fsync the AOF file: " + e.getMessage());
    }
  }

  /** Flushes and closes the file. */
  @Override
  public void close() {
    if (everysec != null) {
      everysec.cancel(false);
    }
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
